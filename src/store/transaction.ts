import type { Store } from './open-store.ts';

/**
 * Runs `fn` inside one write transaction on the store's single connection (kysely queries made
 * inside it join it). On any error the database is rolled back to exactly what it was.
 */
export async function withTransaction<T>(store: Store, fn: () => Promise<T>): Promise<T> {
  store.sqlite.exec('BEGIN IMMEDIATE');
  try {
    const result = await fn();
    store.sqlite.exec('COMMIT');
    return result;
  } catch (e) {
    if (store.sqlite.inTransaction) store.sqlite.exec('ROLLBACK');
    throw e;
  }
}
