import type { Store } from './open-store.ts';

/** The queries behind the claim's report tables and the link stage's review list (stage code holds no SQL). */

/** Rejected rows of a file by reason code (a row with several issues counts once per code). */
export function rejectCounts(store: Store, fileId: number): Promise<{ code: string; n: number }[]> {
  return store.sql.all('SELECT code, count(DISTINCT line) AS n FROM rejects WHERE file_id = ? GROUP BY code ORDER BY code', [fileId]);
}

export function readStoredRejects(store: Store, fileId: number): Promise<{ line: number; field: string | null; code: string; detail: string | null; raw: string }[]> {
  return store.sql.all('SELECT line, field, code, detail, raw_json AS raw FROM rejects WHERE file_id = ? ORDER BY line, id', [fileId]);
}

/** The pairs a link run offered for clerical review (as stored JSON), most likely first. */
export function readReviewPairs(store: Store, linkRunId: number): Promise<string[]> {
  return store.sql.column('SELECT pair_json FROM lnk_review WHERE run_id = ? ORDER BY probability DESC, left_key, right_key', [linkRunId]);
}

/** Stores the pairs a link run offers for clerical review. */
export async function insertReviewPairs(store: Store, runId: number, pairs: readonly { leftKey: string; rightKey: string; probability: number; pairJson: string }[]): Promise<void> {
  const insert = store.sql.bulkWriter('lnk_review', ['run_id', 'left_key', 'right_key', 'probability', 'pair_json']);
  for (const p of pairs) insert.add([runId, p.leftKey, p.rightKey, p.probability, p.pairJson]);
  await insert.end();
}
