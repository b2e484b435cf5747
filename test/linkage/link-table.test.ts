import { describe, expect, it } from 'vitest';
import { buildLinkTable, LinkTableBuilder } from '../../src/core/linkage/link-table.ts';
import { FieldStandardiser, joinSides } from '../../src/core/linkage/field-standardiser.ts';
import { defaultLinkSettings } from '../../src/core/linkage/default-link-settings.ts';
import type { LinkIssue, LinkRecord } from '../../src/core/linkage/types.ts';
import { simulateRecords } from '../../bench/linkage-simulator.ts';

describe('buildLinkTable', () => {
  const { records } = simulateRecords(3000, 7);
  const ids = defaultLinkSettings().strongIds;
  const build = (rs: readonly LinkRecord[]) => { const issues: LinkIssue[] = []; return { table: buildLinkTable(rs, ids, issues), issues }; };

  it('numbers records in key order whatever order they are given in', () => {
    const sorted = [...records].sort((a, b) => (a.key < b.key ? -1 : 1));
    const reversed = [...sorted].reverse();
    expect(build(reversed)).toEqual(build(sorted));
    expect([...build(sorted).table.keys]).toEqual(sorted.map((r) => r.key));
  });

  it('gives the same table when records carry a profile text (read and standardised once per profile)', () => {
    // Each record repeated three times (as a pupil's attendance terms are), the copies sharing a profile text.
    const repeated: LinkRecord[] = [];
    let reads = 0;
    for (const r of records) {
      for (let copy = 0; copy < 3; copy++) {
        const key = `${r.key}~${copy}`;
        repeated.push({ key, source: r.source, fields: r.fields });
      }
    }
    const profiled = repeated.map((r) => ({
      key: r.key, source: r.source, profile: JSON.stringify(r.fields),
      get fields() { reads++; return r.fields; },
    }));
    // An invalid identifier is reported on every record that carries it, profile or not.
    const bad = { ...profiled[0], fields: { ...profiled[0].fields, upn: 'X1' } };
    const badTwin = { ...profiled[1], fields: { ...profiled[1].fields, upn: 'X1' } };
    const withBad = [{ ...bad, profile: 'bad' }, { ...badTwin, profile: 'bad' }, ...profiled.slice(2)];
    const plain = [bad, badTwin, ...repeated.slice(2)];
    const a = build(withBad), b = build(plain);
    expect(a).toEqual(b);
    expect(a.issues.filter((i) => i.code === 'link/invalid-identifier').map((i) => i.key)).toEqual(expect.arrayContaining([bad.key, badTwin.key]));
    expect(reads).toBeLessThanOrEqual(records.length + 2);
  });

  it('keeps the profile cache per source: equal texts of two sources are standardised apart', () => {
    const r = records[0];
    const other = { key: 'zz:1', source: 'zz', fields: { ...r.fields, forename: 'Different' }, profile: 'same' };
    const mine = { key: r.key, source: r.source, fields: r.fields, profile: 'same' };
    const t = build([mine, other]).table;
    expect(t.names[t.forename[t.unitOf[1]]]).toBe('DIFFERENT');
  });

  it('builds the same table from whole sources (addSource: a profile standardised and found in its unit once) as record by record', () => {
    // Two sources; each simulated record's fields are a profile, given to 1–3 rows (ids 1…, so "10" sorts before "9" as text).
    const sources = ['alpha', 'beta'];
    const profiles = records.slice(0, 600).map((r, p) => (p === 5 || p === 6 ? { ...r.fields, upn: 'X1' } : p % 50 === 0 ? { surname: r.fields.surname } : r.fields));
    const rows = sources.map((source, s) => {
      const rowIds: number[] = [], profileOf: number[] = [];
      profiles.forEach((_, p) => { if ((p + s) % 3 !== 0) for (let copy = 0; copy <= p % 3; copy++) { rowIds.push(rowIds.length + 1); profileOf.push(p); } });
      return { source, rowIds, profileOf };
    });
    const byRecord: LinkRecord[] = rows.flatMap(({ source, rowIds, profileOf }) => rowIds.map((rowId, j) => ({
      key: `${source}:${rowId}`, source, rowId, fields: profiles[profileOf[j]], profile: String(profileOf[j]),
    })));
    const one = build(byRecord);
    const issues: LinkIssue[] = [];
    const builder = new LinkTableBuilder(ids, issues);
    let asked = 0;
    for (const { source, rowIds, profileOf } of rows) {
      const order = rowIds.map((_, j) => j).sort((a, b) => (String(rowIds[a]) < String(rowIds[b]) ? -1 : 1));
      builder.addSource({ source, rowIds, order, profileOf, profileCount: profiles.length, fieldsOf: (p) => { asked++; return profiles[p]; } });
    }
    const whole = builder.finish();
    expect([...whole.keys]).toEqual([...one.table.keys]);
    expect({ ...whole, keys: null }).toEqual({ ...one.table, keys: null });
    expect(issues).toEqual(one.issues);
    expect(issues.filter((i) => i.code === 'link/invalid-identifier').length).toBeGreaterThan(2);
    expect(one.table.unitCount).toBeLessThan(byRecord.length);
    expect(asked).toBeLessThanOrEqual(2 * profiles.length);
  });

  it('builds the same table from the two sides of the fields standardised apart (as two threads do) as from one standardiser', () => {
    const profiles = records.slice(0, 400).map((r, p) => (p % 40 === 0 ? { ...r.fields, upn: 'X1', nhs_number: '123' } : r.fields));
    const rowIds = profiles.flatMap((_, p) => (p % 2 === 0 ? [2 * p + 1, 2 * p + 2] : [2 * p + 1]));
    const profileOf = rowIds.map((id) => Math.floor((id - 1) / 2));
    const order = rowIds.map((_, j) => j).sort((a, b) => (String(rowIds[a]) < String(rowIds[b]) ? -1 : 1));
    const rows = { source: 'alpha', rowIds, order, profileOf, profileCount: profiles.length };
    const oneIssues: LinkIssue[] = [];
    const one = new LinkTableBuilder(ids, oneIssues);
    one.addSource({ ...rows, fieldsOf: (p) => profiles[p] });
    // The texts side first, as the table's thread may well do it before the names side comes.
    const textSide = new FieldStandardiser(ids, 'texts'), nameSide = new FieldStandardiser(ids, 'names');
    const texts = textSide.standardiseSource(order, profileOf, profiles.length, (p) => profiles[p]);
    const names = nameSide.standardiseSource(order, profileOf, profiles.length, (p) => profiles[p]);
    expect(texts.problems).toEqual([]);
    const issues: LinkIssue[] = [];
    const two = new LinkTableBuilder(ids, issues);
    two.addStandardised(rows, joinSides(names, texts, ids.length));
    const { texts: textValues, parts } = textSide.finishTexts();
    const table = { ...two.finishUnits(false, parts), ...nameSide.finishNames(), texts: textValues };
    const whole = one.finish();
    expect({ ...table, keys: [...table.keys] }).toEqual({ ...whole, keys: [...whole.keys] });
    expect(issues).toEqual(oneIssues);
    expect(issues.length).toBeGreaterThanOrEqual(10);
    expect(whole.texts.length).toBeGreaterThan(100);
  });
});
