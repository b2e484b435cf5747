/**
 * The candidate pairs' scores, kept as they stream in: only pairs that could be linked or offered
 * for review (at or above the lowest threshold there can be) are kept, with their comparison
 * pattern and match weight; of the rest only the count and the sum of their match probabilities,
 * which is all deriving the thresholds needs of them (derive-thresholds.ts). A county compares
 * tens of millions of pairs, nearly all of them strangers sharing a postcode sector or a birthday.
 */
import { REVIEW_MIN_PROBABILITY } from './derive-thresholds.ts';
import { probabilityOf, weightOfProbability, type Scorer } from './fellegi-sunter.ts';
import type { LinkSettings } from './types.ts';
import { grown } from './grown.ts';

export class CandidateScores {
  left = new Uint32Array(1024);
  right = new Uint32Array(1024);
  pattern = new Float64Array(1024);
  weight = new Float64Array(1024);
  /** Pairs kept. */
  length = 0;
  /** Pairs scored, kept or not. */
  compared = 0;
  /** Of the pairs not kept: how many, the sum of their match probabilities, and the largest. */
  readonly dropped = { count: 0, probabilitySum: 0, maxProbability: 0 };

  /** `floorWeight`: pairs below it are not kept (-Infinity keeps every pair). */
  constructor(private readonly scorer: Scorer, private readonly floorWeight: number) {}

  /**
   * The lowest weight a pair needs to be kept under these settings: no pair below the lowest
   * threshold the settings give or the model could derive is linked or reviewed. The derived review
   * threshold is never below REVIEW_MIN_PROBABILITY; the small margin keeps every pair whose
   * probability rounds to that floor.
   */
  static floorFor(s: LinkSettings, keepAll: boolean): number {
    if (keepAll) return -Infinity;
    const floors = [REVIEW_MIN_PROBABILITY, s.reviewProbability, s.acceptProbability].filter((p): p is number => p !== null);
    return Math.min(...floors.map(weightOfProbability)) - 1e-6;
  }

  add(left: Uint32Array, right: Uint32Array, patterns: Float64Array, n: number): void {
    const floor = this.floorWeight;
    for (let p = 0; p < n; p++) {
      const a = left[p], b = right[p];
      const w = this.scorer.weightOf(patterns[p], a, b);
      if (w < floor) {
        const pr = probabilityOf(w), d = this.dropped;
        d.count++; d.probabilitySum += pr;
        if (pr > d.maxProbability) d.maxProbability = pr;
        continue;
      }
      if (this.length === this.left.length) this.grow();
      const k = this.length++;
      this.left[k] = a; this.right[k] = b; this.pattern[k] = patterns[p]; this.weight[k] = w;
    }
    this.compared += n;
  }

  private grow(): void {
    const n = this.left.length * 2;
    this.left = grown(this.left, n); this.right = grown(this.right, n);
    this.pattern = grown(this.pattern, n); this.weight = grown(this.weight, n);
  }
}
