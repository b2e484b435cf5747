import BetterSqlite3 from 'better-sqlite3';
import type { Kysely, Migration } from 'kysely';
import { kysely } from './kysely-runtime.ts';
import * as m001 from './migrations/001-foundation.ts';
import * as m002 from './migrations/002-linkage-and-claims.ts';
import * as m003 from './migrations/003-narrow-staging.ts';
import * as m004 from './migrations/004-claim-withdrawals.ts';
import * as m005 from './migrations/005-review-history.ts';
import * as m006 from './migrations/006-streaming-stages.ts';
import type { Database } from './schema.ts';

/** Migrations in order; a new one is appended with the next number, never edited once shipped. */
const MIGRATIONS: Record<string, Migration> = {
  '001-foundation': m001,
  '002-linkage-and-claims': m002,
  '003-narrow-staging': m003,
  '004-claim-withdrawals': m004,
  '005-review-history': m005,
  '006-streaming-stages': m006,
};

export interface Store {
  readonly db: Kysely<Database>;
  /** The raw connection, for the bulk-insert hot path only. */
  readonly sqlite: BetterSqlite3.Database;
  close(): Promise<void>;
}

/** Opens (creating if needed) the workspace database: WAL, foreign keys on, migrated to the latest version. */
export async function openStore(path: string): Promise<Store> {
  const sqlite = new BetterSqlite3(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  // A county's link run writes millions of index entries in random order: a page cache of 128 MiB
  // (instead of 2 MiB) keeps them off the disk until the commit.
  sqlite.pragma('cache_size = -131072');
  const db = new kysely.Kysely<Database>({ dialect: new kysely.SqliteDialect({ database: sqlite }) });
  const migrator = new kysely.Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw error;
  }
  return { db, sqlite, close: () => db.destroy() };
}
