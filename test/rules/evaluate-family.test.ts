import { describe, expect, it } from 'vitest';
import { evaluateFamily } from '../../src/core/rules/evaluate-family.ts';
import type { FamilyInput } from '../../src/core/families/types.ts';
import { addDays } from '../../src/shared/dates.ts';
import {
  asb, attendance, benefit, da, episode, exclusion, family, indicator, job, member, offence, status, tfPhase2,
} from './build-family.ts';

const A = '2023-06-15';
const C = '2024-06-30'; // C − 6 months = 2023-12-30; 13 weeks = [2024-04-01, C]

const parent = (rows = {}) => member('P', 'PARENT_CARER', '1985-01-01', rows);
const child = (rows = {}, dob: string | null = '2009-05-01') => member('K', 'CHILD', dob, rows);
/** HEALTH through the parent (closed in time for C), to pair with the headline under test. */
const healthy = () => ({ local_indicators: [indicator('MENTAL_HEALTH', '2022-01-01', '2023-10-01')] });

interface Case {
  name: string;
  fam: () => FamilyInput;
  c?: string;
  eligible: boolean;
  atA: string[];
  acquired?: string[];
  route: 'SSP' | 'CE' | null;
  /** [headline, code, reason fragment] of every unmet entry, in order. */
  unmet: [string, string, string?][];
}

const noCe: [string, string, string?] = ['CE', 'rule/threshold-missed', 'no adult had an out-of-work benefit open at attachment'];

