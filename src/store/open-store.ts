import BetterSqlite3 from 'better-sqlite3';
import type { Kysely, Migration } from 'kysely';
import { kysely } from './kysely-runtime.ts';
import { ddlFor, type Ddl } from './migrations/ddl.ts';
import * as m001 from './migrations/001-foundation.ts';
import * as m002 from './migrations/002-linkage-and-claims.ts';
import * as m003 from './migrations/003-narrow-staging.ts';
import * as m004 from './migrations/004-claim-withdrawals.ts';
import * as m005 from './migrations/005-review-history.ts';
import * as m006 from './migrations/006-streaming-stages.ts';
import type { Database } from './schema.ts';
import { isPostgresTarget, type Sql } from './sql.ts';
import { sqliteSql } from './sqlite-sql.ts';

type Step = { up(db: Kysely<any>, d: Ddl): Promise<void> };

/** Migrations in order; a new one is appended with the next number, never edited once shipped. */
const MIGRATIONS: Record<string, Step> = {
  '001-foundation': m001,
  '002-linkage-and-claims': m002,
  '003-narrow-staging': m003,
  '004-claim-withdrawals': m004,
  '005-review-history': m005,
  '006-streaming-stages': m006,
};

export interface Store {
  readonly db: Kysely<Database>;
  /** The store's SQL, the same calls on both engines (see sql.ts). */
  readonly sql: Sql;
  /** SQLite only: the raw connection (throws on PostgreSQL). */
  readonly sqlite: BetterSqlite3.Database;
  close(): Promise<void>;
}

/**
 * Opens (creating if needed) the workspace database, migrated to the latest version: a SQLite
 * file (WAL, foreign keys on), or a PostgreSQL database when `target` is a postgres:// URL.
 */
export async function openStore(target: string): Promise<Store> {
  if (isPostgresTarget(target)) return (await import('./open-postgres.ts')).openPostgres(target, migrate);
  const sqlite = new BetterSqlite3(target);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  // A county's link run writes millions of index entries in random order: a page cache of 128 MiB
  // (instead of 2 MiB) keeps them off the disk until the commit.
  sqlite.pragma('cache_size = -131072');
  const db = new kysely.Kysely<Database>({ dialect: new kysely.SqliteDialect({ database: sqlite }) });
  await migrate(db, ddlFor('sqlite'));
  return { db, sql: sqliteSql(sqlite), sqlite, close: () => db.destroy() };
}

/** Brings the database to the latest migration (destroying the connection on failure). */
export async function migrate(db: Kysely<Database>, d: Ddl): Promise<void> {
  const migrations: Record<string, Migration> = {};
  for (const [name, step] of Object.entries(MIGRATIONS)) migrations[name] = { up: (m) => step.up(m, d) };
  const migrator = new kysely.Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw error;
  }
}

