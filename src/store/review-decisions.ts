import type { ReviewDecision } from '../core/linkage/types.ts';
import type { Store } from './open-store.ts';

/**
 * The clerical-review decision log and the marks that pin it: which decisions a link run
 * applied, and which decisions a submitted window was submitted with. Decisions are never
 * edited: a later decision on the same pair is a new entry that wins from its sequence number on.
 */
export function latestDecisionSeq(store: Store): number {
  return (store.sqlite.prepare('SELECT coalesce(max(seq), 0) AS seq FROM lnk_decision_log').get() as { seq: number }).seq;
}

/** The decisions in force after entry `seq`: the latest per pair, ordered by fingerprints (a total order). */
export function decisionsAsOf(store: Store, seq: number): ReviewDecision[] {
  const rows = store.sqlite.prepare(`SELECT l.left_fingerprint AS l, l.right_fingerprint AS r, l.decision AS d FROM lnk_decision_log l
    WHERE l.seq = (SELECT max(x.seq) FROM lnk_decision_log x WHERE x.seq <= ?
      AND ((x.left_fingerprint = l.left_fingerprint AND x.right_fingerprint = l.right_fingerprint)
        OR (x.left_fingerprint = l.right_fingerprint AND x.right_fingerprint = l.left_fingerprint)))
    ORDER BY l.left_fingerprint, l.right_fingerprint`).all(seq) as { l: string; r: string; d: 'accept' | 'reject' }[];
  return rows.map((x) => ({ leftFingerprint: x.l, rightFingerprint: x.r, decision: x.d }));
}

/** Appends decisions in the order given; returns the new latest sequence number. */
export function appendDecisions(store: Store, decisions: readonly ReviewDecision[], at: string, runId: number): number {
  const insert = store.sqlite.prepare('INSERT INTO lnk_decision_log (left_fingerprint, right_fingerprint, decision, decided_at, run_id) VALUES (?, ?, ?, ?, ?)');
  for (const d of decisions) insert.run(d.leftFingerprint, d.rightFingerprint, d.decision, at, runId);
  return latestDecisionSeq(store);
}

export function recordLinkRunDecisions(store: Store, runId: number, seq: number): void {
  store.sqlite.prepare('INSERT INTO lnk_run_decisions (run_id, decisions_seq) VALUES (?, ?)').run(runId, seq);
}

/** The decisions mark of a link run (0 for a run made before decisions were logged). */
export function linkRunDecisionSeq(store: Store, linkRunId: number): number {
  const row = store.sqlite.prepare('SELECT decisions_seq AS seq FROM lnk_run_decisions WHERE run_id = ?').get(linkRunId) as { seq: number } | undefined;
  return row?.seq ?? 0;
}

export interface Submission { readonly window: string; readonly runId: number; readonly claimDate: string; readonly decisionsSeq: number }

export function submissionOf(store: Store, window: string): Submission | null {
  const row = store.sqlite.prepare('SELECT window, run_id AS runId, claim_date AS claimDate, decisions_seq AS decisionsSeq FROM claim_submissions WHERE window = ?')
    .get(window) as Submission | undefined;
  return row ?? null;
}

export function recordSubmission(store: Store, s: Submission): void {
  store.sqlite.prepare('INSERT OR IGNORE INTO claim_submissions (window, run_id, claim_date, decisions_seq) VALUES (?, ?, ?, ?)')
    .run(s.window, s.runId, s.claimDate, s.decisionsSeq);
}

/** Every pair id any link run has offered for clerical review: a decision on another pair is refused. */
export function offeredPairIds(store: Store): Set<string> {
  return new Set(store.sqlite.prepare('SELECT DISTINCT json_extract(pair_json, \'$.pairId\') AS id FROM lnk_review').pluck().all() as string[]);
}