const cases: Case[] = [
  // Eligibility, headline by headline.
  { name: 'offence by a child 10-17 + health: eligible, all outcomes met', fam: () => family(A, parent(healthy()), child({ police_events: [offence('2023-03-01')] })),
    eligible: true, atA: ['CRIME_ASB', 'HEALTH'], route: 'SSP', unmet: [noCe] },
  { name: 'offence with outcome NFA does not count', fam: () => family(A, parent(healthy()), child({ police_events: [offence('2023-03-01', 'NFA')] })),
    eligible: false, atA: ['HEALTH'], route: null, unmet: [['FAMILY', 'rule/not-eligible', 'too few problems: 1 counted at attachment, 2 needed']] },
  { name: 'offence by a child aged 9 on the event date does not count', fam: () => family(A, parent(healthy()), child({ police_events: [offence('2023-03-01')] }, '2013-06-01')),
    eligible: false, atA: ['HEALTH'], route: null, unmet: [['FAMILY', 'rule/not-eligible', 'too few problems']] },
  { name: 'offence 13 months before attachment is outside the look-back', fam: () => family(A, parent(healthy()), child({ police_events: [offence('2022-05-14')] })),
    eligible: false, atA: ['HEALTH'], route: null, unmet: [['FAMILY', 'rule/not-eligible', 'too few problems']] },
  { name: 'ASB as a victim does not count', fam: () => family(A, parent({ ...healthy(), police_events: [asb('2023-02-01', 'VICTIM')] }), child()),
    eligible: false, atA: ['HEALTH'], route: null, unmet: [['FAMILY', 'rule/not-eligible', 'too few problems']] },
  { name: 'ASB by an adult counts', fam: () => family(A, parent({ ...healthy(), police_events: [asb('2023-02-01')] }), child()),
    eligible: true, atA: ['CRIME_ASB', 'HEALTH'], route: 'SSP', unmet: [noCe] },
  { name: 'unauthorised absence of exactly 10% in a term before attachment', fam: () => family(A, parent(healthy()), child({ education_attendance: [attendance('2022/23', 'SPRING', 100, 10)] })),
    eligible: true, atA: ['EDUCATION', 'HEALTH'], route: null,
    unmet: [['EDUCATION', 'rule/data-incomplete', 'child 1: 0 of 3 terms of attendance after attachment'], noCe] },
  { name: 'unauthorised absence of 9% does not count', fam: () => family(A, parent(healthy()), child({ education_attendance: [attendance('2022/23', 'SPRING', 100, 9)] })),
    eligible: false, atA: ['HEALTH'], route: null, unmet: [['FAMILY', 'rule/not-eligible', 'too few problems']] },
  { name: '3 suspensions in the last 3 terms', fam: () => family(A, parent(healthy()), child({ education_exclusions: [exclusion('SUSP', '2022-10-01'), exclusion('FIX', '2023-01-10'), exclusion('SUSP', '2023-02-01')] })),
    eligible: true, atA: ['EDUCATION', 'HEALTH'], route: null, unmet: [['EDUCATION', 'rule/data-incomplete'], noCe] },
  { name: '2 suspensions are not enough', fam: () => family(A, parent(healthy()), child({ education_exclusions: [exclusion('SUSP', '2022-10-01'), exclusion('SUSP', '2023-02-01')] })),
    eligible: false, atA: ['HEALTH'], route: null, unmet: [['FAMILY', 'rule/not-eligible']] },
  { name: 'not on roll at attachment', fam: () => family(A, parent(healthy()), child({ education_status: [status('NOT_ON_ROLL', '2023-05-01')] })),
    eligible: true, atA: ['EDUCATION', 'HEALTH'], route: null, unmet: [['EDUCATION', 'rule/data-incomplete'], noCe] },
  { name: 'CP plan that ended within the 12 months before attachment; met at C', fam: () => family(A, parent(healthy()), child({ social_care_episodes: [episode('CP', '2022-01-01', '2022-08-01')] })),
    eligible: true, atA: ['CHILDREN_NEED_HELP', 'HEALTH'], route: 'SSP', unmet: [noCe] },
  { name: 'CIN that ended before attachment does not count', fam: () => family(A, parent(healthy()), child({ social_care_episodes: [episode('CIN', '2022-01-01', '2023-01-01')] })),
    eligible: false, atA: ['HEALTH'], route: null, unmet: [['FAMILY', 'rule/not-eligible']] },
  { name: 'out-of-work benefit open at attachment, off benefit for 13 weeks before C and in work', fam: () => family(A, parent({ ...healthy(), dwp_benefits: [benefit('ESA', '2022-01-01', '2024-03-31')], dwp_employment: [job('2024-04-20')] }), child()),
    eligible: true, atA: ['WORKLESSNESS', 'HEALTH'], route: 'SSP', unmet: [['CE', 'rule/threshold-missed', 'adult 1: employed 10 of the last 15 weeks']] },
  { name: 'off benefit for 13 weeks but not in work is not progress', fam: () => family(A, parent({ ...healthy(), dwp_benefits: [benefit('ESA', '2022-01-01', '2024-03-31')] }), child()),
    eligible: true, atA: ['WORKLESSNESS', 'HEALTH'], route: null, unmet: [['WORKLESSNESS', 'rule/threshold-missed', 'no adult who was on an out-of-work benefit moved into work'], ['CE', 'rule/threshold-missed', 'adult 1: employed 0 of the last 15 weeks']] },
  { name: 'a job that started before attachment is not moving into work', fam: () => family(A, parent({ ...healthy(), dwp_benefits: [benefit('ESA', '2022-01-01', '2024-03-31')], dwp_employment: [job('2023-01-01')] }), child()),
    eligible: true, atA: ['WORKLESSNESS', 'HEALTH'], route: 'CE', unmet: [['WORKLESSNESS', 'rule/threshold-missed', 'moved into work']] },
  { name: 'benefit ending inside the 13 weeks before C fails worklessness', fam: () => family(A, parent({ ...healthy(), dwp_benefits: [benefit('ESA', '2022-01-01', '2024-04-01')] }), child()),
    eligible: true, atA: ['WORKLESSNESS', 'HEALTH'], route: null, unmet: [['WORKLESSNESS', 'rule/threshold-missed', 'every adult who was on an out-of-work benefit'], ['CE', 'rule/threshold-missed']] },
  { name: "a child's benefit row does not make worklessness", fam: () => family(A, parent(healthy()), child({ dwp_benefits: [benefit('ESA', '2022-01-01')] })),
    eligible: false, atA: ['HEALTH'], route: null, unmet: [['FAMILY', 'rule/not-eligible']] },
  { name: 'NEET aged 19, closed in time', fam: () => family(A, parent(healthy()), member('Y', 'OTHER_ADULT', '2004-01-01', { local_indicators: [indicator('NEET', '2023-01-01', '2024-01-01')] }), child()),
    eligible: true, atA: ['WORKLESSNESS', 'HEALTH'], route: 'SSP', unmet: [noCe] },
  { name: 'NEET still open at C fails worklessness', fam: () => family(A, parent(healthy()), member('Y', 'OTHER_ADULT', '2004-01-01', { local_indicators: [indicator('NEET', '2023-01-01')] }), child()),
    eligible: true, atA: ['WORKLESSNESS', 'HEALTH'], route: null, unmet: [['WORKLESSNESS', 'rule/threshold-missed', 'NEET spell'], noCe] },
  { name: 'NEET-only worklessness fails when an adult is newly on an out-of-work benefit in the 13 weeks before C', fam: () => family(A, parent({ ...healthy(), dwp_benefits: [benefit('JSA', '2024-05-01')] }), member('Y', 'OTHER_ADULT', '2004-01-01', { local_indicators: [indicator('NEET', '2023-01-01', '2024-01-01')] }), child()),
    eligible: true, atA: ['WORKLESSNESS', 'HEALTH'], route: null, unmet: [['WORKLESSNESS', 'rule/threshold-missed', 'a JSA/ESA/IS/IB/SDA/CA/UC_SEARCHING/UC_PLANNING/UC_PREPARING/UC_NO_CONDITIONS spell open in the 90 days before the claim date'], noCe] },
  { name: 'NEET aged 25 does not count', fam: () => family(A, parent(healthy()), member('Y', 'OTHER_ADULT', '1998-01-01', { local_indicators: [indicator('NEET', '2023-01-01')] }), child()),
    eligible: false, atA: ['HEALTH'], route: null, unmet: [['FAMILY', 'rule/not-eligible']] },
  { name: 'domestic abuse victim', fam: () => family(A, parent({ ...healthy(), police_events: [da('2023-01-01')] }), child()),
    eligible: true, atA: ['DOMESTIC_ABUSE', 'HEALTH'], route: 'SSP', unmet: [noCe] },
  { name: 'MARAC starting within the 12 months before attachment', fam: () => family(A, parent({ local_indicators: [indicator('MARAC', '2022-10-01', '2022-11-01'), ...healthy().local_indicators] }), child()),
    eligible: true, atA: ['DOMESTIC_ABUSE', 'HEALTH'], route: 'SSP', unmet: [noCe] },
  // The absent parent.
  { name: 'two headlines only through the absent parent count once', fam: () => family(A, parent(), member('X', 'ABSENT_PARENT', '1980-01-01', { ...healthy(), dwp_benefits: [benefit('ESA', '2022-01-01')] }), child()),
    eligible: false, atA: ['WORKLESSNESS', 'HEALTH'], route: null,
    unmet: [['FAMILY', 'rule/not-eligible', 'too few problems: 1 counted at attachment (2 only through an absent parent count as 1), 2 needed']] },
  { name: 'absent parent headline plus a resident one is eligible; its outcome still counts for SSP', fam: () => family(A, parent({ dwp_benefits: [benefit('ESA', '2022-01-01', '2023-12-01')], dwp_employment: [job('2023-12-02')] }), member('X', 'ABSENT_PARENT', '1980-01-01', { local_indicators: [indicator('MENTAL_HEALTH', '2022-01-01')] }), child()),
    eligible: true, atA: ['WORKLESSNESS', 'HEALTH'], route: 'CE',
    unmet: [['HEALTH', 'rule/threshold-missed', 'MENTAL_HEALTH']] },
  // Dependent child.
  { name: 'no dependent child: the only child is 18 at attachment', fam: () => family(A, parent({ ...healthy(), police_events: [asb('2023-02-01')] }), child({}, '2005-01-01')),
    eligible: false, atA: ['CRIME_ASB', 'HEALTH'], route: null, unmet: [['FAMILY', 'rule/not-eligible', 'no dependent child aged 0-15 (or up to 18 in full-time education) at attachment']] },
  { name: 'a child without any date of birth cannot be the dependent child', fam: () => family(A, parent({ ...healthy(), police_events: [asb('2023-02-01')] }), child({}, null)),
    eligible: false, atA: ['CRIME_ASB', 'HEALTH'], route: null, unmet: [['FAMILY', 'rule/not-eligible', '(1 child has no date of birth in any linked record)']] },
  // Outcomes.
  { name: 'offences 3 → 2 is a 33% reduction', fam: () => family(A, parent(healthy()), child({ police_events: [offence('2023-01-01'), offence('2023-02-01'), offence('2023-03-01'), offence('2024-01-10'), offence('2024-05-01')] })),
    eligible: true, atA: ['CRIME_ASB', 'HEALTH'], route: 'SSP', unmet: [noCe] },
  { name: 'offences 3 → 3 is no reduction', fam: () => family(A, parent(healthy()), child({ police_events: [offence('2023-01-01'), offence('2023-02-01'), offence('2023-03-01'), offence('2024-01-10'), offence('2024-02-01'), offence('2024-05-01')] })),
    eligible: true, atA: ['CRIME_ASB', 'HEALTH'], route: null, unmet: [['CRIME_ASB', 'rule/threshold-missed', '3 OFFENCE events in the 6 months before the claim date against 3 before attachment: not down by 33%'], noCe] },
  { name: 'zero baseline of offences is met only by zero: one offence after ASB-only eligibility fails', fam: () => family(A, parent({ ...healthy(), police_events: [asb('2023-02-01')] }), child({ police_events: [offence('2024-03-01')] })),
    eligible: true, atA: ['CRIME_ASB', 'HEALTH'], route: null, unmet: [['CRIME_ASB', 'rule/threshold-missed', 'against none before attachment (a zero baseline needs zero)'], noCe] },
  { name: 'ASB 5 → 2 is a 60% reduction', fam: () => family(A, parent({ ...healthy(), police_events: ['2023-01-01', '2023-02-01', '2023-03-01', '2023-04-01', '2023-05-01', '2024-02-01', '2024-03-01'].map((d) => asb(d)) }), child()),
    eligible: true, atA: ['CRIME_ASB', 'HEALTH'], route: 'SSP', unmet: [noCe] },
  { name: 'ASB 5 → 3 is not', fam: () => family(A, parent({ ...healthy(), police_events: ['2023-01-01', '2023-02-01', '2023-03-01', '2023-04-01', '2023-05-01', '2024-02-01', '2024-03-01', '2024-04-01'].map((d) => asb(d)) }), child()),
    eligible: true, atA: ['CRIME_ASB', 'HEALTH'], route: null, unmet: [['CRIME_ASB', 'rule/threshold-missed', 'not down by 60%'], noCe] },
  { name: 'three consecutive terms under 10% after attachment meet education', fam: () => family(A, parent(healthy()), child({ education_exclusions: [exclusion('PERM', '2022-09-01')],
    education_attendance: [attendance('2022/23', 'SUMMER', 100, 5), attendance('2023/24', 'AUTUMN', 120, 11), attendance('2023/24', 'SPRING', 80, 7)] })),
    eligible: true, atA: ['EDUCATION', 'HEALTH'], route: 'SSP', unmet: [noCe] },
  { name: 'overall attendance just under 90% over the 3 terms together fails education (authorised absence counts)', fam: () => family(A, parent(healthy()), child({ education_exclusions: [exclusion('PERM', '2022-09-01')],
    education_attendance: [attendance('2022/23', 'SUMMER', 100, 5, 6), attendance('2023/24', 'AUTUMN', 120, 12, 1), attendance('2023/24', 'SPRING', 80, 7, 0)] })),
    eligible: true, atA: ['EDUCATION', 'HEALTH'], route: null, unmet: [['EDUCATION', 'rule/threshold-missed', 'child 1: attendance 89.7% over the 3 terms together is below 90%'], noCe] },
  { name: 'overall attendance of exactly 90% meets education', fam: () => family(A, parent(healthy()), child({ education_exclusions: [exclusion('PERM', '2022-09-01')],
    education_attendance: [attendance('2022/23', 'SUMMER', 100, 5, 5), attendance('2023/24', 'AUTUMN', 120, 12, 0), attendance('2023/24', 'SPRING', 80, 8, 0)] })),
    eligible: true, atA: ['EDUCATION', 'HEALTH'], route: 'SSP', unmet: [noCe] },
  { name: '3 suspensions within the measured terms fail education', fam: () => family(A, parent(healthy()), child({ education_exclusions: [exclusion('PERM', '2022-09-01'), exclusion('SUSP', '2023-10-01'), exclusion('SUSP', '2023-11-01'), exclusion('SUSP', '2024-02-01')],
    education_attendance: [attendance('2022/23', 'SUMMER', 100, 5), attendance('2023/24', 'AUTUMN', 120, 1), attendance('2023/24', 'SPRING', 80, 1)] })),
    eligible: true, atA: ['EDUCATION', 'HEALTH'], route: null, unmet: [['EDUCATION', 'rule/threshold-missed', '3 suspensions within the measured terms'], noCe] },
  { name: 'attendance a term late: 2 of 3 terms is not yet complete', fam: () => family(A, parent(healthy()), child({ education_exclusions: [exclusion('PERM', '2022-09-01')],
    education_attendance: [attendance('2023/24', 'AUTUMN', 120, 1), attendance('2023/24', 'SPRING', 80, 1)] })),
    eligible: true, atA: ['EDUCATION', 'HEALTH'], route: null, unmet: [['EDUCATION', 'rule/data-incomplete', '2 of 3 terms'], noCe] },
  { name: 'a missing term in the middle is missing data', c: '2024-09-30', fam: () => family(A, parent(healthy()), child({ education_exclusions: [exclusion('PERM', '2022-09-01')],
    education_attendance: [attendance('2022/23', 'SUMMER', 100, 1), attendance('2023/24', 'AUTUMN', 120, 1), attendance('2023/24', 'SUMMER', 80, 1)] })),
    eligible: true, atA: ['EDUCATION', 'HEALTH'], route: null, unmet: [['EDUCATION', 'rule/data-missing', 'not consecutive'], noCe] },
  { name: 'child turning 16 before C leaves no child of school age: education met', fam: () => family(A, parent(healthy()), child({ education_exclusions: [exclusion('PERM', '2022-09-01')] }, '2008-03-01')),
    eligible: true, atA: ['EDUCATION', 'HEALTH'], route: 'SSP', unmet: [noCe] },
  { name: 'a second child without a dob makes education data-missing', fam: () => family(A, parent(healthy()), child({ education_exclusions: [exclusion('PERM', '2022-09-01')] }, '2008-03-01'), member('K2', 'CHILD', null)),
    eligible: true, atA: ['EDUCATION', 'HEALTH'], route: null, unmet: [['EDUCATION', 'rule/data-missing', 'child 2 has no date of birth'], noCe] },
  { name: 'CIN started within 6 months before C fails children-need-help', fam: () => family(A, parent(healthy()), child({ social_care_episodes: [episode('CIN', '2023-01-01', '2023-09-01'), episode('CIN', '2024-03-01', '2024-04-01')] })),
    eligible: true, atA: ['CHILDREN_NEED_HELP', 'HEALTH'], route: null, unmet: [['CHILDREN_NEED_HELP', 'rule/threshold-missed', 'started in the 6 months before the claim date'], noCe] },
  { name: 'health indicator closed less than 6 months before C fails', fam: () => family(A, parent({ local_indicators: [indicator('MENTAL_HEALTH', '2022-01-01', '2024-01-15')], police_events: [asb('2023-02-01')] }), child()),
    eligible: true, atA: ['CRIME_ASB', 'HEALTH'], route: null, unmet: [['HEALTH', 'rule/threshold-missed', 'not closed at least 6 months before the claim date'], noCe] },
  { name: 'domestic abuse event 4 months before C fails domestic abuse', fam: () => family(A, parent({ ...healthy(), police_events: [da('2023-01-01'), da('2024-03-01', 'SUBJECT')] }), child()),
    eligible: true, atA: ['DOMESTIC_ABUSE', 'HEALTH'], route: null, unmet: [['DOMESTIC_ABUSE', 'rule/threshold-missed', '1 DOMESTIC_ABUSE events in the 6 months'], noCe] },
  // Acquired problems.
  { name: 'a problem acquired after attachment and still live voids SSP', fam: () => family(A, parent(healthy()), child({ police_events: [offence('2023-03-01')] }), member('Z', 'OTHER_ADULT', '1990-01-01', { police_events: [da('2024-05-01')] })),
    eligible: true, atA: ['CRIME_ASB', 'HEALTH'], acquired: ['DOMESTIC_ABUSE'], route: null, unmet: [['DOMESTIC_ABUSE', 'rule/threshold-missed'], noCe] },
  { name: 'a problem acquired after attachment and resolved by C leaves SSP met', fam: () => family(A, parent(healthy()), child({ police_events: [offence('2023-03-01')] }), member('Z', 'OTHER_ADULT', '1990-01-01', { police_events: [da('2023-09-01')] })),
    eligible: true, atA: ['CRIME_ASB', 'HEALTH'], acquired: ['DOMESTIC_ABUSE'], route: 'SSP', unmet: [noCe] },
  { name: 'another member newly acquiring the same headline fails its progress', fam: () => family(A, parent(healthy()), child({ police_events: [offence('2023-03-01')] }), member('Z', 'OTHER_ADULT', '1990-01-01', { local_indicators: [indicator('DRUG_MISUSE', '2024-02-01')] })),
    eligible: true, atA: ['CRIME_ASB', 'HEALTH'], acquired: [], route: null, unmet: [['HEALTH', 'rule/threshold-missed', 'open in the 6 months before the claim date'], noCe] },
  { name: 'attendance of a term ending after attachment is an acquired education problem', fam: () => family(A, parent(healthy()), child({ police_events: [offence('2023-03-01')], education_attendance: [attendance('2022/23', 'SUMMER', 100, 30)] })),
    eligible: true, atA: ['CRIME_ASB', 'HEALTH'], acquired: ['EDUCATION'], route: null, unmet: [['EDUCATION', 'rule/data-incomplete', '1 of 3 terms'], noCe] },
  { name: 'a third suspension after attachment makes education acquired (the set counts when any of it is after A)', fam: () => family(A, parent(healthy()), child({ police_events: [offence('2023-03-01')],
    education_exclusions: [exclusion('SUSP', '2023-04-10'), exclusion('SUSP', '2023-05-10'), exclusion('FIX', '2023-07-01')] })),
    eligible: true, atA: ['CRIME_ASB', 'HEALTH'], acquired: ['EDUCATION'], route: null, unmet: [['EDUCATION', 'rule/data-incomplete'], noCe] },
  // Claim date.
  { name: 'a claim date on the attachment date claims nothing', c: A, fam: () => family(A, parent(healthy()), child({ police_events: [offence('2023-03-01')] })),
    eligible: true, atA: ['CRIME_ASB', 'HEALTH'], route: null, unmet: [['FAMILY', 'rule/claim-before-attachment']] },
];

