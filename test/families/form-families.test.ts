import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formFamilies } from '../../src/core/families/form-families.ts';
import { formHouseholds } from '../../src/core/families/form-households.ts';
import { couldMakeHouseholdEligible, evaluateIdentification } from '../../src/core/families/evaluate-identification.ts';
import type { PersonFacts } from '../../src/core/families/types.ts';
import type { Plan } from '../../src/config/plan.ts';
import { readPlan } from '../../src/io/read-plan.ts';
import type { CanonicalRow } from '../../src/shared/extracts.ts';
import { asb, attendance, benefit, da, indicator, tfPhase2 } from '../rules/build-family.ts';

let line = 1;
const eh = (familyRef: string, personRef: string, role: string, attachmentDate: string): CanonicalRow =>
  ({ row_id: ++line, file_id: 5, line, family_ref: familyRef, person_ref: personRef, role, attachment_date: attachmentDate, lead_practitioner: 'LP' });
const facts = (personId: string): PersonFacts => ({ personId, dob: null, sex: null, rows: {} });

describe('formFamilies', () => {
  const links = [
    { row: eh('F2', 'c1', 'CHILD', '2023-05-01'), personId: 'p3' },
    { row: eh('F1', 'a1', 'PARENT_CARER', '2023-04-01'), personId: 'p1' },
    { row: eh('F1', 'k1', 'CHILD', '2023-04-01'), personId: 'p2' },
    // Re-attached later: same family, earliest date wins; the member listed twice is one member.
    { row: eh('F1', 'k1', 'CHILD', '2024-01-10'), personId: 'p2' },
    { row: eh('F1', 'x1', 'ABSENT_PARENT', '2024-01-10'), personId: 'p4' },
  ];

  it('one family per family_ref, attached on its earliest date, each linked person once with their role', () => {
    const fams = formFamilies(links, facts);
    expect(fams.map((f) => [f.familyRef, f.attachmentDate, f.members.map((m) => [m.personId, m.personRef, m.role])])).toEqual([
      ['F1', '2023-04-01', [['p1', 'a1', 'PARENT_CARER'], ['p2', 'k1', 'CHILD'], ['p4', 'x1', 'ABSENT_PARENT']]],
      ['F2', '2023-05-01', [['p3', 'c1', 'CHILD']]],
    ]);
    expect(fams[0]!.earlyHelpRows).toHaveLength(4);
  });

  it('does not depend on row order', () => {
    const expected = JSON.stringify(formFamilies(links, facts));
    fc.assert(fc.property(fc.shuffledSubarray(links, { minLength: links.length }), (shuffled) => {
      expect(JSON.stringify(formFamilies(shuffled, facts))).toBe(expected);
    }), { seed: 42 });
  });
});

describe('households and identification', () => {
  const person = (personId: string, dob: string, rows: PersonFacts['rows'] = {}): PersonFacts => ({ personId, dob, sex: null, rows });
  const at = (uprn: string | null, line1: string | null, postcode: string | null) => ({ uprn, line1, postcode });

  it('groups by UPRN, else by normalised address line 1 + postcode, leaving out attached people and people with no address', () => {
    const hh = formHouseholds([
      { personId: 'a', facts: person('a', '1980-01-01'), address: at('00100023', '1 High St', 'AB1 2CD') },
      { personId: 'b', facts: person('b', '2010-01-01'), address: at('100023', null, null) },
      { personId: 'c', facts: person('c', '1981-01-01'), address: at(null, '2 Low Road', 'ab12cd') },
      { personId: 'd', facts: person('d', '2011-01-01'), address: at(null, '2, LOW RD', 'AB1 2CD') },
      { personId: 'e', facts: person('e', '2011-01-01'), address: at(null, '2 Low Road', 'AB1 2CD') },
      { personId: 'f', facts: person('f', '2011-01-01'), address: at(null, null, null) },
    ], new Set(['e']));
    expect(hh.map((h) => [h.basis, h.people.map((p) => p.personId)]).sort()).toEqual([['address', ['c', 'd']], ['uprn', ['a', 'b']]]);
    for (const h of hh) expect(h.householdId).not.toMatch(/LOW|HIGH|AB1/i);
  });

  it('ranks eligible households by number of problems; ineligible ones are left out', () => {
    const C = '2024-06-30';
    const mh = () => indicator('MENTAL_HEALTH', '2024-01-01');
    const hh = formHouseholds([
      // Two problems and a child.
      { personId: 'a1', facts: person('a1', '1980-01-01', { local_indicators: [mh()], police_events: [asb('2024-02-01')] }), address: at('1', null, null) },
      { personId: 'a2', facts: person('a2', '2012-01-01'), address: at('1', null, null) },
      // Three problems and a child.
      { personId: 'b1', facts: person('b1', '1980-01-01', { local_indicators: [mh(), indicator('MARAC', '2024-03-01')], police_events: [asb('2024-02-01')] }), address: at('2', null, null) },
      { personId: 'b2', facts: person('b2', '2012-01-01'), address: at('2', null, null) },
      // Two problems, no child.
      { personId: 'c1', facts: person('c1', '1980-01-01', { local_indicators: [mh()], police_events: [asb('2024-02-01')] }), address: at('3', null, null) },
    ], new Set());
    const ranked = evaluateIdentification(hh, tfPhase2, C);
    expect(ranked.map((r) => [r.personIds, r.problems, r.children, r.latestEvidence])).toEqual([
      [['b1', 'b2'], ['CRIME_ASB', 'DOMESTIC_ABUSE', 'HEALTH'], 1, '2024-03-01'],
      [['a1', 'a2'], ['CRIME_ASB', 'HEALTH'], 1, '2024-02-01'],
    ]);
  });
});

