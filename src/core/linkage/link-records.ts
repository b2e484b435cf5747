/**
 * Record linkage (spec §3), pure and synchronous: deterministic rules, then Fellegi–Sunter
 * with blocking, unsupervised estimation and guarded clustering. Same records + settings +
 * seed (+ decisions) give the same result whatever the input row order.
 */
import { comparatorsFor, comparePairs, patternLayout } from './comparisons.ts';
import { finishLinkage, fitLinkModel } from './finish-linkage.ts';
import { planLinkage, type PairSet } from './plan-linkage.ts';
import { CandidateScores } from './score-candidates.ts';
import type { LinkRecord, LinkResult, LinkSettings, ReviewDecision } from './types.ts';

export interface LinkOptions {
  readonly seed: number | string;
  readonly decisions?: readonly ReviewDecision[];
  /** Return every scored candidate pair (for `link --people --pairs`); small inputs only. */
  readonly keepScoredPairs?: boolean;
  /** Called between steps of the candidate work (after each blocking rule): a caller's heap guard. */
  readonly checkpoint?: () => void;
  /** Candidate pairs compared and scored at a time (CANDIDATE_BATCH); the result does not depend on it. */
  readonly candidateBatch?: number;
}

/** Candidate pairs compared and scored at a time: 16 bytes each in flight, whatever the county. */
export const CANDIDATE_BATCH = 1 << 18;

export function linkRecords(records: readonly LinkRecord[], settings: LinkSettings, opts: LinkOptions): LinkResult {
  const plan = planLinkage(records, settings, opts.seed, { ...(opts.checkpoint ? { checkpoint: opts.checkpoint } : {}) });
  const comparators = comparatorsFor(settings);
  const layout = patternLayout(settings.comparisons);
  const compare = (ps: PairSet): Float64Array => {
    const out = new Float64Array(ps.left.length);
    comparePairs(plan.table, comparators, layout, ps.left, ps.right, out);
    return out;
  };
  const model = fitLinkModel(plan, plan.training.map(compare), compare(plan.random));
  const scores = new CandidateScores(model.scorer, CandidateScores.floorFor(settings, opts.keepScoredPairs ?? false));
  const batch = opts.candidateBatch ?? CANDIDATE_BATCH;
  const left = new Uint32Array(batch), right = new Uint32Array(batch), out = new Float64Array(batch);
  for (let n = plan.candidates.fill(left, right); n > 0; n = plan.candidates.fill(left, right)) {
    comparePairs(plan.table, comparators, layout, left, right, out, 0, n);
    scores.add(left, right, out, n);
  }
  return finishLinkage(plan, model, scores, opts.decisions ?? [], opts.keepScoredPairs ?? false);
}
