import type { Store } from './open-store.ts';

/**
 * Runs `fn` inside one write transaction on the store's single connection (kysely queries made
 * inside it join it). On any error the database is rolled back to exactly what it was.
 */
export function withTransaction<T>(store: Store, fn: () => Promise<T>): Promise<T> {
  return store.sql.transaction(fn);
}
