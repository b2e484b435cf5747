/** Match weights: prior + Σ log2(m/u) per comparison level + term-frequency adjustments. */
import { LEVELS, levelOf, type Comparator } from './comparisons.ts';
import type { LevelTable } from './estimate-parameters.ts';
import type { LinkTable } from './link-table.ts';
import type { ComparisonName, ExplanationItem } from './types.ts';

export interface Scorer {
  readonly prior: number;
  readonly weights: LevelTable;
  weightOf(pattern: number, a: number, b: number): number;
  explain(pattern: number, a: number, b: number): ExplanationItem[];
}

export function probabilityOf(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}

export function createScorer(
  t: LinkTable, comparisons: readonly ComparisonName[], m: LevelTable, u: LevelTable, lambda: number, tf: boolean,
): Scorer {
  const prior = Math.log2(lambda / (1 - lambda));
  const weights = comparisons.map((_, c) => Float64Array.from(m[c], (mv, l) => (l === 0 ? 0 : Math.log2(mv / u[c][l]))));
  // Term frequency: an exact match on a rare name is stronger evidence than on a common one.
  const tfFor = (col: Int32Array, c: number): Float64Array | null => {
    if (!tf || c < 0) return null;
    const counts = new Float64Array(t.names.length);
    let total = 0;
    for (let i = 0; i < col.length; i++) if (col[i] >= 0) { counts[col[i]]++; total++; }
    const uExact = u[c][1];
    return counts.map((n) => (n > 0 ? Math.log2(uExact / Math.max(n / total, 1e-7)) : 0));
  };
  const cf = comparisons.indexOf('forename'), cs = comparisons.indexOf('surname');
  const tfF = tfFor(t.forename, cf), tfS = tfFor(t.surname, cs);
  // Explanation items are shared, frozen objects: a million links must not hold ten million copies.
  const priorItem: ExplanationItem = Object.freeze({ comparison: 'prior', level: 'lambda', weight: prior });
  const levelItems = comparisons.map((name, c) => LEVELS[name].map((level, l) => Object.freeze({ comparison: name, level, weight: weights[c][l] })));
  const tfItemsF = new Map<number, ExplanationItem>(), tfItemsS = new Map<number, ExplanationItem>();
  const tfItem = (cache: Map<number, ExplanationItem>, name: string, tfw: Float64Array, id: number): ExplanationItem => {
    let item = cache.get(id);
    if (!item) { item = Object.freeze({ comparison: name, level: 'term-frequency', weight: tfw[id] }); cache.set(id, item); }
    return item;
  };
  const base = new Map<number, number>();
  const baseOf = (pattern: number): number => {
    let w = base.get(pattern);
    if (w === undefined) {
      w = prior;
      for (let c = 0; c < comparisons.length; c++) w += weights[c][levelOf(pattern, c)];
      base.set(pattern, w);
    }
    return w;
  };
  return {
    prior, weights,
    weightOf(pattern, a) {
      let w = baseOf(pattern);
      if (tfF && levelOf(pattern, cf) === 1) w += tfF[t.forename[a]];
      if (tfS && levelOf(pattern, cs) === 1) w += tfS[t.surname[a]];
      return w;
    },
    explain(pattern, a) {
      const out: ExplanationItem[] = [priorItem];
      for (let c = 0; c < comparisons.length; c++) {
        const l = levelOf(pattern, c);
        out.push(levelItems[c][l]);
        if (l === 1 && c === cf && tfF) out.push(tfItem(tfItemsF, comparisons[c], tfF, t.forename[a]));
        if (l === 1 && c === cs && tfS) out.push(tfItem(tfItemsS, comparisons[c], tfS, t.surname[a]));
      }
      return out;
    },
  };
}

export function patternOf(t: LinkTable, comparators: readonly Comparator[], a: number, b: number): number {
  let p = 0;
  for (let c = 0; c < comparators.length; c++) p |= comparators[c](t, a, b) << (c * 4);
  return p >>> 0;
}
