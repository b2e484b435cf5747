/**
 * Record linkage (spec §3), pure and synchronous: deterministic rules, then Fellegi–Sunter
 * with blocking, unsupervised estimation and guarded clustering. Same records + settings +
 * seed (+ decisions) give the same result whatever the input row order.
 */
import { comparatorsFor, comparePairs, patternLayout } from './comparisons.ts';
import { finishLinkage } from './finish-linkage.ts';
import { planLinkage, type PairSet } from './plan-linkage.ts';
import type { LinkRecord, LinkResult, LinkSettings, ReviewDecision } from './types.ts';

export interface LinkOptions {
  readonly seed: number | string;
  readonly decisions?: readonly ReviewDecision[];
  /** Return every scored candidate pair (for `link --people --pairs`); small inputs only. */
  readonly keepScoredPairs?: boolean;
  /** Called between steps of the candidate work (after each blocking rule): a caller's heap guard. */
  readonly checkpoint?: () => void;
}

export function linkRecords(records: readonly LinkRecord[], settings: LinkSettings, opts: LinkOptions): LinkResult {
  const plan = planLinkage(records, settings, opts.seed, { ...(opts.checkpoint ? { checkpoint: opts.checkpoint } : {}) });
  const comparators = comparatorsFor(settings);
  const layout = patternLayout(settings.comparisons);
  const compare = (ps: PairSet): Float64Array => {
    const out = new Float64Array(ps.left.length);
    comparePairs(plan.table, comparators, layout, ps.left, ps.right, out);
    return out;
  };
  return finishLinkage(plan, {
    candidates: compare(plan.candidates),
    training: plan.training.map(compare),
    random: compare(plan.random),
  }, opts.decisions ?? [], opts.keepScoredPairs ?? false);
}