describe('evaluateFamily on tf-phase2: one hand-built family per rule and edge case', () => {
  it.each(cases)('$name', (k) => {
    const v = evaluateFamily(k.fam(), tfPhase2, k.c ?? C);
    expect(v.eligible).toBe(k.eligible);
    expect(v.problemsAtAttachment).toEqual(k.atA);
    expect(v.problemsAcquired).toEqual(k.acquired ?? []);
    expect(v.route).toBe(k.route);
    expect(v.unmet.map((u) => [u.headline, u.code])).toEqual(k.unmet.map(([h, code]) => [h, code]));
    k.unmet.forEach(([, , fragment], i) => { if (fragment) expect(v.unmet[i]!.reason).toContain(fragment); });
  });
});

describe('continuous employment', () => {
  const fam = (benefitCode: string, jobStart: string, extra: ReturnType<typeof benefit>[] = []) =>
    family(A, parent({ dwp_benefits: [benefit(benefitCode, '2022-01-01', '2023-11-30'), ...extra], dwp_employment: [job(jobStart)],
      local_indicators: [indicator('MENTAL_HEALTH', '2022-01-01')] }), child());
  const weekStart = (k: number) => addDays(C, -7 * k + 1);

  it.each([
    ['JSA', 26, true], ['JSA', 25, false], ['UC_SEARCHING', 26, true],
    ['ESA', 13, true], ['ESA', 12, false], ['IS', 13, true],
  ] as const)('%s with employment covering the last %i weeks: met=%s', (code, weeks, met) => {
    const v = evaluateFamily(fam(code, weekStart(weeks)), tfPhase2, C);
    expect(v.ce).toBe(met);
    // HEALTH is still open, so SSP fails and CE alone decides the route.
    expect(v.ssp).toBe(false);
    expect(v.route).toBe(met ? 'CE' : null);
    if (!met) expect(v.unmet.find((u) => u.headline === 'CE')!.reason).toContain(`employed ${weeks} of the last ${code === 'ESA' ? 15 : 30} weeks`);
  });

  it('an out-of-work benefit overlapping the employment removes the weeks it touches', () => {
    // Employed for all 30 weeks; a UC_SEARCHING spell touches weeks 3-6 (26 left: met) or 3-8 (24 left: not met).
    const short = evaluateFamily(fam('JSA', weekStart(30), [benefit('UC_SEARCHING', addDays(C, -40), addDays(C, -20))]), tfPhase2, C);
    const long = evaluateFamily(fam('JSA', weekStart(30), [benefit('UC_SEARCHING', addDays(C, -50), addDays(C, -20))]), tfPhase2, C);
    expect([short.ce, long.ce]).toEqual([true, false]);
    expect(long.unmet.find((u) => u.headline === 'CE')!.reason).toContain('employed 24 of the last 30 weeks');
    // 13/15 route: employed for exactly 13 weeks, one of them touched by a benefit, leaves 12.
    const esa = evaluateFamily(fam('ESA', weekStart(13), [benefit('ESA', addDays(C, -20), addDays(C, -16))]), tfPhase2, C);
    expect(esa.ce).toBe(false);
  });

  it('a benefit that is not out-of-work does not break a week', () => {
    const v = evaluateFamily(fam('ESA', weekStart(13), [benefit('UC_WORKING', addDays(C, -60), C)]), tfPhase2, C);
    expect(v.ce).toBe(true);
  });

  it('SSP wins when both routes are met', () => {
    const f = family(A, parent({ dwp_benefits: [benefit('ESA', '2022-01-01', '2023-11-30')], dwp_employment: [job('2023-12-01')], ...healthy() }), child());
    const v = evaluateFamily(f, tfPhase2, C);
    expect([v.ssp, v.ce, v.route]).toEqual([true, true, 'SSP']);
  });
});

