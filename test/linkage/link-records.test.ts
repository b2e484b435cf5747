import { describe, expect, it } from 'vitest';
import { linkRecords } from '../../src/core/linkage/link-records.ts';
import { defaultLinkSettings } from '../../src/core/linkage/default-link-settings.ts';
import type { Link, LinkRecord, ReviewDecision } from '../../src/core/linkage/types.ts';
import { upnCheckLetter } from '../../src/core/standardise/identifiers.ts';
import { createRandom } from '../../src/shared/random.ts';
import { simulateRecords } from '../../bench/linkage-simulator.ts';

const settings = defaultLinkSettings();
const { records: population, truth } = simulateRecords(3000, 7);
const upn = (rest: string): string => upnCheckLetter(rest)! + rest;

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const r = createRandom(seed), out = [...xs];
  for (let i = out.length - 1; i > 0; i--) { const j = r.int(i + 1); [out[i], out[j]] = [out[j], out[i]]; }
  return out;
}

/** A link as plain data, its explanation (built when read) included. */
const withExplanation = (l: Link): object => ({ ...l, explanation: l.explanation });

describe('linkRecords', () => {
  const result = linkRecords(population, settings, { seed: 1 });

  it('gives every record a person id and links most true pairs correctly', () => {
    expect(result.personIdOf.size).toBe(population.length);
    let tp = 0, fp = 0;
    for (const l of result.links) (truth.get(l.leftKey) === truth.get(l.rightKey) ? tp++ : fp++);
    expect(fp / (tp + fp)).toBeLessThan(0.05);
  });

  it('explanations (prior + comparison weights + term frequencies) sum to the match weight', () => {
    for (const l of [...result.links, ...result.review]) {
      const sum = l.explanation.reduce((a, e) => a + e.weight, 0);
      // Added in the same order, so exactly (links build their explanation only when read).
      expect(sum).toBe(l.matchWeight);
      expect(l.explanation[0].comparison).toBe('prior');
    }
    expect([...result.links].some((l) => l.rule === null)).toBe(true);
  });

  it('does not depend on input row order and is deterministic for a seed', () => {
    const again = linkRecords(shuffled(population, 3), settings, { seed: 1 });
    expect(again.personIdOf).toEqual(result.personIdOf);
    expect([...again.links].map(withExplanation)).toEqual([...result.links].map(withExplanation));
  });

  it('records how each parameter was estimated and counts pairs per blocking rule', () => {
    expect(result.parameters.lambdaEstimatedBy).toMatch(/^em:/);
    expect(result.parameters.thresholdsFrom).toBe('model');
    expect(result.parameters.reviewProbability).toBeLessThanOrEqual(result.parameters.acceptProbability);
    const fore = result.parameters.comparisons.find((c) => c.comparison === 'forename')!;
    expect(fore.mEstimatedBy).toMatch(/^em:/);
    expect(fore.uEstimatedBy).toMatch(/^random-pairs:/);
    expect(Object.keys(result.stats.pairsByRule)).toEqual(settings.blockingRules.map((r) => r.name));
  });

  it('reports oversized blocks as issues instead of comparing them', () => {
    const r = linkRecords(population, { ...settings, maxBlockSize: 2 }, { seed: 1 });
    expect(r.stats.issues.some((i) => i.code === 'link/oversized-block')).toBe(true);
    expect(r.stats.pairsCompared).toBeLessThan(result.stats.pairsCompared);
  });

  it('treats an invalid identifier as missing, with an issue', () => {
    const recs: LinkRecord[] = [
      { key: 'x:1', source: 'x', fields: { forename: 'Ann', surname: 'Lee', dob: '2010-01-01', upn: 'A123' } },
      { key: 'x:2', source: 'x', fields: { forename: 'Bob', surname: 'Ray', dob: '2010-02-01', upn: 'A123' } },
    ];
    const r = linkRecords(recs, settings, { seed: 1 });
    expect(r.personIdOf.get('x:1')).not.toBe(r.personIdOf.get('x:2'));
    expect(r.stats.issues.filter((i) => i.code === 'link/invalid-identifier')).toHaveLength(2);
  });
});

