import type pg from 'pg';
import type { Kysely, PostgresPoolClient } from 'kysely';
import { UsageError } from '../shared/errors.ts';
import { kysely } from './kysely-runtime.ts';
import { ddlFor, type Ddl } from './migrations/ddl.ts';
import type { Store } from './open-store.ts';
import { connectPostgres, postgresSql } from './postgres-sql.ts';
import type { Database } from './schema.ts';
import { describeTarget } from './sql.ts';

/**
 * A workspace in a PostgreSQL database: one connection for the whole command, shared by kysely
 * (its pool hands out that same client, never releasing it) and the raw SQL, so one transaction
 * holds everything the command writes. The database must compare text by bytes (collation C),
 * as SQLite does: ordered outputs must be byte-identical on both stores.
 */
export async function openPostgres(url: string, migrate: (db: Kysely<Database>, d: Ddl) => Promise<void>): Promise<Store> {
  let client: pg.Client;
  try {
    client = await connectPostgres(url);
  } catch (e) {
    throw new UsageError(`--db ${describeTarget(url)}: cannot connect to PostgreSQL (${reason(e)})`);
  }
  try {
    const row = (await client.query("SELECT datcollate, pg_encoding_to_char(encoding) AS encoding FROM pg_database WHERE datname = current_database()")).rows[0] as { datcollate: string; encoding: string };
    if (!['C', 'POSIX'].includes(row.datcollate) || row.encoding !== 'UTF8') {
      throw new UsageError(`--db ${describeTarget(url)}: the database has collation ${row.datcollate} and encoding ${row.encoding}; tfpbr needs collation C and UTF8 `
        + `(CREATE DATABASE … TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C')`);
    }
    await client.query('SET client_min_messages = warning');
  } catch (e) {
    await client.end().catch(() => {});
    throw e;
  }
  const sql = postgresSql(client);
  // kysely's queries join the same line as the store's own (see postgresSql).
  const shared = { query: (...args: unknown[]) => sql.serial(() => (client.query as (...a: unknown[]) => Promise<unknown>)(...args)), release: () => {} } as unknown as PostgresPoolClient;
  const db = new kysely.Kysely<Database>({
    dialect: new kysely.PostgresDialect({ pool: { connect: async () => { sql.beforeQuery(); return shared; }, end: async () => {} } }),
  });
  await migrate(db, ddlFor('postgres')).catch(async (e) => { await client.end().catch(() => {}); throw e; });
  return {
    db,
    sql,
    get sqlite(): never { throw new Error('this step has no PostgreSQL version yet (store.sqlite)'); },
    close: async () => { await db.destroy(); await sql.close(); },
    abort: () => terminate(url, client),
  };
}

/**
 * Ends the command's session from a second connection (the first may be busy with a statement
 * that would run on after our socket closed): the server rolls back and frees the advisory lock now.
 */
async function terminate(url: string, client: pg.Client): Promise<void> {
  const pid = (client as unknown as { processID?: number }).processID;
  try {
    if (pid) {
      const admin = await connectPostgres(url);
      try { await admin.query('SELECT pg_terminate_backend($1)', [pid]); } finally { await admin.end().catch(() => {}); }
    }
  } catch { /* the server is gone or refused: closing our socket below is all that is left */ }
  (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
}

function reason(e: unknown): string {
  const err = e as { code?: string };
  return err.code ?? (e instanceof Error ? e.name : 'error');
}
