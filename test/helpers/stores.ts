import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { tempDir } from './cli.ts';

/**
 * The stores a store or end-to-end test runs on: SQLite always; PostgreSQL when TFPBR_TEST_PG names
 * a server (scripts/with-postgres.sh, which `npm test` runs through, starts one and sets it).
 * Each `target()` is a fresh, empty database: a SQLite file in a temp folder, or a new PostgreSQL
 * database (collation C, as the store requires) on that server.
 */
export interface StoreKind {
  readonly name: 'sqlite' | 'postgres';
  target(): Promise<string>;
}

const PG = process.env.TFPBR_TEST_PG && process.env.TFPBR_TEST_PG !== 'off' ? process.env.TFPBR_TEST_PG : null;
let announced = false;
let databases = 0;

export const SQLITE: StoreKind = { name: 'sqlite', target: async () => join(tempDir(), 'tfpbr.db') };
export const POSTGRES: StoreKind = { name: 'postgres', target: () => freshPostgresDatabase() };

/** The kinds to run on; says once (stderr) when PostgreSQL is skipped. */
export function storeKinds(): StoreKind[] {
  if (PG) return [SQLITE, POSTGRES];
  if (!announced) {
    announced = true;
    process.stderr.write('PostgreSQL store tests SKIPPED: TFPBR_TEST_PG is not set (npm test sets it through scripts/with-postgres.sh)\n');
  }
  return [SQLITE];
}

export const hasPostgres = (): boolean => PG !== null;

/** A new database on the test server, named for this process. */
export async function freshPostgresDatabase(): Promise<string> {
  if (!PG) throw new Error('TFPBR_TEST_PG is not set');
  const name = `tfpbr_t${process.pid}_${++databases}_${Date.now() % 1_000_000}`;
  const admin = new pg.Client({ connectionString: PG });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  } finally { await admin.end(); }
  const url = new URL(PG);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Opens a workspace through the store API (never the SQLite file directly), runs `fn`, closes it. */
export async function withStore<T>(target: string, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(target);
  try { return await fn(store); } finally { await store.close(); }
}

/** The tables of a PostgreSQL database's public schema, read apart from the store (which would create them). */
export async function postgresTables(url: string): Promise<string[]> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    return (await admin.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")).rows.map((r) => String(r.table_name));
  } finally { await admin.end(); }
}
