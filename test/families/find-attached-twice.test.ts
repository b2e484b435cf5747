import { describe, expect, it } from 'vitest';
import { findAttachedTwice } from '../../src/core/families/find-attached-twice.ts';
import type { FamilyInput } from '../../src/core/families/types.ts';
import { buildDataQualityTable } from '../../src/reporting/build-data-quality-table.ts';
import { member, row } from '../rules/build-family.ts';

const fam = (ref: string, at: string, people: string[], closure: string | null = null): FamilyInput => ({
  familyRef: ref, attachmentDate: at, members: people.map((p) => member(p, 'PARENT_CARER', '1980-01-01')),
  earlyHelpRows: people.map((p) => ({ personId: p, row: row({ family_ref: ref, attachment_date: at, closure_date: closure }) })),
});

describe('findAttachedTwice', () => {
  it('blocks every later family sharing a person with an open earlier one, naming the earliest', () => {
    const r = findAttachedTwice([fam('C', '2018-03-01', ['p2']), fam('A', '2018-01-01', ['p1']), fam('B', '2018-02-01', ['p1', 'p2'])]);
    expect([...r].sort()).toEqual([['B', { familyRef: 'A', attachmentDate: '2018-01-01' }], ['C', { familyRef: 'B', attachmentDate: '2018-02-01' }]]);
  });
  it('on the same date, the smaller family_ref is the earlier', () => {
    expect([...findAttachedTwice([fam('F2', '2018-01-01', ['p']), fam('F1', '2018-01-01', ['p'])]).keys()]).toEqual(['F2']);
  });
  it('an earlier family is open unless every one of its rows has a closure date before the later attachment', () => {
    const closed = fam('A', '2018-01-01', ['p'], '2018-01-31');
    expect(findAttachedTwice([closed, fam('B', '2018-02-01', ['p'])]).size).toBe(0);
    const partly = { ...closed, earlyHelpRows: [...closed.earlyHelpRows!, { personId: 'p', row: row({ family_ref: 'A', closure_date: null }) }] };
    expect(findAttachedTwice([partly, fam('B', '2018-02-01', ['p'])]).size).toBe(1);
  });
  it('counts the families on the early-help row of Data quality', () => {
    const t = buildDataQualityTable([{ file: 'eh.csv', source: 'early_help_families', read: 3, loaded: 3, rejected: 0, byReason: {} },
      { file: 'p.csv', source: 'police_events', read: 1, loaded: 1, rejected: 0, byReason: {} }], 2);
    expect(t.rows.map((r) => [r.source, r['family/attached-twice']])).toEqual([['early_help_families', 2], ['police_events', 0]]);
  });
});
