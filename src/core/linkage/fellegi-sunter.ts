/** Match weights: prior + Σ log2(m/u) per comparison level + term-frequency adjustments. */
import { LEVELS, levelOf, SAME_ADDRESS_LEVELS, type PatternLayout } from './comparisons.ts';
import type { LevelTable } from './estimate-parameters.ts';
import type { LinkTable } from './link-table.ts';
import type { ComparisonName, ExplanationItem } from './types.ts';

export interface Scorer {
  readonly prior: number;
  readonly weights: LevelTable;
  weightOf(pattern: number, a: number, b: number): number;
  explain(pattern: number, a: number, b: number): ExplanationItem[];
  /** The sum of explain()'s weights, added in the same order (so bit-identical), without building it. */
  explainedWeight(pattern: number, a: number): number;
}

export function probabilityOf(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}

export function weightOfProbability(p: number): number {
  return Math.log2(p / (1 - p));
}

/** Comparisons whose exact level is adjusted for how common the value is, and the column holding it. */
const TF_COLUMNS: Partial<Record<ComparisonName, (t: LinkTable) => { col: Int32Array; space: number }>> = {
  forename: (t) => ({ col: t.forename, space: t.names.length }),
  surname: (t) => ({ col: t.surname, space: t.names.length }),
};

interface TfAdjust { c: number; col: Int32Array; weight: Float64Array; items: Map<number, ExplanationItem> }

/**
 * Weights of a fitted model. With `uSameAddress`, a pair whose address comparison says "same
 * dwelling" has its other comparisons weighed against the non-matches who share a dwelling
 * (P(γ | U) = P(address | U) · Π P(γ_c | same address, U)): a shared surname there is weak
 * evidence, as it is among household members; term-frequency adjustments do not apply there.
 */
export function createScorer(
  t: LinkTable, comparisons: readonly ComparisonName[], layout: PatternLayout, m: LevelTable, u: LevelTable, lambda: number, tf: boolean,
  uSameAddress: LevelTable | null = null,
): Scorer {
  const prior = Math.log2(lambda / (1 - lambda));
  const weightsFor = (uu: LevelTable): Float64Array[] => comparisons.map((_, c) => Float64Array.from(m[c], (mv, l) => (l === 0 ? 0 : Math.log2(mv / uu[c][l]))));
  const weights = weightsFor(u);
  const ai = comparisons.indexOf('address');
  const weightsSA = uSameAddress && ai >= 0 ? weightsFor(uSameAddress) : null;
  const sameAddress = (pattern: number): boolean => weightsSA !== null && SAME_ADDRESS_LEVELS.includes(levelOf(pattern, ai, layout));
  // Term frequency (splink's method): an exact match on a rare value is stronger evidence than on
  // a common one; u of the exact level is replaced by the value's share of the profiles.
  const adjust: TfAdjust[] = [];
  if (tf) {
    comparisons.forEach((name, c) => {
      const spec = TF_COLUMNS[name];
      if (!spec) return;
      const { col, space } = spec(t);
      const counts = new Float64Array(space);
      let total = 0;
      for (let i = 0; i < col.length; i++) if (col[i] >= 0) { counts[col[i]]++; total++; }
      const uExact = u[c][1];
      adjust.push({ c, col, weight: counts.map((n) => (n > 0 ? Math.log2(uExact / Math.max(n / total, 1e-7)) : 0)), items: new Map() });
    });
  }
  // Explanation items are shared, frozen objects: a million links must not hold ten million copies.
  const priorItem: ExplanationItem = Object.freeze({ comparison: 'prior', level: 'lambda', weight: prior });
  const levelItems = comparisons.map((name, c) => LEVELS[name].map((level, l) => Object.freeze({ comparison: name, level, weight: weights[c][l] })));
  const levelItemsSA = weightsSA && comparisons.map((name, c) => LEVELS[name].map((level, l) => Object.freeze({
    comparison: name, level: c === ai || l === 0 ? level : `${level} (same address)`, weight: weightsSA[c][l],
  })));
  const base = new Map<number, number>();
  const baseOf = (pattern: number): number => {
    let w = base.get(pattern);
    if (w === undefined) {
      const ws = sameAddress(pattern) ? weightsSA! : weights;
      w = prior;
      for (let c = 0; c < comparisons.length; c++) w += (c === ai ? weights : ws)[c][levelOf(pattern, c, layout)];
      base.set(pattern, w);
    }
    return w;
  };
  return {
    prior, weights,
    weightOf(pattern, a) {
      let w = baseOf(pattern);
      if (sameAddress(pattern)) return w;
      for (const j of adjust) if (levelOf(pattern, j.c, layout) === 1) w += j.weight[j.col[a]];
      return w;
    },
    explainedWeight(pattern, a) {
      const sa = sameAddress(pattern);
      const ws = sa ? weightsSA! : weights;
      let sum = 0 + prior;
      for (let c = 0; c < comparisons.length; c++) {
        const l = levelOf(pattern, c, layout);
        sum += ws[c][l];
        if (l !== 1 || sa) continue;
        for (const j of adjust) if (j.c === c) sum += j.weight[j.col[a]];
      }
      return sum;
    },
    explain(pattern, a) {
      const out: ExplanationItem[] = [priorItem];
      const sa = sameAddress(pattern);
      for (let c = 0; c < comparisons.length; c++) {
        const l = levelOf(pattern, c, layout);
        out.push((sa ? levelItemsSA! : levelItems)[c][l]);
        if (l !== 1 || sa) continue;
        for (const j of adjust) {
          if (j.c !== c) continue;
          const id = j.col[a];
          let item = j.items.get(id);
          if (!item) { item = Object.freeze({ comparison: comparisons[c], level: 'term-frequency', weight: j.weight[id] }); j.items.set(id, item); }
          out.push(item);
        }
      }
      return out;
    },
  };
}
