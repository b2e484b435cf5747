/**
 * Thresholds from the fitted model. Each candidate pair's match probability is the model's
 * expected share of matches among pairs like it, so for any threshold the expected number of
 * true links above it is Σ p, and the expected number of matching pairs is Σ p over all pairs.
 * - accept: the threshold that maximises expected pairwise F1 = 2·Σ_{p≥t} p / (#{p≥t} + Σ p);
 * - review (clerical band): pairs below accept down to the point where the pairs left below it
 *   hold at most 1% of the expected matches, and never below probability 0.01.
 */
import { probabilityOf } from './fellegi-sunter.ts';

export interface Thresholds { readonly acceptWeight: number; readonly reviewWeight: number }

export const REVIEW_MISSED_SHARE = 0.01;
export const REVIEW_MIN_PROBABILITY = 0.01;

export function deriveThresholds(weights: Float64Array): Thresholds {
  const sorted = Float64Array.from(weights).sort().reverse();
  const P = sorted.length;
  if (P === 0) return { acceptWeight: 0, reviewWeight: 0 };
  let expected = 0;
  for (let i = 0; i < P; i++) expected += probabilityOf(sorted[i]);
  let tp = 0, best = -1, bestAt = 0;
  for (let i = 0; i < P; i++) {
    tp += probabilityOf(sorted[i]);
    // Ties: a threshold falls between distinct weights only.
    if (i + 1 < P && sorted[i + 1] === sorted[i]) continue;
    const f1 = (2 * tp) / (i + 1 + expected);
    if (f1 > best) { best = f1; bestAt = i; }
  }
  const acceptWeight = sorted[bestAt];
  let below = 0;
  for (let i = bestAt + 1; i < P; i++) below += probabilityOf(sorted[i]);
  let reviewWeight = acceptWeight, left = below;
  for (let i = bestAt + 1; i < P && left > REVIEW_MISSED_SHARE * expected; i++) {
    if (probabilityOf(sorted[i]) < REVIEW_MIN_PROBABILITY) break;
    left -= probabilityOf(sorted[i]);
    reviewWeight = sorted[i];
  }
  return { acceptWeight, reviewWeight };
}
