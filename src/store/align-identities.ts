import type { Store } from './open-store.ts';

/**
 * PostgreSQL does not roll back identity values: after a failed run the next ids would skip those
 * it used, where SQLite's rowids and AUTOINCREMENT counters roll back with the transaction. At the
 * start of each command (holding the workspace lock, inside its transaction) every identity
 * column's sequence is set to follow its table's largest id, so ids, and the outputs that show
 * them, do not depend on failed runs: a workspace has the same ids on both stores. SQLite: nothing to do.
 */
export async function alignIdentities(store: Store): Promise<void> {
  if (store.sql.dialect !== 'postgres') return;
  const columns = await store.sql.all<{ t: string; c: string }>(`SELECT table_name AS t, column_name AS c FROM information_schema.columns
    WHERE table_schema = current_schema() AND is_identity = 'YES' ORDER BY table_name, column_name`);
  if (columns.length === 0) return;
  const id = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const lit = (text: string) => `'${text.replace(/'/g, "''")}'`;
  await store.sql.all(columns.map(({ t, c }) =>
    `SELECT setval(pg_get_serial_sequence(${lit(id(t))}, ${lit(c)}), coalesce((SELECT max(${id(c)}) FROM ${id(t)}), 0) + 1, false)`).join(' UNION ALL '));
}
