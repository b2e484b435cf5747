import { describe, expect, it } from 'vitest';
import { simulateRecords } from '../../bench/linkage-simulator.ts';
import { buildLinkTable } from '../../src/core/linkage/link-table.ts';
import { SourceRowKeys, StringKeys } from '../../src/core/linkage/record-keys.ts';
import { linkRecords } from '../../src/core/linkage/link-records.ts';
import { defaultLinkSettings } from '../../src/core/linkage/default-link-settings.ts';
import type { LinkRecord } from '../../src/core/linkage/types.ts';

describe('record keys', () => {
  it('made from a source and row id read as the same strings, found by binary search', () => {
    const keys = new SourceRowKeys(['a', 'b'], Int32Array.from([0, 0, 0, 1]), Float64Array.from([1, 10, 2, 7]));
    expect([...keys]).toEqual(['a:1', 'a:10', 'a:2', 'b:7']);
    expect(keys.length).toBe(4);
    expect(['a:1', 'a:10', 'a:2', 'b:7', 'a:3', 'c:1', 'a:01', 'a:', 'a1'].map((k) => keys.indexOf(k))).toEqual([0, 1, 2, 3, -1, -1, -1, -1, -1]);
    expect(new StringKeys(['a:1', 'a:10', 'a:2', 'b:7']).indexOf('a:2')).toBe(2);
  });

  it('a table of records that carry their row id keeps the numbers and links exactly as with the keys as text', () => {
    // The simulator's keys are `source:n`; carried with n as the row id, the table keeps numbers.
    const { records } = simulateRecords(1200, 5);
    const withRowIds: LinkRecord[] = records.map((r) => ({ ...r, rowId: Number(r.key.slice(r.key.lastIndexOf(':') + 1)) }));
    expect(withRowIds.every((r) => r.key === `${r.source}:${r.rowId}`)).toBe(true);
    const settings = defaultLinkSettings();
    const plain = buildLinkTable(records, settings.strongIds, []);
    const numbered = buildLinkTable(withRowIds, settings.strongIds, []);
    expect(plain.keys).toBeInstanceOf(StringKeys);
    expect(numbered.keys).toBeInstanceOf(SourceRowKeys);
    expect([...numbered.keys]).toEqual([...plain.keys]);
    for (const r of records) expect(numbered.keys.indexOf(r.key)).toBe(plain.keys.indexOf(r.key));
    const a = linkRecords(records, settings, { seed: 3 }), b = linkRecords(withRowIds, settings, { seed: 3 });
    expect([...b.personIdOf]).toEqual([...a.personIdOf]);
    expect([...b.links].map((l) => [l.leftKey, l.rightKey, l.matchWeight])).toEqual([...a.links].map((l) => [l.leftKey, l.rightKey, l.matchWeight]));
    // One record whose key is not its source and row id: every key is kept as text, the same keys.
    const mixed = withRowIds.map((r, i) => (i === 700 ? { ...r, rowId: (r.rowId ?? 0) + 1 } : r));
    const fallback = buildLinkTable(mixed, settings.strongIds, []);
    expect(fallback.keys).toBeInstanceOf(StringKeys);
    expect([...fallback.keys]).toEqual([...plain.keys]);
  });
});
