import pg from 'pg';
import type { Writable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import { numberedPlaceholders, type BulkWriter, type Sql, type SqlParam } from './sql.ts';

/** The one connection of a command on PostgreSQL: bigint and numeric read as numbers, as SQLite gives them. */
export async function connectPostgres(url: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: url,
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 || oid === 1700 ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
  });
  // A connection lost while idle (the server restarted or ended the session) would otherwise be an
  // unhandled 'error' event that kills the process with a stack trace; the next statement fails instead.
  client.on('error', () => {});
  await client.connect();
  return client;
}

/**
 * The store's SQL on one pg.Client (kysely shares it, so a transaction begun here holds both).
 * Pages come from a server-side cursor, so a county is never held in memory; bulk writes use COPY.
 * A COPY holds the connection until it ends, so any other statement (and `beforeQuery`, which
 * kysely's pool calls) first ends the open COPY; pg queues the statement after it, and the writer
 * opens a new COPY at its next row. Statements go to the server one after another (`serial`):
 * pg's own queue of statements sent while one runs is deprecated.
 */
export function postgresSql(client: pg.Client): Sql & { beforeQuery(): void; serial<T>(run: () => Promise<T>): Promise<T> } {
  let inTransaction = false;
  let cursors = 0;
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(run: () => Promise<T>): Promise<T> => {
    const next = tail.then(run, run);
    tail = next.catch(() => { /* the caller has this error */ });
    return next;
  };
  const copies = new CopyState(client, serial);
  const query = (text: string, params?: readonly SqlParam[]) => {
    copies.close();
    return serial(() => client.query(numberedPlaceholders(text), (params ?? []) as unknown[]));
  };
  const arrays = (text: string, params?: readonly SqlParam[]) => {
    copies.close();
    return serial(() => client.query({ text: numberedPlaceholders(text), values: (params ?? []) as unknown[], rowMode: 'array' }));
  };
  return {
    dialect: 'postgres',
    serial,
    beforeQuery: () => copies.close(),
    all: async <T>(text: string, params?: readonly SqlParam[]) => (await query(text, params)).rows as T[],
    get: async <T>(text: string, params?: readonly SqlParam[]) => (await query(text, params)).rows[0] as T | undefined,
    rows: async <T extends unknown[]>(text: string, params?: readonly SqlParam[]) => (await arrays(text, params)).rows as T[],
    column: async <T>(text: string, params?: readonly SqlParam[]) => (await arrays(text, params)).rows.map((r) => r[0]) as T[],
    run: async (text, params) => (await query(text, params)).rowCount ?? 0,
    exec: async (text) => { copies.close(); await serial(() => client.query(text)); },
    async *pages<T extends unknown[]>(text: string, params: readonly SqlParam[], size = 2000): AsyncIterable<T[]> {
      const name = `tfpbr_cursor_${++cursors}`;
      // Outside a transaction a cursor must be WITH HOLD (the server then keeps the result for us).
      await query(`DECLARE ${name} NO SCROLL CURSOR ${inTransaction ? '' : 'WITH HOLD '}FOR ${text}`, params);
      try {
        for (;;) {
          const { rows } = await arrays(`FETCH FORWARD ${size} FROM ${name}`);
          if (rows.length > 0) yield rows as T[];
          if (rows.length < size) break;
        }
      } finally {
        await query(`CLOSE ${name}`).catch(() => { /* the transaction failed: the cursor went with it */ });
      }
    },
    bulkWriter: (table, columns) => copies.writer(table, columns),
    async transaction<T>(fn: () => Promise<T>): Promise<T> {
      await query('BEGIN');
      inTransaction = true;
      try {
        const result = await fn();
        await copies.settle();
        await query('COMMIT');
        return result;
      } catch (e) {
        await query('ROLLBACK').catch(() => { /* the connection is gone: the server rolled back */ });
        await copies.settle().catch(() => { /* the error that matters is e */ });
        throw e;
      } finally {
        inTransaction = false;
      }
    },
    close: async () => { copies.close(); await copies.settle().catch(() => {}); await serial(() => client.end()); },
  };
}

/** The COPY open on the connection (at most one) and those still finishing. */
class CopyState {
  private open: { stream: Writable; done: Promise<void>; flush(): void } | null = null;
  private finishing: Promise<void>[] = [];
  private failure: Error | null = null;

  constructor(private readonly client: pg.Client, private readonly serial: <T>(run: () => Promise<T>) => Promise<T>) {}

  /** Ends the open COPY (its rows are sent before anything queued after this). */
  close(): void {
    if (!this.open) return;
    this.open.flush();
    this.open.stream.end();
    this.finishing.push(this.open.done);
    this.open = null;
  }

  /** Waits for every ended COPY (not the open one); throws the first failure. */
  async settle(): Promise<void> {
    const all = this.finishing;
    this.finishing = [];
    await Promise.all(all);
    if (this.failure) throw this.failure;
  }

  writer(table: string, columns: readonly string[]): BulkWriter {
    const state = this;
    let stream: Writable | null = null;
    let done: Promise<void> = Promise.resolve();
    let text = '';
    const mine = {
      get stream() { return stream!; },
      get done() { return done; },
      flush() {
        if (text.length > 0) stream!.write(text);
        text = '';
      },
    };
    const start = () => {
      state.close();
      // The COPY is sent when the statements before it are done; rows written meanwhile wait in the stream.
      const s = copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`);
      done = new Promise<void>((resolve) => {
        s.on('finish', resolve);
        s.on('error', (e: Error) => { state.failure ??= e; resolve(); });
      });
      const finished = done;
      void state.serial(() => { state.client.query(s); return finished; });
      stream = s;
      state.open = mine;
    };
    return {
      add(row) {
        if (state.open !== mine) start();
        text += row.map(copyText).join('\t') + '\n';
        if (text.length >= 1 << 16) mine.flush();
      },
      async ready() {
        if (state.failure) throw state.failure;
        // An ended stream never drains: its COPY finishing is what frees the memory then.
        if (state.open === mine && stream!.writableNeedDrain) await Promise.race([new Promise<void>((resolve) => stream!.once('drain', resolve)), done]);
        if (state.failure) throw state.failure;
      },
      async end() {
        if (state.open === mine) state.close();
        await state.settle();
      },
    };
  }
}
function copyText(v: SqlParam): string {
  if (v === null) return '\\N';
  const s = String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : s;
}
