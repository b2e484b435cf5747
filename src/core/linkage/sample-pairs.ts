/** Pair samples for parameter estimation: random pairs (for u) and blocked pairs (for EM). */
import type { Random } from '../../shared/random.ts';
import { blocksOf, PairBuffer, ruleKeys } from './blocking.ts';
import type { LinkTable } from './link-table.ts';
import type { KeyField, KeyRule } from './types.ts';

export function sampleRandomPairs(unitCount: number, count: number, rnd: Random): { left: Uint32Array; right: Uint32Array } {
  const buf = new PairBuffer();
  if (unitCount < 2) return buf.done();
  for (let i = 0; i < count; i++) {
    const a = rnd.int(unitCount);
    let b = rnd.int(unitCount - 1);
    if (b >= a) b++;
    buf.push(a, b);
  }
  return buf.done();
}

/** Pairs of one training rule's blocks, thinned uniformly to about maxPairs; `total` = pairs before thinning. */
export function sampleBlockedPairs(t: LinkTable, rule: KeyRule, maxBlockSize: number, maxPairs: number, rnd: Random): { left: Uint32Array; right: Uint32Array; total: number } {
  const { order, starts, ends } = blocksOf(ruleKeys(t, rule, new Map<KeyField, Int32Array>()));
  let total = 0;
  for (let i = 0; i < starts.length; i++) {
    const s = ends[i] - starts[i];
    if (s <= maxBlockSize) total += (s * (s - 1)) / 2;
  }
  const keep = total > maxPairs ? maxPairs / total : 1;
  const buf = new PairBuffer();
  for (let bi = 0; bi < starts.length; bi++) {
    const s = starts[bi], e = ends[bi];
    if (e - s > maxBlockSize) continue;
    for (let i = s; i < e; i++) for (let j = i + 1; j < e; j++) {
      if (keep < 1 && rnd.next() >= keep) continue;
      buf.push(order[i], order[j]);
    }
  }
  return { ...buf.done(), total };
}
