import type BetterSqlite3 from 'better-sqlite3';
import type { BulkWriter, Sql, SqlParam } from './sql.ts';

/** Rows per multi-row INSERT: one statement call binds this many rows, far fewer crossings into SQLite. */
const ROWS_PER_STATEMENT = 64;

/** The store's SQL on better-sqlite3: prepared statements cached by text, run synchronously. */
export function sqliteSql(db: BetterSqlite3.Database): Sql {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepare = (text: string): BetterSqlite3.Statement => {
    let stmt = cache.get(text);
    if (!stmt) {
      stmt = db.prepare(text);
      cache.set(text, stmt);
    }
    return stmt;
  };
  const objects = (text: string) => prepare(text).pluck(false).raw(false);
  const p = (params?: readonly SqlParam[]) => (params ?? []) as SqlParam[];
  return {
    dialect: 'sqlite',
    all: async <T>(text: string, params?: readonly SqlParam[]) => objects(text).all(p(params)) as T[],
    get: async <T>(text: string, params?: readonly SqlParam[]) => objects(text).get(p(params)) as T | undefined,
    rows: async <T extends unknown[]>(text: string, params?: readonly SqlParam[]) => prepare(text).raw(true).all(p(params)) as T[],
    column: async <T>(text: string, params?: readonly SqlParam[]) => prepare(text).pluck(true).all(p(params)) as T[],
    run: async (text, params) => prepare(text).run(p(params)).changes,
    exec: async (text) => { db.exec(text); },
    pages: <T extends unknown[]>(text: string, params: readonly SqlParam[], size = 2000) => sqlitePages<T>(prepare(text), p(params), size),
    bulkWriter: (table, columns) => sqliteBulkWriter(db, table, columns),
    async transaction<T>(fn: () => Promise<T>): Promise<T> {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn();
        db.exec('COMMIT');
        return result;
      } catch (e) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw e;
      }
    },
    close: async () => { db.close(); },
  };
}

/**
 * Pages of an iterating statement. The statement stays open between pages, so nothing else may
 * run on the connection until the pages are read (better-sqlite3 refuses it).
 */
async function* sqlitePages<T extends unknown[]>(stmt: BetterSqlite3.Statement, params: SqlParam[], size: number): AsyncIterable<T[]> {
  let page: T[] = [];
  for (const row of stmt.raw(true).iterate(params) as IterableIterator<T>) {
    page.push(row);
    if (page.length === size) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

function sqliteBulkWriter(db: BetterSqlite3.Database, table: string, columns: readonly string[]): BulkWriter {
  const width = columns.length;
  const sqlFor = (n: number) => `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array(n).fill(`(${Array(width).fill('?').join(',')})`).join(',')}`;
  const many = db.prepare(sqlFor(ROWS_PER_STATEMENT));
  const single = db.prepare(sqlFor(1));
  const params: SqlParam[] = new Array(width * ROWS_PER_STATEMENT);
  let queued = 0;
  return {
    add(row) {
      const at = queued * width;
      for (let i = 0; i < width; i++) params[at + i] = row[i];
      if (++queued === ROWS_PER_STATEMENT) {
        many.run(params);
        queued = 0;
      }
    },
    ready: async () => {},
    async end() {
      for (let r = 0; r < queued; r++) single.run(params.slice(r * width, (r + 1) * width));
      queued = 0;
    },
  };
}
