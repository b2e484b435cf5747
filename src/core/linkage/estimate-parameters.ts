/**
 * Fellegi–Sunter parameters without labels: u from random pairs, m by EM over the pairs of each
 * training blocking rule (u fixed, comparisons used by that rule left out, as splink does), then
 * averaged over the sessions that could estimate them.
 */
import { LEVELS, levelOf } from './comparisons.ts';
import type { ComparisonName, KeyField, KeyRule } from './types.ts';

export type LevelTable = Float64Array[]; // per comparison, per level

export function patternCounts(patterns: Uint32Array): Map<number, number> {
  const m = new Map<number, number>();
  for (let i = 0; i < patterns.length; i++) m.set(patterns[i], (m.get(patterns[i]) ?? 0) + 1);
  return m;
}

/** u per level from random pairs, with a half-count floor so no level has u = 0. */
export function estimateU(comparisons: readonly ComparisonName[], randomPatterns: Uint32Array): LevelTable {
  return comparisons.map((name, c) => {
    const L = LEVELS[name].length;
    const counts = new Float64Array(L);
    for (let i = 0; i < randomPatterns.length; i++) counts[levelOf(randomPatterns[i], c)]++;
    let total = 0;
    for (let l = 1; l < L; l++) { counts[l] += 0.5; total += counts[l]; }
    const u = new Float64Array(L);
    for (let l = 1; l < L; l++) u[l] = counts[l] / total;
    return u;
  });
}

/** Starting m: agreement levels likely, decaying towards "else". */
export function initialM(comparisons: readonly ComparisonName[]): LevelTable {
  return comparisons.map((name) => {
    const L = LEVELS[name].length;
    const m = new Float64Array(L);
    let total = 0;
    for (let l = 1; l < L; l++) { m[l] = 0.5 ** (l - 1) * (l === 1 ? 4 : 1); total += m[l]; }
    for (let l = 1; l < L; l++) m[l] /= total;
    return m;
  });
}

const KEY_COMPARISON: Record<KeyField, ComparisonName> = {
  forename: 'forename', forename_canonical: 'forename', forename_nysiis: 'forename', forename_initial: 'forename',
  surname: 'surname', surname_nysiis: 'surname', dob: 'dob', dob_year: 'dob', dob_month_day: 'dob',
  postcode: 'postcode', postcode_sector: 'postcode', postcode_district: 'postcode', sex: 'sex',
};

export function comparisonsFixedBy(rule: KeyRule): Set<ComparisonName> {
  return new Set(rule.keys.map((k) => KEY_COMPARISON[k]));
}

export interface EmResult { m: LevelTable; lambda: number; iterations: number; converged: boolean }

/** EM for m (u fixed) over a pattern histogram; `free[c]` false leaves comparison c out of the likelihood. */
export function expectationMaximisation(
  comparisons: readonly ComparisonName[], counts: Map<number, number>, u: LevelTable, m0: LevelTable,
  free: readonly boolean[], maxIterations: number, tolerance: number, lambda0 = 0.3,
): EmResult {
  const C = comparisons.length;
  const pats = [...counts.keys()].sort((a, b) => a - b);
  const cnt = Float64Array.from(pats.map((p) => counts.get(p)!));
  const levels = pats.map((p) => Array.from({ length: C }, (_, c) => levelOf(p, c)));
  let m = m0.map((x) => Float64Array.from(x));
  let lambda = lambda0;
  let it = 0, converged = false;
  for (; it < maxIterations && !converged; it++) {
    const acc = comparisons.map((name) => new Float64Array(LEVELS[name].length));
    let matches = 0, total = 0;
    for (let i = 0; i < pats.length; i++) {
      let pm = lambda, pu = 1 - lambda;
      const lv = levels[i];
      for (let c = 0; c < C; c++) {
        const l = lv[c];
        if (!free[c] || l === 0) continue;
        pm *= m[c][l]; pu *= u[c][l];
      }
      const r = pm / (pm + pu);
      matches += r * cnt[i]; total += cnt[i];
      for (let c = 0; c < C; c++) acc[c][lv[c]] += r * cnt[i];
    }
    let delta = Math.abs(matches / total - lambda);
    lambda = Math.min(Math.max(matches / total, 1e-9), 1 - 1e-9);
    const next = acc.map((a, c) => {
      if (!free[c]) return m[c];
      let s = 0;
      for (let l = 1; l < a.length; l++) s += a[l];
      const out = new Float64Array(a.length);
      for (let l = 1; l < a.length; l++) {
        out[l] = s > 0 ? Math.max(a[l] / s, 1e-6) : m[c][l];
        delta = Math.max(delta, Math.abs(out[l] - m[c][l]));
      }
      return out;
    });
    m = next;
    converged = delta < tolerance;
  }
  return { m, lambda, iterations: it, converged };
}

