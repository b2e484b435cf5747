import type { Random } from '../shared/random.ts';

export interface WeightedPicker<T> {
  pick(rng: Random): T;
  readonly items: readonly T[];
}

/** Pick items in proportion to their weights (binary search over the cumulative weights). */
export function pickWeighted<T>(items: readonly T[], weights: readonly number[]): WeightedPicker<T> {
  if (items.length === 0 || items.length !== weights.length) throw new Error('pickWeighted: bad input');
  const cumulative = new Float64Array(items.length);
  let total = 0;
  weights.forEach((w, i) => { total += w; cumulative[i] = total; });
  return {
    items,
    pick(rng) {
      const x = rng.next() * total;
      let lo = 0, hi = items.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] > x) hi = mid; else lo = mid + 1;
      }
      return items[lo];
    },
  };
}

export function pickOne<T>(rng: Random, items: readonly T[]): T {
  return items[rng.int(items.length)];
}

/** Uniform integer in [lo, hi]. */
export function between(rng: Random, lo: number, hi: number): number {
  return lo + rng.int(hi - lo + 1);
}
