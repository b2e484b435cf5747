/**
 * Fits the Fellegi–Sunter model of one run from its own data: u from random pairs, m by EM per
 * training rule (averaged over the sessions that could estimate each comparison), and λ from
 * the sessions' match counts over the rules' recall. Within a session EM also re-estimates the
 * non-matches' level shares among that rule's pairs (they are not random pairs: a block of one
 * forename and surname holds parent–child namesakes who share an address), so that such pairs
 * are explained as non-matches instead of inflating m; only m and the match share are kept. Below `minProfilesToEstimate` profiles, u
 * and λ take the documented starting values of default-parameters.ts, and m is left there too.
 */
import { LEVELS, type PatternLayout } from './comparisons.ts';
import { DEFAULT_PARAMETERS } from './default-parameters.ts';
import { comparisonsFixedBy, estimateU, expectationMaximisation, initialM, patternCounts, ruleRecall, type LevelTable } from './estimate-parameters.ts';
import type { LinkPlan } from './plan-linkage.ts';
import type { LinkIssue } from './types.ts';

export interface FittedModel {
  readonly m: LevelTable;
  readonly u: LevelTable;
  readonly lambda: number;
  readonly lambdaEstimatedBy: string;
  /** Per comparison, the training rules whose EM session estimated its m. */
  readonly sessions: readonly string[][];
  readonly estimated: boolean;
}

export function fitModel(plan: LinkPlan, layout: PatternLayout, training: readonly Float64Array[], random: Float64Array, issues: LinkIssue[]): FittedModel {
  const { settings: s, table: t } = plan;
  const comps = s.comparisons;
  const U = t.unitCount;
  const estimated = U >= s.minProfilesToEstimate;
  if (!estimated) {
    return {
      m: comps.map((c) => Float64Array.from(DEFAULT_PARAMETERS[c].m)), u: comps.map((c) => Float64Array.from(DEFAULT_PARAMETERS[c].u)),
      lambda: Math.min(0.5, 1 / Math.max(U - 1, 1)), lambdaEstimatedBy: 'default:1/(profiles-1)', sessions: comps.map(() => []), estimated,
    };
  }
  const u = estimateU(comps, layout, random);
  const m0 = initialM(comps);
  const sums: LevelTable = comps.map((n) => new Float64Array(LEVELS[n].length));
  const sessions: string[][] = comps.map(() => []);
  const shares: { rule: number; lambda: number }[] = [];
  plan.training.forEach((tr, i) => {
    if (tr.left.length === 0) return;
    const fixed = comparisonsFixedBy(tr.rule);
    const free = comps.map((c) => !fixed.has(c));
    const em = expectationMaximisation(comps, layout, patternCounts(training[i]), u, m0, free, s.emMaxIterations, s.emTolerance, 0.3, true);
    if (!em.converged) issues.push({ code: 'link/em-not-converged', key: null, field: tr.rule.name, detail: `${em.iterations} iterations` });
    shares.push({ rule: i, lambda: em.lambda });
    comps.forEach((_, c) => {
      if (!free[c]) return;
      for (let l = 0; l < sums[c].length; l++) sums[c][l] += em.m[c][l];
      sessions[c].push(tr.rule.name);
    });
  });
  const m: LevelTable = comps.map((_, c) => (sessions[c].length ? sums[c].map((v) => v / sessions[c].length) : m0[c]));

  // λ: a session's rule blocked `total` pairs of which a share λ_r match; the rule finds a share
  // `recall` (Π m of its exact levels, estimated by the other sessions) of all matching pairs.
  const allPairs = (U * (U - 1)) / 2;
  const estimates: string[] = [];
  let sum = 0;
  for (const { rule, lambda } of shares) {
    const tr = plan.training[rule];
    const recall = ruleRecall(tr.rule, comps, m);
    if (recall === null || recall <= 0.01) continue;
    sum += (lambda * tr.total) / recall;
    estimates.push(tr.rule.name);
  }
  const lambda = estimates.length && allPairs > 0
    ? Math.min(0.5, Math.max(sum / estimates.length / allPairs, 1 / allPairs))
    : 1 / Math.max(U - 1, 1);
  return { m, u, lambda, lambdaEstimatedBy: estimates.length ? `em:${estimates.join(',')}` : 'default:1/(profiles-1)', sessions, estimated };
}
