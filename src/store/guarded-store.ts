import type { Store } from './open-store.ts';
import type { BulkWriter, Sql } from './sql.ts';

/**
 * The store as a command's stages see it: `check()` runs before every statement (the raw SQL, the
 * bulk writers' rows and pages, and kysely's queries), so a stop it signals (an interrupted run)
 * ends the stage at its next use of the database, through the stage's own clean-up, and the
 * command's transaction rolls back. The transaction itself and closing are not guarded.
 */
export function guardStore(store: Store, check: () => void): Store {
  const sql = store.sql;
  const guardedSql = new Proxy(sql, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function' || prop === 'transaction' || prop === 'close') return value;
      if (prop === 'pages') return (...args: Parameters<Sql['pages']>) => { check(); return guardedPages(sql.pages(...args), check); };
      if (prop === 'bulkWriter') return (...args: Parameters<Sql['bulkWriter']>) => { check(); return guardedWriter(sql.bulkWriter(...args), check); };
      return (...args: unknown[]) => { check(); return (value as (...a: unknown[]) => unknown).apply(target, args); };
    },
  });
  const db = store.db.withPlugin({
    transformQuery: (args) => { check(); return args.node; },
    transformResult: async (args) => args.result,
  });
  return {
    db,
    sql: guardedSql,
    get sqlite() { return store.sqlite; },
    close: () => store.close(),
    abort: () => store.abort(),
  };
}

async function* guardedPages<T>(pages: AsyncIterable<T>, check: () => void): AsyncIterable<T> {
  for await (const page of pages) {
    check();
    yield page;
  }
}

function guardedWriter(w: BulkWriter, check: () => void): BulkWriter {
  return {
    add(row) { check(); w.add(row); },
    ready: () => { check(); return w.ready(); },
    end: () => { check(); return w.end(); },
  };
}
