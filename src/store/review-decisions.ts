import type { ReviewDecision } from '../core/linkage/types.ts';
import type { Store } from './open-store.ts';

/**
 * The clerical-review decision log and the marks that pin it: which decisions a link run
 * applied, and which decisions a submitted window was submitted with. Decisions are never
 * edited: a later decision on the same pair is a new entry that wins from its sequence number on.
 */
export async function latestDecisionSeq(store: Store): Promise<number> {
  return (await store.sql.get<{ seq: number }>('SELECT coalesce(max(seq), 0) AS seq FROM lnk_decision_log'))!.seq;
}

/** The decisions in force after entry `seq`: the latest per pair, ordered by fingerprints (a total order). */
export async function decisionsAsOf(store: Store, seq: number): Promise<ReviewDecision[]> {
  const rows = await store.sql.all<{ l: string; r: string; d: 'accept' | 'reject' }>(`SELECT l.left_fingerprint AS l, l.right_fingerprint AS r, l.decision AS d FROM lnk_decision_log l
    WHERE l.seq = (SELECT max(x.seq) FROM lnk_decision_log x WHERE x.seq <= ?
      AND ((x.left_fingerprint = l.left_fingerprint AND x.right_fingerprint = l.right_fingerprint)
        OR (x.left_fingerprint = l.right_fingerprint AND x.right_fingerprint = l.left_fingerprint)))
    ORDER BY l.left_fingerprint, l.right_fingerprint`, [seq]);
  return rows.map((x) => ({ leftFingerprint: x.l, rightFingerprint: x.r, decision: x.d }));
}

/** Appends decisions in the order given; returns the new latest sequence number. */
export async function appendDecisions(store: Store, decisions: readonly ReviewDecision[], at: string, runId: number): Promise<number> {
  for (const d of decisions) {
    await store.sql.run('INSERT INTO lnk_decision_log (left_fingerprint, right_fingerprint, decision, decided_at, run_id) VALUES (?, ?, ?, ?, ?)',
      [d.leftFingerprint, d.rightFingerprint, d.decision, at, runId]);
  }
  return latestDecisionSeq(store);
}

export async function recordLinkRunDecisions(store: Store, runId: number, seq: number): Promise<void> {
  await store.sql.run('INSERT INTO lnk_run_decisions (run_id, decisions_seq) VALUES (?, ?)', [runId, seq]);
}

/** The decisions mark of a link run (0 for a run made before decisions were logged). */
export async function linkRunDecisionSeq(store: Store, linkRunId: number): Promise<number> {
  const row = await store.sql.get<{ seq: number }>('SELECT decisions_seq AS seq FROM lnk_run_decisions WHERE run_id = ?', [linkRunId]);
  return row?.seq ?? 0;
}

export interface Submission { readonly window: string; readonly runId: number; readonly claimDate: string; readonly decisionsSeq: number }

export async function submissionOf(store: Store, window: string): Promise<Submission | null> {
  const row = await store.sql.get<Submission>(`SELECT "window", run_id AS "runId", claim_date AS "claimDate", decisions_seq AS "decisionsSeq"
    FROM claim_submissions WHERE "window" = ?`, [window]);
  return row ?? null;
}

export async function recordSubmission(store: Store, s: Submission): Promise<void> {
  await store.sql.run('INSERT INTO claim_submissions ("window", run_id, claim_date, decisions_seq) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    [s.window, s.runId, s.claimDate, s.decisionsSeq]);
}

/** Every pair id any link run has offered for clerical review: a decision on another pair is refused. */
export async function offeredPairIds(store: Store): Promise<Set<string>> {
  const path = store.sql.dialect === 'sqlite' ? "json_extract(pair_json, '$.pairId')" : "pair_json::json ->> 'pairId'";
  return new Set(await store.sql.column<string>(`SELECT DISTINCT ${path} AS id FROM lnk_review`));
}
