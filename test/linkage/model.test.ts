import { describe, expect, it } from 'vitest';
import { linkRecords } from '../../src/core/linkage/link-records.ts';
import { defaultLinkSettings } from '../../src/core/linkage/default-link-settings.ts';
import type { LinkRecord } from '../../src/core/linkage/types.ts';
import { simulateRecords } from '../../bench/linkage-simulator.ts';

const settings = defaultLinkSettings();
// A background population so that u, m and λ are estimated from data, as in a real run.
const { records: background } = simulateRecords(3000, 21);

describe('the Liz Harpur case', () => {
  const liz: LinkRecord = { key: 'police:1', source: 'police_events', fields: { forename: 'Liz', surname: 'Harpur', dob: '1987-07-03', address_line1: '18 Linden Rd', postcode: 'LS7 2AB', sex: 'F' } };
  const elizabeth: LinkRecord = { key: 'family:1', source: 'early_help_families', fields: { forename: 'Elizabeth', surname: 'Harper', dob: '1987-03-07', address_line1: '18 Linden Road', postcode: 'LS7 2AB', sex: 'F' } };
  const lookAlike: LinkRecord = { key: 'family:2', source: 'early_help_families', fields: { forename: 'Elizabeth', surname: 'Harper', dob: '1979-11-21', address_line1: '4 Oak Street', postcode: 'BD1 1AA', sex: 'F' } };
  const result = linkRecords([...background, liz, elizabeth, lookAlike], settings, { seed: 1 });
  const pid = (k: string): string => result.personIdOf.get(k)!;

  it('links the police record for "Liz Harpur" to the family member "Elizabeth Harper" (nickname, typo, day/month swapped, Rd/Road)', () => {
    expect(pid('police:1')).toBe(pid('family:1'));
    const link = [...result.links].find((l) => [l.leftKey, l.rightKey].sort().join() === ['family:1', 'police:1'].join())!;
    const levels = Object.fromEntries(link.explanation.filter((e) => e.level !== 'term-frequency').map((e) => [e.comparison, e.level.replace(' (same address)', '')]));
    expect(levels).toMatchObject({ forename: 'nickname', surname: 'jw-high', dob: 'transposed-day-month', address: 'line+postcode' });
  });

  it('does not link a look-alike with the same name but another date of birth and address', () => {
    expect(pid('family:2')).not.toBe(pid('family:1'));
    expect(pid('family:2')).not.toBe(pid('police:1'));
  });
});

describe('missing values', () => {
  it('leave the match weight unchanged: a missing field is neither evidence for nor against', () => {
    const full = { forename: 'Amira', surname: 'Okafor', dob: '2009-02-14', postcode: 'LS6 1AB', email: 'amira@example.org' };
    const recs: LinkRecord[] = [
      ...background,
      { key: 'x:a', source: 'x', fields: full },
      { key: 'y:b', source: 'y', fields: { ...full, forename: 'Amria' } },
      { key: 'y:c', source: 'y', fields: { ...full, forename: 'Amria', email: null } },
    ];
    const r = linkRecords(recs, settings, { seed: 1, keepScoredPairs: true });
    const weight = (x: string, y: string): number => r.scoredPairs!.find((p) => [p.leftKey, p.rightKey].sort().join() === [x, y].sort().join())!.matchWeight;
    const email = r.parameters.comparisons.find((c) => c.comparison === 'email')!;
    const exact = email.levels.find((l) => l.level === 'exact')!.weight;
    expect(email.levels.find((l) => l.level === 'null')!.weight).toBe(0);
    expect(exact).toBeGreaterThan(0);
    // b and c differ only in c's missing e-mail: the weight loses exactly the e-mail agreement, nothing more.
    expect(weight('x:a', 'y:c')).toBeCloseTo(weight('x:a', 'y:b') - exact, 9);
  });
});
