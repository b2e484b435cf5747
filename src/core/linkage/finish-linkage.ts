/**
 * Second half of linkage: estimate u, m and λ from the plan's samples (`fitLinkModel`), then,
 * given the scored candidates (score-candidates.ts), cluster with guards (deterministic edges
 * first, then probabilistic by descending weight), and assemble links with explanations, the
 * review list and person ids.
 */
import { comparatorsFor, LEVELS, patternLayout, patternOf } from './comparisons.ts';
import { deriveThresholds } from './derive-thresholds.ts';
import { createScorer, probabilityOf, weightOfProbability, type Scorer } from './fellegi-sunter.ts';
import { fitModel, type FittedModel } from './fit-model.ts';
import { GuardedClusters, type UnionOutcome } from './guarded-clusters.ts';
import { hash64 } from './hash64.ts';
import { LinkList, PersonIds } from './link-result.ts';
import { blocksOf, ruleKeys } from './blocking.ts';
import { recordFingerprint } from './link-table.ts';
import type { LinkPlan } from './plan-linkage.ts';
import type { CandidateScores } from './score-candidates.ts';
import { REVIEW_ACCEPT, type ComparisonParameters, type ExplanationItem, type KeyField, type Link, type LinkIssue, type LinkResult, type ReviewDecision, type ReviewPair, type ScoredPair } from './types.ts';

/** The model fitted to one run's samples, and its scorer. */
export interface LinkModel { readonly fit: FittedModel; readonly scorer: Scorer; readonly issues: readonly LinkIssue[]; readonly randomPairs: number }

export function fitLinkModel(plan: LinkPlan, training: readonly Float64Array[], random: Float64Array): LinkModel {
  const { settings: s, table: t } = plan;
  const issues: LinkIssue[] = [];
  const layout = patternLayout(s.comparisons);
  const fit = fitModel(plan, layout, training, random, issues);
  const scorer = createScorer(t, s.comparisons, layout, fit.m, fit.u, fit.lambda, s.termFrequencyAdjustment, fit.uSameAddress);
  return { fit, scorer, issues, randomPairs: random.length };
}

