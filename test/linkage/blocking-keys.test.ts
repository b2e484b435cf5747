import { describe, expect, it } from 'vitest';
import { blocksOf, ruleKeys } from '../../src/core/linkage/blocking.ts';
import { createRandom } from '../../src/shared/random.ts';
import { buildLinkTable } from '../../src/core/linkage/link-table.ts';
import type { KeyField, LinkRecord } from '../../src/core/linkage/types.ts';

describe('blocking keys', () => {
  it('postcode_district_or_none splits an address by district and keeps the units without a UK postcode together', () => {
    const at = (key: string, forename: string, postcode: string | null): LinkRecord => ({
      key, source: 'a', fields: { forename, surname: 'Smith', address_line1: '12 High Street', postcode },
    });
    const records = [
      at('a:1', 'Ann', 'LS6 1AB'), at('a:2', 'Bob', 'LS6 2XY'), // one district
      at('a:3', 'Cat', 'BD1 1AA'), // another district
      at('a:4', 'Dan', null), at('a:5', 'Eve', '2600'), // no UK postcode: together, not dropped
    ];
    const t = buildLinkTable(records, [], []);
    const keyOf = (rule: readonly KeyField[]) => {
      const keys = ruleKeys(t, { name: 'r', keys: rule }, new Map());
      return (record: number) => keys[t.unitOf[record]];
    };
    const k = keyOf(['address_line', 'postcode_district_or_none']);
    expect(k(0)).toBe(k(1));
    expect(k(2)).not.toBe(k(0));
    expect(k(3)).toBe(k(4));
    expect(k(3)).not.toBe(k(0));
    for (let r = 0; r < 5; r++) expect(Number.isNaN(k(r))).toBe(false);
    // Keyed on the district itself, the units without one are left out of the rule.
    const plain = keyOf(['address_line', 'postcode_district']);
    expect(Number.isNaN(plain(3)) && Number.isNaN(plain(4))).toBe(true);
    expect(plain(0)).toBe(plain(1));
  });

  it('blocksOf gives the units of each key shared by two or more, keys ascending, units ascending', () => {
    const rnd = createRandom('blocks');
    // Keys as rules make them: small ids, two ids packed (x·2^26 + y), 52-bit hashes; NaN for none.
    const shapes = [() => rnd.int(50), () => rnd.int(40) * 2 ** 26 + rnd.int(3), () => rnd.int(2 ** 20) * 2 ** 32 + rnd.int(4)];
    for (const make of shapes) {
      const keys = Float64Array.from({ length: 5000 }, () => (rnd.next() < 0.1 ? NaN : make()));
      const byKey = new Map<number, number[]>();
      keys.forEach((k, u) => { if (!Number.isNaN(k)) byKey.set(k, [...(byKey.get(k) ?? []), u]); });
      const expected = [...byKey].filter(([, us]) => us.length > 1).sort(([a], [b]) => a - b).map(([, us]) => us);
      const { order, starts, ends } = blocksOf(keys);
      expect(starts.map((s, i) => [...order.subarray(s, ends[i])])).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
    }
    expect(blocksOf(new Float64Array([NaN, NaN]))).toEqual({ order: new Uint32Array(0), starts: [], ends: [] });
  });
});
