import { describe, expect, it } from 'vitest';
import { defaultLinkSettings } from '../../src/core/linkage/default-link-settings.ts';
import { linkRecords } from '../../src/core/linkage/link-records.ts';
import { buildLinkTable, recordFingerprint } from '../../src/core/linkage/link-table.ts';
import type { LinkRecord } from '../../src/core/linkage/types.ts';
import { upnCheckLetter } from '../../src/core/standardise/identifiers.ts';
import { simulateRecords } from '../../bench/linkage-simulator.ts';

const settings = defaultLinkSettings();
const upn = (rest: string): string => upnCheckLetter(rest)! + rest;

describe('the review queue is worth a reviewer\'s time', () => {
  it('never queues a pair whose sides hold two different values of one identifier, and says why each pair is queued', () => {
    const { records } = simulateRecords(3000, 11);
    const byKey = new Map(records.map((r) => [r.key, r]));
    const result = linkRecords(records, settings, { seed: 3 });
    expect(result.review.length).toBeGreaterThan(0);
    const norm = (v: string | null | undefined) => (v ? v.replace(/\s+/g, '').toUpperCase() : null);
    for (const p of result.review) {
      expect(p.reason.length).toBeGreaterThan(10);
      const [l, r] = [byKey.get(p.leftKey)!, byKey.get(p.rightKey)!];
      for (const kind of settings.strongIds) {
        const [x, y] = [norm(l.fields[kind]), norm(r.fields[kind])];
        expect(x !== null && y !== null && x !== y, `${p.leftKey}~${p.rightKey} ${kind}`).toBe(false);
      }
    }
  });

  it('an accept the identifier guard refuses comes back with the reason and is counted, never dropped', () => {
    // Two siblings: same name, date of birth and address, different UPNs.
    const base = { forename: 'Amelia', surname: 'Hartley', dob: '2012-03-04', sex: 'F', postcode: 'NR1 1AA', address_line1: '1 Elm Road' };
    const records: LinkRecord[] = [
      { key: 'education_attendance:1', source: 'education_attendance', fields: { ...base, upn: upn('926000000001') } },
      { key: 'early_help_families:1', source: 'early_help_families', fields: { ...base, upn: upn('926000000002') } },
    ];
    const table = buildLinkTable(records, settings.strongIds, []);
    const fp = (key: string) => recordFingerprint(table, table.keys.indexOf(key));
    const decisions = [{ leftFingerprint: fp('education_attendance:1'), rightFingerprint: fp('early_help_families:1'), decision: 'accept' as const }];
    const result = linkRecords(records, settings, { seed: 1, decisions });
    expect(result.personIdOf.get('education_attendance:1')).not.toBe(result.personIdOf.get('early_help_families:1'));
    expect([...result.links].some((l) => l.rule === 'review-accept')).toBe(false);
    expect(result.review).toHaveLength(1);
    expect(result.review[0]).toMatchObject({ decision: 'accept', reason: 'your accept cannot be applied: the two sides hold different upn values' });
    expect(result.stats.issues.filter((i) => i.code === 'link/review-accept-refused')).toHaveLength(1);
  });
});
