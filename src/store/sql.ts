/** A value bound to a `?` placeholder. */
export type SqlParam = string | number | bigint | null;

export type SqlDialect = 'sqlite' | 'postgres';

/**
 * The store's one SQL interface, the same on SQLite and PostgreSQL: statements use `?`
 * placeholders (rewritten to $1… for PostgreSQL) and the SQL both engines accept; where they
 * differ, the store file branches on `dialect` (or a helper here, e.g. `emptyTables`). Only src/store/ uses it.
 */
export interface Sql {
  readonly dialect: SqlDialect;
  /** Every row, as objects. */
  all<T = Record<string, unknown>>(text: string, params?: readonly SqlParam[]): Promise<T[]>;
  /** The first row, or undefined. */
  get<T = Record<string, unknown>>(text: string, params?: readonly SqlParam[]): Promise<T | undefined>;
  /** Every row, as arrays of values in column order. */
  rows<T extends unknown[] = unknown[]>(text: string, params?: readonly SqlParam[]): Promise<T[]>;
  /** The first column of every row. */
  column<T = unknown>(text: string, params?: readonly SqlParam[]): Promise<T[]>;
  /** A statement that returns no rows; resolves to the rows changed. */
  run(text: string, params?: readonly SqlParam[]): Promise<number>;
  /** Statements without parameters, `;`-separated. */
  exec(text: string): Promise<void>;
  /** The rows as arrays, `size` at a time, holding one page in memory (a cursor on PostgreSQL). */
  pages<T extends unknown[] = unknown[]>(text: string, params: readonly SqlParam[], size?: number): AsyncIterable<T[]>;
  /** A bulk writer into `table` (COPY on PostgreSQL, 64-row INSERTs on SQLite). */
  bulkWriter(table: string, columns: readonly string[]): BulkWriter;
  /** Runs `fn` in one write transaction; on error everything it wrote is rolled back. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface BulkWriter {
  /** Queues one row (values in the writer's column order). */
  add(row: readonly SqlParam[]): void;
  /** Resolves when the writer can take more rows without growing memory. */
  ready(): Promise<void>;
  /** Writes what is queued and finishes. */
  end(): Promise<void>;
}

/** Statements that empty tables: PostgreSQL's DELETE would leave every row behind as a dead tuple until the end of the run. */
export function emptyTables(dialect: SqlDialect, tables: readonly string[]): string {
  return dialect === 'postgres' ? `TRUNCATE ${tables.join(', ')};` : tables.map((t) => `DELETE FROM ${t};`).join(' ');
}

/** `?` placeholders as $1, $2… (none may appear inside string literals of the statements we write). */
export function numberedPlaceholders(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** A database target names PostgreSQL when it is a postgres:// or postgresql:// URL; otherwise it is a SQLite file. */
export function isPostgresTarget(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** The URL without user or password: what a message may show. */
export function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    return `postgres://${u.host}${u.pathname}`;
  } catch {
    return 'postgres://…';
  }
}