describe('evidence', () => {
  it('lists every row used, with its file and line, for each counted problem and each outcome measure', () => {
    const off0 = offence('2023-02-01');
    const off = offence('2023-03-01');
    const mh = indicator('MENTAL_HEALTH', '2022-01-01', '2023-10-01');
    const later = offence('2024-01-10');
    const v = evaluateFamily(family(A, parent({ local_indicators: [mh] }), child({ police_events: [off0, off, later] })), tfPhase2, C);
    const facts = (ruleId: string) => v.evidence.filter((e) => e.ruleId === ruleId).map((e) => [e.purpose, e.personRef, e.source, e.fileId, e.line, e.recordDate]);
    expect(facts('eligibility.CRIME_ASB.offence')).toEqual([
      ['eligibility', 'R-K', 'police_events', 1, off0.line, '2023-02-01'], ['eligibility', 'R-K', 'police_events', 1, off.line, '2023-03-01']]);
    expect(facts('eligibility.HEALTH.health-indicator')).toEqual([['eligibility', 'R-P', 'local_indicators', 1, mh.line, '2022-01-01']]);
    expect(facts('outcome.CRIME_ASB.offence-reduction')).toEqual([
      ['outcome', 'R-K', 'police_events', 1, off0.line, '2023-02-01'], ['outcome', 'R-K', 'police_events', 1, off.line, '2023-03-01'], ['outcome', 'R-K', 'police_events', 1, later.line, '2024-01-10']]);
    expect(facts('outcome.HEALTH.closed-and-not-reopened')).toEqual([['outcome', 'R-P', 'local_indicators', 1, mh.line, '2022-01-01']]);
    expect(v.evidence.find((e) => e.ruleId === 'eligibility.CRIME_ASB.offence')!.values).toBe(`event_id=${off0.event_id}; event_type=OFFENCE; event_date=2023-02-01; role=OFFENDER; outcome=PROVEN`);
    expect(v.route).toBe('SSP');
    expect(v.problemsAchieved).toEqual(['CRIME_ASB', 'HEALTH']);
  });

  it('reasons carry no personal data', () => {
    const f = family(A, parent({ police_events: [asb('2023-02-01')] }), member('SECRET-ID', 'CHILD', null));
    const v = evaluateFamily(f, tfPhase2, C);
    for (const u of v.unmet) expect(u.reason).not.toMatch(/SECRET|R-P|1985/);
  });
});
