import { describe, expect, it } from 'vitest';
import { simulateRecords } from '../../bench/linkage-simulator.ts';
import { CandidateStream, generateCandidates } from '../../src/core/linkage/blocking.ts';
import { defaultLinkSettings } from '../../src/core/linkage/default-link-settings.ts';
import { deriveThresholds, REVIEW_MIN_PROBABILITY } from '../../src/core/linkage/derive-thresholds.ts';
import { probabilityOf, weightOfProbability } from '../../src/core/linkage/fellegi-sunter.ts';
import { linkRecords } from '../../src/core/linkage/link-records.ts';
import { buildLinkTable } from '../../src/core/linkage/link-table.ts';
import { linkRecordsParallel } from '../../src/pipeline/linkage/link-records-parallel.ts';
import { createRandom } from '../../src/shared/random.ts';
import type { Link, LinkIssue, LinkResult } from '../../src/core/linkage/types.ts';

describe('candidate pairs streamed in batches', () => {
  it('are the same pairs, in the same order, with the same counts and issues, whatever the batch size', () => {
    const { records } = simulateRecords(1500, 3);
    const settings = defaultLinkSettings();
    const table = buildLinkTable(records, settings.strongIds, []);
    // A small block limit, so that some blocks are skipped (and said) part-way through the stream.
    const allIssues: LinkIssue[] = [];
    const all = generateCandidates(table, settings.blockingRules, 12, allIssues);
    expect(allIssues.length).toBeGreaterThan(0);
    expect(all.left.length).toBeGreaterThan(1000);
    for (const size of [1, 7, 4096]) {
      const issues: LinkIssue[] = [];
      const stream = new CandidateStream(table, settings.blockingRules, 12, issues);
      const left: number[] = [], right: number[] = [];
      const l = new Uint32Array(size), r = new Uint32Array(size);
      for (let n = stream.fill(l, r); n > 0; n = stream.fill(l, r)) for (let i = 0; i < n; i++) { left.push(l[i]); right.push(r[i]); }
      expect(stream.fill(l, r)).toBe(0);
      expect(Uint32Array.from(left)).toEqual(all.left);
      expect(Uint32Array.from(right)).toEqual(all.right);
      expect(stream.pairsByRule).toEqual(all.pairsByRule);
      expect(issues).toEqual(allIssues);
    }
  });

  it('give the same links, review list and parameters whatever the batch size, and as keeping every scored pair', async () => {
    const { records } = simulateRecords(2500, 8);
    const settings = defaultLinkSettings();
    const plain = (r: LinkResult): object => ({
      personIdOf: r.personIdOf, review: r.review, parameters: r.parameters,
      links: [...r.links].map((l: Link) => ({ ...l, explanation: l.explanation })), stats: { ...r.stats },
    });
    const base = linkRecords(records, settings, { seed: 2 });
    expect(base.stats.probabilisticLinks).toBeGreaterThan(0);
    expect(plain(linkRecords(records, settings, { seed: 2, candidateBatch: 7 }))).toEqual(plain(base));
    expect(plain(await linkRecordsParallel(records, settings, { seed: 2, workers: 2, minPairsForWorkers: 0, candidateBatch: 1000 }))).toEqual(plain(base));
    // Keeping every pair (as `--pairs` does) changes nothing but the scored pairs returned.
    const every = linkRecords(records, settings, { seed: 2, keepScoredPairs: true });
    expect(every.scoredPairs!.length).toBe(base.stats.pairsCompared);
    expect(every.scoredPairs!.some((p) => p.probability < REVIEW_MIN_PROBABILITY)).toBe(true);
    expect(plain({ ...every, scoredPairs: undefined } as LinkResult)).toEqual(plain(base));
  }, 60_000);
});

describe('deriveThresholds from the kept pairs and the sum of those dropped', () => {
  it('equals deriving them from every pair', () => {
    const rnd = createRandom('thresholds');
    const floor = weightOfProbability(REVIEW_MIN_PROBABILITY) - 1e-6;
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(rnd.next() * 400);
      // Mixtures of strong, middling and weak pairs, in shares that vary from all weak to all strong.
      const strong = rnd.next(), weak = rnd.next();
      const w = Float64Array.from({ length: n }, () => {
        const x = rnd.next();
        return x < strong * (1 - weak) ? 5 + 25 * rnd.next() : x < 1 - weak * 0.5 ? -12 + 16 * rnd.next() : -30 + 22 * rnd.next();
      });
      check(w, `round ${round}`);
    }
    // Nearly every pair weak but close to the floor: the F1 optimum lies among the dropped pairs.
    for (let round = 0; round < 50; round++) {
      const n = 2000 + Math.floor(rnd.next() * 3000), few = Math.floor(rnd.next() * 6);
      const w = Float64Array.from({ length: n }, (_, i) => (i < few ? -6.6 + 12 * rnd.next() : -8 + 1.3 * rnd.next()));
      check(w, `weak round ${round}`);
    }
    function check(w: Float64Array, what: string): void {
      const kept = w.filter((x) => x >= floor);
      const droppedWeights = w.filter((x) => x < floor);
      const dropped = {
        count: droppedWeights.length, probabilitySum: droppedWeights.reduce((a, x) => a + probabilityOf(x), 0),
        maxProbability: droppedWeights.reduce((a, x) => Math.max(a, probabilityOf(x)), 0),
      };
      expect(deriveThresholds(kept, dropped), what).toEqual(deriveThresholds(w));
    }
  });
});
