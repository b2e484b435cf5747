/**
 * Fellegi–Sunter parameters without labels, as splink estimates them: u from random pairs; m
 * and the match share by EM over the pairs of each training blocking rule (u fixed, the
 * comparisons the rule keys on left out); λ, the prior that two random records match, from each
 * session's match count divided by the rule's recall (the m of its exact levels, estimated by
 * the other sessions) — see estimateLambda.
 */
import { LEVELS, levelOf, type PatternLayout } from './comparisons.ts';
import type { ComparisonName, KeyField, KeyRule } from './types.ts';

export type LevelTable = Float64Array[]; // per comparison, per level

export function patternCounts(patterns: Float64Array): Map<number, number> {
  const m = new Map<number, number>();
  for (let i = 0; i < patterns.length; i++) m.set(patterns[i], (m.get(patterns[i]) ?? 0) + 1);
  return m;
}

/** u per level from random pairs, with a half-count floor so no level has u = 0. */
export function estimateU(comparisons: readonly ComparisonName[], layout: PatternLayout, randomPatterns: Float64Array): LevelTable {
  const counts = comparisons.map((name) => new Float64Array(LEVELS[name].length));
  for (let i = 0; i < randomPatterns.length; i++) {
    for (let c = 0; c < comparisons.length; c++) counts[c][levelOf(randomPatterns[i], c, layout)]++;
  }
  return counts.map((cnt) => {
    let total = 0;
    for (let l = 1; l < cnt.length; l++) { cnt[l] += 0.5; total += cnt[l]; }
    const u = new Float64Array(cnt.length);
    for (let l = 1; l < cnt.length; l++) u[l] = cnt[l] / total;
    return u;
  });
}

/**
 * Documented starting m for EM: the first (agreeing) level 0.8, the rest halving towards
 * "else". EM moves away from it; it is only what a comparison keeps if no session can estimate it.
 */
export function initialM(comparisons: readonly ComparisonName[]): LevelTable {
  return comparisons.map((name) => {
    const L = LEVELS[name].length;
    const m = new Float64Array(L);
    let rest = 0;
    for (let l = 2; l < L; l++) { m[l] = 0.5 ** (l - 2); rest += m[l]; }
    m[1] = 0.8;
    for (let l = 2; l < L; l++) m[l] *= 0.2 / rest;
    return m;
  });
}

const KEY_COMPARISON: Record<KeyField, ComparisonName | null> = {
  forename: 'forename', forename_canonical: 'forename', forename_nysiis: 'forename', forename_initial: 'forename', forename_prefix: 'forename',
  surname: 'surname', surname_nysiis: 'surname', surname_prefix: 'surname', names_nysiis_unordered: null,
  dob: 'dob', dob_year: 'dob', dob_month_day: 'dob',
  postcode: 'address', postcode_sector: 'address', postcode_district: 'address', postcode_district_or_none: 'address', sex: 'sex',
  address_number: 'address', address_street_prefix: 'address', address_line: 'address', town: 'address', locality: 'address',
};

/** Comparisons a blocking rule's keys constrain (they cannot be estimated from its pairs). */
export function comparisonsFixedBy(rule: KeyRule): Set<ComparisonName> {
  const out = new Set<ComparisonName>();
  for (const k of rule.keys) {
    const c = KEY_COMPARISON[k];
    if (c) out.add(c); else { out.add('forename'); out.add('surname'); }
  }
  return out;
}

/** Key fields that equal a comparison's "exact" level (so the rule's recall is that level's m). */
const EXACT_KEYS: Partial<Record<KeyField, ComparisonName>> = { forename: 'forename', surname: 'surname', dob: 'dob', sex: 'sex' };

/** Share of true matches a training rule blocks together: Π m(exact) of its keys, or null when not all keys are exact levels. */
export function ruleRecall(rule: KeyRule, comparisons: readonly ComparisonName[], m: LevelTable): number | null {
  let r = 1;
  for (const k of rule.keys) {
    const c = EXACT_KEYS[k];
    const i = c ? comparisons.indexOf(c) : -1;
    if (i < 0) return null;
    r *= m[i][1];
  }
  return r;
}

export interface EmResult {
  m: LevelTable; u: LevelTable; lambda: number; iterations: number; converged: boolean;
  /** Expected number of non-matching pairs at each level (from the last E-step). */
  nonMatchCounts: LevelTable;
}

/**
 * EM for m and the match share over a pattern histogram, u fixed (splink) or, with `freeU`,
 * u of the non-matches among these pairs estimated too (Winkler; fastLink); `free[c]` false
 * leaves comparison c out of the likelihood. The M-step adds one pseudo-pair spread evenly over a
 * comparison's levels, so a level no match happened to show keeps a small, finite m.
 */
export function expectationMaximisation(
  comparisons: readonly ComparisonName[], layout: PatternLayout, counts: Map<number, number>, u: LevelTable, m0: LevelTable,
  free: readonly boolean[], maxIterations: number, tolerance: number, lambda0 = 0.3, freeU = false,
): EmResult {
  const C = comparisons.length;
  const pats = [...counts.keys()].sort((a, b) => a - b);
  const cnt = Float64Array.from(pats.map((p) => counts.get(p)!));
  const levels = pats.map((p) => Int32Array.from({ length: C }, (_, c) => levelOf(p, c, layout)));
  let m: LevelTable = m0.map((x) => Float64Array.from(x));
  let uu: LevelTable = u.map((x) => Float64Array.from(x));
  let lambda = lambda0;
  let it = 0, converged = false;
  let nonMatchCounts: LevelTable = comparisons.map((name) => new Float64Array(LEVELS[name].length));
  for (; it < maxIterations && !converged; it++) {
    const acc = comparisons.map((name) => new Float64Array(LEVELS[name].length));
    const accU = comparisons.map((name) => new Float64Array(LEVELS[name].length));
    nonMatchCounts = accU;
    let matches = 0, total = 0;
    for (let i = 0; i < pats.length; i++) {
      let pm = lambda, pu = 1 - lambda;
      const lv = levels[i];
      for (let c = 0; c < C; c++) {
        const l = lv[c];
        if (!free[c] || l === 0) continue;
        pm *= m[c][l]; pu *= uu[c][l];
      }
      const r = pm / (pm + pu);
      matches += r * cnt[i]; total += cnt[i];
      for (let c = 0; c < C; c++) { acc[c][lv[c]] += r * cnt[i]; accU[c][lv[c]] += (1 - r) * cnt[i]; }
    }
    let delta = Math.abs(matches / total - lambda);
    lambda = Math.min(Math.max(matches / total, 1e-9), 1 - 1e-9);
    const mStep = (a: Float64Array, prev: Float64Array, c: number): Float64Array => {
      if (!free[c]) return prev;
      const L = a.length;
      let s = 0;
      for (let l = 1; l < L; l++) s += a[l];
      if (s <= 0) return prev;
      const out = new Float64Array(L);
      for (let l = 1; l < L; l++) {
        out[l] = (a[l] + 1 / (L - 1)) / (s + 1);
        delta = Math.max(delta, Math.abs(out[l] - prev[l]));
      }
      return out;
    };
    m = acc.map((a, c) => mStep(a, m[c], c));
    if (freeU) uu = accU.map((a, c) => mStep(a, uu[c], c));
    converged = delta < tolerance;
  }
  return { m, u: uu, lambda, iterations: it, converged, nonMatchCounts };
}
