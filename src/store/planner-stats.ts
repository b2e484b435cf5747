import type { Store } from './open-store.ts';

/**
 * PostgreSQL: gathers the planner's statistics for tables a stage is about to join. Within one
 * `tfpbr run` every table was written in the same transaction, which autovacuum never sees, so
 * the planner took a county's lnk_persons for empty and looked it up by a full scan per chunk
 * (a 30,000-family run spent over 15 minutes in one INSERT … SELECT). ANALYZE samples a fixed
 * number of rows, whatever the table's size, and counts this transaction's own rows. SQLite
 * plans without statistics (the joins that matter fix their order with CROSS JOIN): nothing to do.
 */
export async function refreshPlannerStats(store: Store, tables: readonly string[]): Promise<void> {
  if (store.sql.dialect !== 'postgres' || tables.length === 0) return;
  await store.sql.exec(`ANALYZE ${tables.join(', ')}`);
}
