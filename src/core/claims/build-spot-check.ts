import type { Random } from '../../shared/random.ts';
import type { ClaimRow, SpotCheckRow } from './types.ts';
import { compareText } from './compare-text.ts';

export const DEFAULT_SPOT_CHECK_FRACTION = 0.1;

/** ceil(fraction × n), at least one when there are claims; the epsilon stops 0.1 × 30 = 3.0000000000000004 becoming 4. */
export function spotCheckSize(claims: number, fraction: number): number {
  if (claims === 0) return 0;
  return Math.min(claims, Math.max(1, Math.ceil(fraction * claims - 1e-9)));
}

/**
 * A seeded sample of the claims. The claims are sorted by family_ref before drawing, so the
 * sample depends only on the set of claims and the seed, never on the order rows arrived in.
 */
export function buildSpotCheck(claims: readonly ClaimRow[], random: Random, fraction = DEFAULT_SPOT_CHECK_FRACTION): SpotCheckRow[] {
  if (!(fraction > 0 && fraction <= 1)) throw new Error(`spot-check fraction must be in (0, 1], got ${fraction}`);
  const pool = [...claims].sort((a, b) => compareText(a.familyRef, b.familyRef));
  const size = spotCheckSize(pool.length, fraction);
  // Partial Fisher–Yates: the first `size` slots are a uniform sample, in draw order.
  for (let i = 0; i < size; i++) {
    const j = i + random.int(pool.length - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, size)
    .map((c, i): SpotCheckRow => ({ familyRef: c.familyRef, route: c.route, attachmentDate: c.attachmentDate, amount: c.amount, drawOrder: i + 1 }))
    .sort((a, b) => compareText(a.familyRef, b.familyRef));
}
