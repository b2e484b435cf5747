import type { IdentifiedHousehold } from '../core/families/types.ts';
import type { ExtractCoverage } from '../core/rules/evaluate-coverage.ts';
import type { EvidenceFact, FamilyVerdict } from '../shared/verdict.ts';
import type { Store } from './open-store.ts';

/**
 * Family verdicts as the evaluate stage stores them: the verdict without its evidence in
 * `verdict_json`, the evidence apart in `evidence_json`, so a claim reads every family's verdict
 * but only the claimed families' evidence. A set of verdicts (one evaluation) is found again by
 * the hash of what it was computed from.
 */
export function verdictWriter(store: Store, runId: number): (verdicts: readonly FamilyVerdict[]) => void {
  const insert = store.sqlite.prepare(`INSERT INTO ev_verdicts (run_id, family_ref, claim_date, eligible, route, verdict_json, evidence_json)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  return (verdicts) => {
    for (const v of verdicts) {
      const { evidence, ...head } = v;
      insert.run(runId, v.familyRef, v.claimDate, v.eligible ? 1 : 0, v.route, JSON.stringify(head), JSON.stringify(evidence));
    }
  };
}

/** What an evaluation found beside the verdicts: the households for identification and each extract's coverage. */
export interface EvaluationExtras { readonly identification: IdentifiedHousehold[]; readonly coverage: ExtractCoverage[] }

export function recordVerdictSet(store: Store, key: string, runId: number, linkRunId: number, extras: EvaluationExtras): void {
  store.sqlite.prepare('INSERT INTO ev_verdict_sets (key, run_id, link_run_id, extras_json) VALUES (?, ?, ?, ?)')
    .run(key, runId, linkRunId, JSON.stringify(extras));
}

export interface VerdictSet extends EvaluationExtras { readonly runId: number }

/** The stored verdicts of an evaluation with this key, made by a run that finished; null when there are none. */
export function findVerdictSet(store: Store, key: string): VerdictSet | null {
  const row = store.sqlite.prepare(`SELECT v.run_id AS runId, v.extras_json AS extras FROM ev_verdict_sets v
    JOIN runs r ON r.id = v.run_id WHERE v.key = ? AND r.status = 'ok'`).get(key) as { runId: number; extras: string } | undefined;
  return row ? { runId: row.runId, ...JSON.parse(row.extras) as EvaluationExtras } : null;
}

/** Every verdict of an evaluation run, by family_ref, without evidence (`evidence` is empty). */
export function readVerdictHeads(store: Store, runId: number): FamilyVerdict[] {
  return (store.sqlite.prepare('SELECT verdict_json FROM ev_verdicts WHERE run_id = ? ORDER BY family_ref').pluck().all(runId) as string[])
    .map((text) => ({ ...JSON.parse(text) as Omit<FamilyVerdict, 'evidence'>, evidence: [] }));
}

/** The evidence of the given families, family by family in family_ref order. */
export function* readEvidence(store: Store, runId: number, familyRefs: ReadonlySet<string>): Generator<EvidenceFact[]> {
  const stmt = store.sqlite.prepare('SELECT family_ref, evidence_json FROM ev_verdicts WHERE run_id = ? ORDER BY family_ref').raw(true);
  for (const [ref, text] of stmt.iterate(runId) as IterableIterator<[string, string | null]>) {
    if (familyRefs.has(ref)) yield text === null ? [] : JSON.parse(text) as EvidenceFact[];
  }
}