describe('chaining guard', () => {
  it('never puts two different UPNs in one person, even through a bridging record', () => {
    const same = { forename: 'Kayden', surname: 'Oakenshaw', dob: '2012-05-17', postcode: 'LS6 1AB', sex: 'M' };
    const recs: LinkRecord[] = [
      ...population,
      { key: 'g:1', source: 'education_attendance', fields: { ...same, upn: upn('820200101001') } },
      { key: 'g:2', source: 'police_events', fields: { ...same } },
      { key: 'g:3', source: 'education_attendance', fields: { ...same, upn: upn('820200101999') } },
    ];
    const r = linkRecords(recs, settings, { seed: 1 });
    expect(r.personIdOf.get('g:1')).not.toBe(r.personIdOf.get('g:3'));
    expect([r.personIdOf.get('g:1'), r.personIdOf.get('g:3')]).toContain(r.personIdOf.get('g:2'));
    expect(r.stats.guardRefused).toBeGreaterThan(0);
  });

  it('does not merge two records of one source on weak evidence alone', () => {
    const strict = linkRecords(population, { ...settings, sameSourceMinProbability: 0.999999999 }, { seed: 1 });
    const loose = linkRecords(population, { ...settings, sameSourceMinProbability: 0 }, { seed: 1 });
    const sourceOf = new Map(population.map((p) => [p.key, p.source]));
    const weakSameSource = (r: typeof strict): number => [...r.links].filter((l) => l.rule === null && l.probability < 0.999999999
      && sourceOf.get(l.leftKey) === sourceOf.get(l.rightKey)).length;
    expect(weakSameSource(loose)).toBeGreaterThan(0);
    expect(weakSameSource(strict)).toBe(0);
  });
});

describe('clerical review decisions', () => {
  it('are remembered across a re-run whose row ids differ', () => {
    const first = linkRecords(population, settings, { seed: 1 });
    expect(first.review.length).toBeGreaterThan(2);
    // Pairs above the accept threshold are in review only because a guard refused them (they would
    // join two different identifiers), so accepting one could not merge it: take clerical-band pairs.
    const band = first.review.filter((p) => p.probability < first.parameters.acceptProbability);
    expect(band.length).toBeGreaterThan(2);
    const [acc, rej] = band;
    const decisions: ReviewDecision[] = [
      { leftFingerprint: acc.leftFingerprint, rightFingerprint: acc.rightFingerprint, decision: 'accept' },
      // order-independent pair identity
      { leftFingerprint: rej.rightFingerprint, rightFingerprint: rej.leftFingerprint, decision: 'reject' },
    ];
    // next quarter: same people, new row ids
    const rekey = (k: string): string => `${k.split(':')[0]}:q2-${k.split(':')[1]}`;
    const next = population.map((r) => ({ ...r, key: rekey(r.key) }));
    const second = linkRecords(next, settings, { seed: 2, decisions });
    const pid = (k: string): string => second.personIdOf.get(rekey(k))!;
    expect(pid(acc.leftKey)).toBe(pid(acc.rightKey));
    expect(pid(rej.leftKey)).not.toBe(pid(rej.rightKey));
    expect([...second.links].some((l) => l.rule === 'review-accept')).toBe(true);
    const inReview = (k1: string, k2: string): boolean => second.review.some((p) =>
      (p.leftKey === rekey(k1) && p.rightKey === rekey(k2)) || (p.leftKey === rekey(k2) && p.rightKey === rekey(k1)));
    expect(inReview(acc.leftKey, acc.rightKey)).toBe(false);
    expect(inReview(rej.leftKey, rej.rightKey)).toBe(false);
  });
});

describe('parseLinkSettings', async () => {
  const { parseLinkSettings } = await import('../../src/core/linkage/parse-link-settings.ts');
  it('fills defaults, keeps overrides, and refuses unknown keys or inverted thresholds', () => {
    expect(parseLinkSettings({})).toEqual(defaultLinkSettings());
    expect(parseLinkSettings(JSON.parse(JSON.stringify(defaultLinkSettings())))).toEqual(defaultLinkSettings());
    expect(parseLinkSettings({ acceptProbability: 0.99 }).acceptProbability).toBe(0.99);
    expect(() => parseLinkSettings({ acceptProbabilty: 0.99 })).toThrow();
    expect(() => parseLinkSettings({ acceptProbability: 0.4, reviewProbability: 0.5 })).toThrow();
    expect(parseLinkSettings({ acceptProbability: null }).acceptProbability).toBeNull();
    expect(() => parseLinkSettings({ blockingRules: [{ name: 'x', keys: ['shoe_size'] }] })).toThrow();
  });
});
