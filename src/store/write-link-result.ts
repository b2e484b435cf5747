import type { LinkList, PersonIds } from '../core/linkage/link-result.ts';
import { REVIEW_ACCEPT, type Link } from '../core/linkage/types.ts';
import type { Store } from './open-store.ts';
import type { RecordIds } from './record-ids.ts';

/**
 * Stores a link run: each accepted link, then each record's person with the rowid of the
 * strongest link that put it there (the first of equal probability, in link order), so that
 * links.csv is one ordered join later. A deterministic link's explanation is its rule; a
 * probabilistic one (and a reviewer's accept) names its readable per-comparison weights (`explain`),
 * stored as a JSON string once per distinct text in `lnk_explanations` (a county's million such
 * links share some 35,000). A reviewer's accept outranks any rule: it is the decision the analyst looks for.
 * Rows go 64 to a statement (a county's link run is millions of rows of each). Last, the records
 * are copied in person order for the readers by person (`writePersonOrder`). Records are found by
 * index (the linker's and `records`' orders differ), not by key: a county has millions.
 */
export async function writeLinkResult(store: Store, runId: number, records: RecordIds, personIdOf: PersonIds,
  links: LinkList, explain: (link: Link) => string): Promise<void> {
  const { sql } = store;
  const tableIndex = records.tableOrder(personIdOf.recordKeys);
  const indexOf = new Int32Array(records.count);
  for (let i = 0; i < tableIndex.length; i++) indexOf[tableIndex[i]] = i;
  // Each link's rowid is given, not taken from each insert, so links can be inserted many to a
  // statement (SQLite's rowid; a port gives lnk_links an id column of the same values).
  const base = (await sql.column<number>('SELECT coalesce(max(rowid), 0) FROM lnk_links'))[0] + 1;
  const insertLink = sql.bulkWriter('lnk_links', ['rowid', 'run_id', 'left_key', 'right_key', 'probability', 'match_weight', 'rule', 'explanation_json', 'explanation_id']);
  const explanationIds = new Map<string, number>();
  const bestProbability = new Float64Array(records.count).fill(-1);
  const best = new Float64Array(records.count).fill(-1);
  for (let i = 0; i < links.length; i++) {
    const l = links.at(i);
    let explanationId: number | null = null;
    if (l.rule === null || l.rule === REVIEW_ACCEPT) {
      const text = explain(l);
      explanationId = explanationIds.get(text) ?? null;
      if (explanationId === null) { explanationId = explanationIds.size; explanationIds.set(text, explanationId); }
    }
    insertLink.add([base + i, runId, l.leftKey, l.rightKey, l.probability, l.matchWeight, l.rule, explanationId === null ? '[]' : '', explanationId]);
    if (i % 4096 === 0) await insertLink.ready();
    const rank = l.rule === REVIEW_ACCEPT ? 2 : l.probability;
    for (let side = 0; side < 2; side++) {
      const r = indexOf[side === 0 ? links.leftOf(i) : links.rightOf(i)];
      if (rank > bestProbability[r]) { bestProbability[r] = rank; best[r] = base + i; }
    }
  }
  await insertLink.end();
  const insertExplanation = sql.bulkWriter('lnk_explanations', ['run_id', 'id', 'explanation_json']);
  for (const [text, id] of explanationIds) insertExplanation.add([runId, id, JSON.stringify(text)]);
  await insertExplanation.end();
  const insertPerson = sql.bulkWriter('lnk_persons', ['run_id', 'source', 'row_id', 'person_id', 'best_link']);
  for (const { source, start, rowIds } of records.sources) {
    for (let j = 0; j < rowIds.length; j++) {
      const r = start + j;
      insertPerson.add([runId, source, rowIds[j], personIdOf.ofRecord(tableIndex[r]), best[r] < 0 ? null : best[r]]);
      if (r % 4096 === 0) await insertPerson.ready();
    }
  }
  await insertPerson.end();
  await sql.run('INSERT INTO lnk_best_links (run_id) VALUES (?)', [runId]);
  await writePersonOrder(store, runId);
}

/**
 * The run's records in person order (`lnk_persons_by_person`, migration 007), for the readers
 * that go person by person: one sorted INSERT … SELECT once every record is stored, where a
 * person index on lnk_persons was updated in random order by each of its millions of inserts.
 */
export async function writePersonOrder(store: Store, runId: number): Promise<void> {
  await store.sql.run(`INSERT INTO lnk_persons_by_person (run_id, person_id, source, row_id)
    SELECT run_id, person_id, source, row_id FROM lnk_persons WHERE run_id = ? ORDER BY person_id, source, row_id`, [runId]);
}
