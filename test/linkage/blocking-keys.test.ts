import { describe, expect, it } from 'vitest';
import { ruleKeys } from '../../src/core/linkage/blocking.ts';
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
});
