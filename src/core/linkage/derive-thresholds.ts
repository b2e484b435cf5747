/**
 * Thresholds from the fitted model. Each candidate pair's match probability is the model's
 * expected share of matches among pairs like it, so for any threshold the expected number of
 * true links above it is Σ p, and the expected number of matching pairs is Σ p over all pairs.
 * - accept: the threshold that maximises expected pairwise F1 = 2·Σ_{p≥t} p / (#{p≥t} + Σ p);
 * - review (clerical band): pairs below accept down to the point where the pairs left below it
 *   hold at most 1% of the expected matches, and never below probability 0.01.
 * Both are bounded: accept is never below ACCEPT_MIN_PROBABILITY (on a handful of pairs the F1
 * maximiser would accept the single pair there is, however weak), review never below
 * REVIEW_MIN_PROBABILITY; the pairs between the optimum and the accept floor are always in the
 * clerical band. With no pairs they sit at those floors.
 */
import { probabilityOf, weightOfProbability } from './fellegi-sunter.ts';

export interface Thresholds { readonly acceptWeight: number; readonly reviewWeight: number }

/** Scored pairs that were not kept (score-candidates.ts). */
export interface DroppedPairs { readonly count: number; readonly probabilitySum: number; readonly maxProbability: number }

export const REVIEW_MISSED_SHARE = 0.01;
export const REVIEW_MIN_PROBABILITY = 0.01;
/** A pair is linked without review only when the model gives it at least 9 chances in 10. */
export const ACCEPT_MIN_PROBABILITY = 0.9;

/**
 * `weights`: the scored pairs that were kept; `dropped`: the pairs not kept (every one below
 * REVIEW_MIN_PROBABILITY, score-candidates.ts), of which the thresholds need only the sum of their
 * probabilities (and the largest): they are the tail of the sorted pairs, where the review band
 * always stops. The F1 optimum can lie among them only if the best F1 among the kept pairs is below
 * twice the largest dropped probability (a pair of probability p raises F1 only while F1 < 2p), a
 * county with next to no matches; then it is taken to be there (the accept threshold at its floor).
 */
export function deriveThresholds(weights: Float64Array, dropped: DroppedPairs = { count: 0, probabilitySum: 0, maxProbability: 0 }): Thresholds {
  const sorted = Float64Array.from(weights).sort().reverse();
  const P = sorted.length;
  const acceptFloor = weightOfProbability(ACCEPT_MIN_PROBABILITY), reviewFloor = weightOfProbability(REVIEW_MIN_PROBABILITY);
  if (P === 0) return { acceptWeight: acceptFloor, reviewWeight: dropped.count === 0 ? reviewFloor : acceptFloor };
  // Each pair's probability is computed as it is read, once per run of equal weights (they sort
  // together): a county's pairs need no second array of them.
  let lastWeight = NaN, lastProb = 0;
  const prob = (i: number): number => {
    const w = sorted[i];
    if (w !== lastWeight) { lastWeight = w; lastProb = probabilityOf(w); }
    return lastProb;
  };
  let expected = 0;
  for (let i = 0; i < P; i++) expected += prob(i);
  expected += dropped.probabilitySum;
  let tp = 0, best = -1, bestAt = 0;
  for (let i = 0; i < P; i++) {
    tp += prob(i);
    // Ties: a threshold falls between distinct weights only.
    if (i + 1 < P && sorted[i + 1] === sorted[i]) continue;
    const f1 = (2 * tp) / (i + 1 + expected);
    if (f1 > best) { best = f1; bestAt = i; }
  }
  const optimumDropped = dropped.count > 0 && best < 2 * dropped.maxProbability;
  const optimum = optimumDropped ? -Infinity : sorted[bestAt];
  const acceptWeight = Math.max(optimum, acceptFloor);
  let below = 0;
  let first = 0; // first pair below accept
  while (first < P && sorted[first] >= acceptWeight) first++;
  for (let i = first; i < P; i++) below += prob(i);
  below += dropped.probabilitySum;
  let reviewWeight = acceptWeight, left = below;
  // Pairs the F1 optimum would have accepted but the floor does not are always in the band.
  for (let i = first; i < P && (left > REVIEW_MISSED_SHARE * expected || sorted[i] >= optimum); i++) {
    if (prob(i) < REVIEW_MIN_PROBABILITY) break;
    left -= prob(i);
    reviewWeight = sorted[i];
  }
  return { acceptWeight, reviewWeight };
}
