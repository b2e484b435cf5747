import { SOURCE_NAMES, SOURCES } from '../shared/extracts.ts';
import type { Store } from './open-store.ts';
import { refreshPlannerStats } from './planner-stats.ts';
import { emptyTables } from './sql.ts';

/**
 * A name for each person, for the reports that list people: looking through the sources in order,
 * a person's first record there (by file and line) gives the name when it has a forename or a
 * surname; otherwise the next source is asked. One statement per source for all the persons still
 * without a name (held in a TEMP table), not one per person and source: on PostgreSQL every
 * statement is a round trip.
 */
export async function readPersonNames(store: Store, linkRunId: number, personIds: Iterable<string>): Promise<Map<string, string>> {
  const { sql } = store;
  const postgres = sql.dialect === 'postgres';
  let wanted = [...new Set(personIds)];
  const names = new Map<string, string>();
  await sql.exec('CREATE TEMP TABLE IF NOT EXISTS tmp_name_persons (person_id TEXT PRIMARY KEY)');
  for (const source of SOURCE_NAMES) {
    if (wanted.length === 0) break;
    await sql.exec(emptyTables(sql.dialect, ['tmp_name_persons']));
    const add = sql.bulkWriter('tmp_name_persons', ['person_id']);
    for (const id of wanted) add.add([id]);
    await add.end();
    // From the few persons through the records in person order (SQLite: CROSS JOIN fixes the order; PostgreSQL plans it once it knows the table's size).
    await refreshPlannerStats(store, ['tmp_name_persons']);
    const join = postgres ? 'JOIN' : 'CROSS JOIN';
    const rows = await sql.rows<[string, string | null, string | null]>(`SELECT p.person_id, s.forename, s.surname FROM tmp_name_persons t
      ${join} lnk_persons_by_person p ON p.run_id = ? AND p.person_id = t.person_id AND p.source = ?
      ${join} ${SOURCES[source].table} s ON s.row_id = p.row_id ORDER BY p.person_id, s.file_id, s.line`, [linkRunId, source]);
    const asked = new Set<string>();
    for (const [id, forename, surname] of rows) {
      if (asked.has(id)) continue;
      asked.add(id);
      if (forename || surname) names.set(id, [forename, surname].filter(Boolean).join(' '));
    }
    wanted = wanted.filter((id) => !names.has(id));
  }
  return names;
}