describe('couldMakeHouseholdEligible: the households whose rows identification reads', () => {
  const C = '2024-06-30';
  const withDc = (plan: Plan, dc: Partial<Plan['eligibility']['dependentChild']>): Plan =>
    ({ ...plan, eligibility: { ...plan.eligibility, dependentChild: { ...plan.eligibility.dependentChild, ...dc } } });
  const presets = ['tf-phase1', 'tf-phase2', 'supporting-families-2021', 'supporting-families-2022'].map((name) => ({ ...readPlan(name).plan, effectiveTo: undefined }));
  const plans = [...presets, withDc(tfPhase2, { required: false }), withDc(tfPhase2, { orExpectantParentIndicators: ['PREGNANCY'] }),
    withDc(tfPhase2, { inEducationMaxAge: 18, minAge: 5 })];
  // Ages either side of every preset's limits, no dob, and a dob no date parser reads.
  const dobs = [null, '2024-01-01', '2019-07-01', '2013-06-30', '2008-07-01', '2008-06-30', '2007-06-30', '2006-01-01', '2005-06-30', '1990-03-03', 'unknown'];
  const rows: PersonFacts['rows'][] = [
    {}, { police_events: [asb('2024-02-01')] }, { police_events: [da('2024-03-01')] },
    { local_indicators: [indicator('MENTAL_HEALTH', '2024-01-01')] }, { local_indicators: [indicator('MARAC', '2024-03-01')] },
    { local_indicators: [indicator('PREGNANCY', '2024-04-01')] }, { local_indicators: [indicator('PREGNANCY', '2022-01-01', '2022-06-01')] },
    { dwp_benefits: [benefit('JSA', '2023-01-01')] }, { education_attendance: [attendance('2023/24', 'SPRING', 100, 30)] },
  ];
  const person = fc.record({ dob: fc.constantFrom(...dobs), rows: fc.constantFrom(...rows), more: fc.constantFrom(...rows) });

  it('is true of a member of every household identification finds, on every preset and on plans without a required child or with an expectant parent', () => {
    let identified = 0, skipped = 0;
    fc.assert(fc.property(fc.constantFrom(...plans.keys()), fc.array(person, { minLength: 1, maxLength: 4 }), (p, people) => {
      const plan = plans[p];
      const facts = people.map((x, i): PersonFacts => ({ personId: `p${i}`, dob: x.dob, sex: null, rows: { ...x.more, ...x.rows } }));
      const found = evaluateIdentification([{ householdId: 'H', basis: 'uprn', people: facts }], plan, C);
      const candidate = facts.some((f) => couldMakeHouseholdEligible(f, plan, C));
      if (found.length > 0) { identified++; expect(candidate).toBe(true); }
      if (!candidate) skipped++;
    }), { seed: 7, numRuns: 3000 });
    // Neither side is empty: households were found, and households were left unread.
    expect(identified).toBeGreaterThan(100);
    expect(skipped).toBeGreaterThan(100);
  });

  it('leaves out a household of adults only when the plan requires a child and no member has an expectant-parent indicator', () => {
    const adult = (rows: PersonFacts['rows'] = {}): PersonFacts => ({ personId: 'a', dob: '1980-01-01', sex: null, rows });
    expect(couldMakeHouseholdEligible(adult(), tfPhase2, C)).toBe(false);
    expect(couldMakeHouseholdEligible({ ...adult(), dob: '2010-01-01' }, tfPhase2, C)).toBe(true);
    expect(couldMakeHouseholdEligible(adult(), withDc(tfPhase2, { required: false }), C)).toBe(true);
    const pregnant = adult({ local_indicators: [indicator('PREGNANCY', '2024-01-01')] });
    expect(couldMakeHouseholdEligible(pregnant, tfPhase2, C)).toBe(false);
    expect(couldMakeHouseholdEligible(pregnant, withDc(tfPhase2, { orExpectantParentIndicators: ['PREGNANCY'] }), C)).toBe(true);
  });
});
