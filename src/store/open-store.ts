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
import * as m007 from './migrations/007-persons-by-person.ts';
import * as m008 from './migrations/008-compact-links-and-dates.ts';
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
  '007-persons-by-person': m007,
  '008-compact-links-and-dates': m008,
};

export interface Store {
  readonly db: Kysely<Database>;
  /** The store's SQL, the same calls on both engines (see sql.ts). */
  readonly sql: Sql;
  /** SQLite only: the raw connection (throws on PostgreSQL). */
  readonly sqlite: BetterSqlite3.Database;
  close(): Promise<void>;
  /**
   * Ends the connection at once, whatever it is doing (an interrupted run that did not stop in
   * time): what was not committed is rolled back, and on PostgreSQL the session's advisory lock
   * goes with it. Never throws.
   */
  abort(): Promise<void>;
}

export interface OpenOptions {
  /**
   * Leave the migrations to the caller (`migrateStore`), to run them inside the command's own
   * transaction, so that a failed first command leaves no tables behind.
   */
  readonly deferMigrations?: boolean;
  /** SQLite: how long a statement waits for another connection's lock before failing "busy" (default 5 s). */
  readonly busyTimeoutMs?: number;
}

/**
 * Opens (creating if needed) the workspace database, migrated to the latest version: a SQLite
 * file (rollback journal, foreign keys on), or a PostgreSQL database when `target` is a postgres:// URL.
 */
export async function openStore(target: string, opts: OpenOptions = {}): Promise<Store> {
  const migrateNow = opts.deferMigrations ? async () => {} : migrate;
  if (isPostgresTarget(target)) return (await import('./open-postgres.ts')).openPostgres(target, migrateNow);
  const sqlite = new BetterSqlite3(target, { timeout: opts.busyTimeoutMs ?? 5_000 });
  // A rollback journal, not a WAL (decision 80): a command is one transaction that mostly appends
  // (a county run, gigabytes), which a WAL wrote twice, the second time all at the commit.
  sqlite.pragma('journal_mode = DELETE');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = FULL');
  // A county's link run writes millions of index entries in random order: a page cache of 128 MiB
  // (instead of 2 MiB) keeps them off the disk until the commit.
  sqlite.pragma('cache_size = -131072');
  const db = new kysely.Kysely<Database>({ dialect: new kysely.SqliteDialect({ database: sqlite }) });
  await migrateNow(db, ddlFor('sqlite')).catch(async (e) => { await db.destroy(); throw e; });
  return {
    db, sql: sqliteSql(sqlite), sqlite, close: () => db.destroy(),
    // better-sqlite3 refuses to close while a statement is being iterated; exiting then rolls back too.
    abort: async () => { try { sqlite.close(); } catch { /* the process exit ends it */ } },
  };
}

/** A SQLite workspace's files: the database, its rollback journal, and the WAL files an older tfpbr made. */
export function sqliteFiles(dbPath: string): string[] {
  return ['', '-journal', '-wal', '-shm'].map((ext) => dbPath + ext);
}

/**
 * SQLite's page cache for the stages after linking, which read the county's rows chunk by chunk,
 * each page many times over (decisions 76, 77): 384 MiB, where the link stage, which holds the
 * linker's table, keeps 128 MiB. A fixed size, whatever the county: a 30,000-family county fills
 * about 380 MiB of it, so a larger county costs no more; at 100,000 families evaluate took as long
 * with it as with 512 MiB. PostgreSQL keeps its own buffers.
 */
export function widenPageCache(store: Store): void {
  if (store.sql.dialect === 'sqlite') store.sqlite.pragma('cache_size = -393216');
}

/**
 * Brings an open store's database to the latest migration. Inside `withTransaction` the
 * migrations are part of the command's transaction (PostgreSQL's DDL is transactional, as is
 * SQLite's), so a failed command leaves the schema as it was.
 */
export function migrateStore(store: Store): Promise<void> {
  return migrate(store.db, ddlFor(store.sql.dialect), true);
}

/**
 * Brings the database to the latest migration: in kysely's own transaction (PostgreSQL), or with
 * `inCallerTransaction` in the one the caller holds (around them kysely still takes and releases
 * its migration lock, a session advisory lock on PostgreSQL).
 */
async function migrate(db: Kysely<Database>, d: Ddl, inCallerTransaction = false): Promise<void> {
  const migrations: Record<string, Migration> = {};
  for (const [name, step] of Object.entries(MIGRATIONS)) migrations[name] = { up: (m) => step.up(m, d) };
  const migrator = new kysely.Migrator({ db, provider: { getMigrations: async () => migrations }, disableTransactions: inCallerTransaction });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