const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** `scores`: every candidate pair of `plan.candidates`, scored with `model` (at least those that could be linked or reviewed). */
export function finishLinkage(plan: LinkPlan, model: LinkModel, scores: CandidateScores, decisions: readonly ReviewDecision[] = [], keepScoredPairs = false): LinkResult {
  const { settings: s, table: t } = plan;
  const issues: LinkIssue[] = [...plan.issues, ...plan.blockingIssues, ...model.issues];
  const comps = s.comparisons;
  const comparators = comparatorsFor(s);
  const layout = patternLayout(comps);
  const U = t.unitCount, K = t.idKinds.length;

  const { fit, scorer } = model;
  const { m, u, lambda, lambdaEstimatedBy, sessions } = fit;
  const idGroups = groupsByStrongId(t.ids, U, K);
  const ruleGroups = s.deterministicRules.map((r) => groupsByKey(ruleKeys(t, r, new Map<KeyField, Int32Array>())));

  // Review decisions, by fingerprint so they survive new row ids.
  const unitsByFp = new Map<string, number[]>();
  for (let r = 0; decisions.length > 0 && r < t.recordCount; r++) {
    const fp = recordFingerprint(t, r);
    const list = unitsByFp.get(fp);
    if (!list) unitsByFp.set(fp, [t.unitOf[r]]);
    else if (!list.includes(t.unitOf[r])) list.push(t.unitOf[r]);
  }
  const decided = new Map<string, 'accept' | 'reject'>();
  for (const d of decisions) decided.set(pairKey(d.leftFingerprint, d.rightFingerprint), d.decision);
  const clusters = new GuardedClusters(U, t.ids, K);
  const fpCache = new Map<number, string>();
  const repFp = (unit: number): string => {
    let fp = fpCache.get(unit);
    if (fp === undefined) { fp = recordFingerprint(t, t.unitRep[unit]); fpCache.set(unit, fp); }
    return fp;
  };
  const unitDecision = (a: number, b: number): 'accept' | 'reject' | undefined => (decided.size === 0 ? undefined : decided.get(pairKey(repFp(a), repFp(b))));
  for (const d of decisions) {
    if (d.decision !== 'reject') continue;
    for (const a of unitsByFp.get(d.leftFingerprint) ?? []) for (const b of unitsByFp.get(d.rightFingerprint) ?? []) clusters.addCannotLink(a, b);
  }

  const links = new LinkList(t.keys, t.unitOf, scorer);
  const key = (unit: number): string => t.keys.at(t.unitRep[unit]);

  const explainPair = (a: number, b: number): { matchWeight: number; explanation: ExplanationItem[] } => {
    const explanation = scorer.explain(patternOf(t, comparators, layout, a, b), a, b);
    return { matchWeight: explanation.reduce((acc, e) => acc + e.weight, 0), explanation };
  };
  /** A link between two records (their explanation is built only if read: most never are). */
  const addLink = (leftRecord: number, rightRecord: number, rule: string | null, a: number, pattern = patternOf(t, comparators, layout, a, t.unitOf[rightRecord])): void => {
    links.add(leftRecord, rightRecord, rule, pattern, scorer.explainedWeight(pattern, a));
  };
  let guardRefused = 0, deterministicLinks = 0, probabilisticLinks = 0;

  // Exact duplicate profiles: one link from each extra record to its unit's first record.
  // One pattern and weight per unit, shared by its records' links.
  let selfUnit = -1, selfPattern = 0;
  for (let r = 0; r < t.recordCount; r++) {
    const unit = t.unitOf[r], rep = t.unitRep[unit];
    if (rep === r) continue;
    if (unit !== selfUnit) { selfUnit = unit; selfPattern = patternOf(t, comparators, layout, unit, unit); }
    addLink(rep, r, 'exact-profile', unit, selfPattern);
    deterministicLinks++;
  }
  const deterministic = (a: number, b: number, rule: string): UnionOutcome | 'rejected' => {
    if (unitDecision(a, b) === 'reject') return 'rejected';
    const outcome = clusters.tryUnion(a, b);
    // An edge inside an existing cluster adds no link: one rule suffices as the evidence.
    if (outcome === 'merged') {
      addLink(t.unitRep[a], t.unitRep[b], rule, a);
      deterministicLinks++;
    } else if (outcome !== 'same') guardRefused++;
    return outcome;
  };
  idGroups.forEach(({ kind, groups }) => { for (const g of groups) for (let i = 1; i < g.length; i++) deterministic(g[0], g[i], `id:${t.idKinds[kind]}`); });
  // People as the identifiers alone form them: a pair whose two sides hold different values of one
  // identifier here is refused whatever a reviewer says, so it is never queued for review.
  const byIds = new GuardedClusters(U, t.ids, K);
  idGroups.forEach(({ groups }) => { for (const g of groups) for (let i = 1; i < g.length; i++) byIds.tryUnion(g[0], g[i]); });
  const conflictingId = (a: number, b: number): string | null => { const k = byIds.idConflict(a, b); return k < 0 ? null : t.idKinds[k]; };
  // A reviewer's accept comes after the identifiers but before the name/date-of-birth rules and
  // every probabilistic link. One the guards refuse goes back to the reviewer with the reason
  // (and is counted), never silently dropped.
  const refusedAccepts: ReviewPair[] = [];
  for (const d of decisions) {
    if (d.decision !== 'accept') continue;
    const as = unitsByFp.get(d.leftFingerprint), bs = unitsByFp.get(d.rightFingerprint);
    if (!as || !bs) continue; // the records are not in these extracts: nothing to apply this quarter
    const outcome = deterministic(as[0], bs[0], REVIEW_ACCEPT);
    if (outcome !== 'id-conflict' && outcome !== 'cannot-link') continue;
    const kind = conflictingId(as[0], bs[0]);
    const reason = `your accept cannot be applied: ${kind ? `the two sides hold different ${kind} values` : outcome === 'id-conflict'
      ? 'another accepted pair already links one side to a person holding a different identifier' : 'it would join records a reviewer kept apart'}`;
    refusedAccepts.push({ leftKey: key(as[0]), rightKey: key(bs[0]), probability: 1, rule: REVIEW_ACCEPT, ...explainPair(as[0], bs[0]),
      leftFingerprint: d.leftFingerprint, rightFingerprint: d.rightFingerprint, reason, decision: 'accept' });
    issues.push({ code: 'link/review-accept-refused', key: null, field: null, detail: reason });
  }
  s.deterministicRules.forEach((r, ri) => { for (const g of ruleGroups[ri]) for (let i = 1; i < g.length; i++) deterministic(g[0], g[i], r.name); });

  // Probabilistic: link the accepted candidates strongest first.
  const P = scores.length;
  const left = scores.left.subarray(0, P), right = scores.right.subarray(0, P), w = scores.weight.subarray(0, P), patterns = scores.pattern;
  const derived = s.acceptProbability === null || s.reviewProbability === null ? deriveThresholds(w, scores.dropped) : null;
  const acceptW = s.acceptProbability === null ? derived!.acceptWeight : weightOfProbability(s.acceptProbability);
  const reviewW = Math.min(acceptW, s.reviewProbability === null ? derived!.reviewWeight : weightOfProbability(s.reviewProbability));
  const sameSourceW = s.sameSourceMinProbability === null ? -Infinity : weightOfProbability(s.sameSourceMinProbability);
  const accepted: number[] = [], uncertain: number[] = [];
  // Why each pair is left to a reviewer, in words the review sheet shows.
  const whyUncertain = new Map<number, string>();
  const uncertainBecause = (p: number, why: string): void => { uncertain.push(p); whyUncertain.set(p, why); };
  const betweenThresholds = `match probability between the review (${probabilityOf(reviewW).toFixed(3)}) and accept (${probabilityOf(acceptW).toFixed(3)}) thresholds`;
  for (let p = 0; p < P; p++) {
    if (w[p] >= acceptW) accepted.push(p);
    else if (w[p] >= reviewW) uncertainBecause(p, betweenThresholds);
  }
  accepted.sort((x, y) => w[y] - w[x] || left[x] - left[y] || right[x] - right[y]);
  const unitSource = (unit: number): number => t.recordSource[t.unitRep[unit]];
  for (const p of accepted) {
    const a = left[p], b = right[p];
    if (unitDecision(a, b) === 'reject') continue;
    if (w[p] < sameSourceW && unitSource(a) === unitSource(b)) {
      if (clusters.find(a) !== clusters.find(b)) {
        guardRefused++;
        uncertainBecause(p, `both records are from one extract and the match probability is below that case's threshold (${s.sameSourceMinProbability})`);
      }
      continue;
    }
    const outcome = clusters.tryUnion(a, b);
    if (outcome === 'merged' || outcome === 'same') {
      addLink(t.unitRep[a], t.unitRep[b], null, a, patterns[p]);
      probabilisticLinks++;
    } else {
      guardRefused++;
      uncertainBecause(p, outcome === 'id-conflict'
        ? 'a likely match, but a stronger link already put one side with a person holding a different identifier: accepting links these two first'
        : 'a likely match, but linking it would join records a reviewer kept apart');
    }
  }
  if (guardRefused > 0) issues.push({ code: 'link/guard-refused', key: null, field: null, detail: `${guardRefused} links refused by the chaining guards` });

  const review: ReviewPair[] = [...refusedAccepts];
  uncertain.sort((x, y) => w[y] - w[x] || left[x] - left[y] || right[x] - right[y]);
  for (const p of uncertain) {
    const a = left[p], b = right[p];
    if (unitDecision(a, b) !== undefined || clusters.find(a) === clusters.find(b)) continue;
    // Two different values of one strong identifier (siblings' UPNs): the guard refuses the link
    // whatever a reviewer says, so the pair is not worth a reviewer's time.
    if (conflictingId(a, b) !== null) continue;
    const ex = explainPair(a, b);
    review.push({
      leftKey: key(a), rightKey: key(b), probability: probabilityOf(ex.matchWeight), rule: null, ...ex,
      leftFingerprint: repFp(a), rightFingerprint: repFp(b), reason: whyUncertain.get(p)!,
    });
  }

  // Person id = hash of the smallest record key in the cluster: stable under row order.
  const minRecord = new Int32Array(U).fill(-1);
  for (let r = 0; r < t.recordCount; r++) {
    const root = clusters.find(t.unitOf[r]);
    if (minRecord[root] < 0) minRecord[root] = r;
  }
  const ids: string[] = [];
  const personOfRoot = new Int32Array(U);
  const personOf = new Int32Array(t.recordCount);
  for (let r = 0; r < t.recordCount; r++) {
    const root = clusters.find(t.unitOf[r]);
    // Computed once per person and shared by its records (one string, not one per record).
    if (minRecord[root] === r) { personOfRoot[root] = ids.length; ids.push(`P${hash64(t.keys.at(r))}`); }
    personOf[r] = personOfRoot[root];
  }
  const persons = ids.length;
  const personIdOf = new PersonIds(t.keys, personOf, ids);

  let scoredPairs: ScoredPair[] | undefined;
  if (keepScoredPairs) {
    const idx = Array.from({ length: P }, (_, i) => i).sort((x, y) => w[y] - w[x] || left[x] - left[y] || right[x] - right[y]);
    scoredPairs = idx.map((p) => ({ leftKey: key(left[p]), rightKey: key(right[p]), matchWeight: w[p], probability: probabilityOf(w[p]) }));
  }

  const parameters = {
    lambda, lambdaEstimatedBy, uSameAddressEstimatedBy: fit.uSameAddressEstimatedBy,
    acceptProbability: probabilityOf(acceptW), reviewProbability: probabilityOf(reviewW),
    thresholdsFrom: (s.acceptProbability === null || s.reviewProbability === null ? 'model' : 'settings') as 'model' | 'settings',
    comparisons: comps.map((name, c): ComparisonParameters => ({
      comparison: name,
      levels: LEVELS[name].map((level, l) => ({
        level, m: l === 0 ? null : m[c][l], u: l === 0 ? null : u[c][l], weight: scorer.weights[c][l],
        uSameAddress: l === 0 || !fit.uSameAddress ? null : fit.uSameAddress[c][l],
      })),
      mEstimatedBy: sessions[c].length ? `em:${sessions[c].join(',')}` : fit.estimated ? 'initial' : 'default:too-few-profiles',
      uEstimatedBy: fit.estimated ? `random-pairs:${model.randomPairs}` : 'default:too-few-profiles',
    })),
  };
  return {
    personIdOf, links, review, parameters, ...(scoredPairs ? { scoredPairs } : {}),
    stats: {
      records: t.recordCount, uniqueProfiles: U, persons, pairsByRule: plan.candidates.pairsByRule,
      pairsCompared: scores.compared, deterministicLinks, probabilisticLinks, guardRefused, reviewPairs: review.length, issues,
    },
  };
}

/** Units sharing a key (groups of 2+), in order of each group's first unit, units ascending. */
function groupsByKey(keys: Float64Array): Uint32Array[] {
  const { order, starts, ends } = blocksOf(keys);
  const blockAt = new Int32Array(keys.length).fill(-1);
  for (let b = 0; b < starts.length; b++) blockAt[order[starts[b]]] = b;
  const out: Uint32Array[] = [];
  for (let u = 0; u < keys.length; u++) { const b = blockAt[u]; if (b >= 0) out.push(order.subarray(starts[b], ends[b])); }
  return out;
}

function groupsByStrongId(ids: Int32Array, U: number, K: number): { kind: number; groups: Uint32Array[] }[] {
  const out: { kind: number; groups: Uint32Array[] }[] = [];
  for (let k = 0; k < K; k++) {
    const keys = new Float64Array(U);
    for (let u = 0; u < U; u++) keys[u] = ids[u * K + k] < 0 ? NaN : ids[u * K + k];
    out.push({ kind: k, groups: groupsByKey(keys) });
  }
  return out;
}

