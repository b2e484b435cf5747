/**
 * The over-claim traps of issue 11: one hand-built family per trap, each of which was claimed by
 * the earlier reading and must not be, under tf-phase2 as shipped (attachments 2015-2021).
 */
import { describe, expect, it } from 'vitest';
import { findAttachedTwice } from '../../src/core/families/find-attached-twice.ts';
import type { FamilyInput } from '../../src/core/families/types.ts';
import { evaluateFamily } from '../../src/core/rules/evaluate-family.ts';
import { row } from './build-family.ts';
import {
  asb, attendance, benefit, da, episode, exclusion, family, indicator, job, member, offence, tfPhase2AsShipped as plan,
} from './build-family.ts';

const A = '2018-06-15';
const C = '2019-06-30';
const parent = (rows = {}) => member('P', 'PARENT_CARER', '1985-01-01', rows);
const child = (rows = {}) => member('K', 'CHILD', '2006-05-01', rows);
/** HEALTH through the parent, closed in time for C: a second problem whose outcome is met. */
const health = () => [indicator('MENTAL_HEALTH', '2017-01-01', '2018-10-01')];
const unmet = (f: FamilyInput, c = C) => evaluateFamily(f, plan, c).unmet.map((u) => [u.headline, u.code, u.reason]);

describe('trap 1: one household attached under two family refs', () => {
  const withRef = (ref: string, at: string, closure: string | null, p = parent({ local_indicators: health(), police_events: [asb('2018-02-01')] })): FamilyInput => ({
    ...family(at, p, child()), familyRef: ref,
    earlyHelpRows: [{ personId: 'P', row: row({ family_ref: ref, attachment_date: at, closure_date: closure }) }],
  });

  it('the later attachment is not claimable while the earlier is open; the earlier is', () => {
    const first = withRef('F1', A, null), second = withRef('F2', '2018-07-01', null);
    const twice = findAttachedTwice([second, first]);
    expect([...twice]).toEqual([['F2', { familyRef: 'F1', attachmentDate: A }]]);
    const v1 = evaluateFamily(first, plan, C), v2 = evaluateFamily(second, plan, C, { attachedEarlierAs: twice.get('F2')! });
    expect(v1.route).toBe('SSP');
    expect(v2.route).toBeNull();
    expect(v2.unmet).toEqual([{ headline: 'CE', code: 'rule/threshold-missed', reason: 'no adult had an out-of-work benefit open at attachment' },
      { headline: 'FAMILY', code: 'family/attached-twice', reason: `a member is also attached under family F1 (attached ${A}), still open at this attachment: one family, one claim` }]);
  });

  it('an earlier attachment closed before the later one does not block it', () => {
    expect(findAttachedTwice([withRef('F1', A, '2018-06-30'), withRef('F2', '2018-07-01', null)]).size).toBe(0);
    expect(findAttachedTwice([withRef('F1', A, '2018-07-01'), withRef('F2', '2018-07-01', null)]).size).toBe(1);
  });

  it('families sharing nobody are independent', () => {
    const other: FamilyInput = { ...family('2018-07-01', member('Q', 'PARENT_CARER', '1985-01-01'), member('J', 'CHILD', '2010-01-01')), familyRef: 'F2' };
    expect(findAttachedTwice([withRef('F1', A, null), other]).size).toBe(0);
  });
});

describe('trap 2: ESA at attachment, then Universal Credit with no work requirements, nobody in work', () => {
  it.each(['UC_NO_CONDITIONS', 'UC_PREPARING', 'UC_PLANNING', 'UC_SEARCHING'])('ESA then %s: worklessness not met, no route', (uc) => {
    const f = family(A, parent({ local_indicators: health(), dwp_benefits: [benefit('ESA', '2017-01-01', '2018-12-31'), benefit(uc, '2019-01-01')] }), child());
    const v = evaluateFamily(f, plan, C);
    expect([v.eligible, v.problemsAtAttachment, v.route]).toEqual([true, ['WORKLESSNESS', 'HEALTH'], null]);
    expect(unmet(f)[0]).toEqual(['WORKLESSNESS', 'rule/threshold-missed', 'every adult who was on an out-of-work benefit had one in the 90 days before the claim date']);
  });

  it('off every benefit but not in work is not progress either', () => {
    const f = family(A, parent({ local_indicators: health(), dwp_benefits: [benefit('ESA', '2017-01-01', '2018-12-31')] }), child());
    expect(evaluateFamily(f, plan, C).route).toBeNull();
    expect(unmet(f)[0]![2]).toContain('no adult who was on an out-of-work benefit moved into work');
  });

  it('a benefit of the no-work-requirements group at attachment makes the headline', () => {
    const f = family(A, parent({ local_indicators: health(), dwp_benefits: [benefit('UC_NO_CONDITIONS', '2017-01-01', '2018-12-31')], dwp_employment: [job('2019-01-02')] }), child());
    expect(evaluateFamily(f, plan, C)).toMatchObject({ problemsAtAttachment: ['WORKLESSNESS', 'HEALTH'], route: 'SSP' });
  });
});

describe('trap 3: a child on a CP plan at attachment then taken into care', () => {
  it('children who need help is not met, no route', () => {
    const f = family(A, parent({ local_indicators: health() }), child({ social_care_episodes: [episode('CP', '2018-01-01', '2018-09-01'), episode('LAC', '2018-09-01')] }));
    const v = evaluateFamily(f, plan, C);
    expect([v.eligible, v.problemsAtAttachment, v.route]).toEqual([true, ['CHILDREN_NEED_HELP', 'HEALTH'], null]);
    expect(unmet(f)[0]).toEqual(['CHILDREN_NEED_HELP', 'rule/threshold-missed', 'a LAC spell started since attachment']);
  });

  it('a LAC episode that ended before attachment does not void it', () => {
    const f = family(A, parent({ local_indicators: health() }), child({ social_care_episodes: [episode('LAC', '2016-01-01', '2016-06-01'), episode('CP', '2018-01-01', '2018-09-01')] }));
    expect(evaluateFamily(f, plan, C).route).toBe('SSP');
  });
});

describe('trap 4: attendance', () => {
  it('one bad term (3-term rate 4.6%) does not make the education problem', () => {
    // 18 of 390 possible sessions over the last 3 terms = 4.6%; the autumn term alone is 13.8%.
    const f = family(A, parent({ local_indicators: health() }), child({ education_attendance: [
      attendance('2017/18', 'AUTUMN', 130, 18), attendance('2017/18', 'SPRING', 110, 0), attendance('2017/18', 'SUMMER', 150, 0)] }));
    const v = evaluateFamily(f, plan, C);
    expect([v.eligible, v.problemsAtAttachment, v.route]).toEqual([false, ['HEALTH'], null]);
    expect(unmet(f)).toEqual([['FAMILY', 'rule/not-eligible', 'too few problems: 1 counted at attachment, 2 needed']]);
  });

  it('10% over the three terms together does', () => {
    const f = family(A, parent({ local_indicators: health() }), child({ education_attendance: [
      attendance('2017/18', 'AUTUMN', 130, 13), attendance('2017/18', 'SPRING', 110, 11), attendance('2016/17', 'SUMMER', 150, 15)] }));
    expect(evaluateFamily(f, plan, '2018-06-16').problemsAtAttachment).toEqual(['EDUCATION', 'HEALTH']);
  });

  it('terms before September 2015 need 15%', () => {
    const at = '2015-08-01';
    const terms = (n: number) => [attendance('2014/15', 'AUTUMN', 100, n), attendance('2014/15', 'SPRING', 100, n), attendance('2014/15', 'SUMMER', 100, n)];
    const f = (n: number) => family(at, parent({ local_indicators: [indicator('MENTAL_HEALTH', '2015-01-01')] }), child({ education_attendance: terms(n) }));
    expect(evaluateFamily(f(14), plan, '2016-06-30').problemsAtAttachment).toEqual(['HEALTH']);
    expect(evaluateFamily(f(15), plan, '2016-06-30').problemsAtAttachment).toEqual(['EDUCATION', 'HEALTH']);
  });

  it('80% overall attendance after attachment does not pass the outcome', () => {
    const f = family(A, parent({ local_indicators: health() }), child({ education_exclusions: [exclusion('PERM', '2017-10-01')], education_attendance: [
      attendance('2018/19', 'AUTUMN', 100, 5, 15), attendance('2018/19', 'SPRING', 100, 5, 15), attendance('2018/19', 'SUMMER', 100, 5, 15)] }));
    const v = evaluateFamily(f, plan, '2019-07-31');
    expect([v.eligible, v.problemsAtAttachment, v.route]).toEqual([true, ['EDUCATION', 'HEALTH'], null]);
    expect(unmet(f, '2019-07-31')[0]).toEqual(['EDUCATION', 'rule/threshold-missed', 'child 1: attendance 80.0% over the 3 terms together is below 90%']);
  });
});

describe('trap 5: a child only suspect or charged, never proven', () => {
  it.each([['SUSPECT', 'PROVEN'], ['OFFENDER', 'CHARGED'], ['SUSPECT', 'CHARGED']])('role %s, outcome %s: not the crime problem', (role, outcome) => {
    const f = family(A, parent({ local_indicators: health() }), child({ police_events: [offence('2018-03-01', outcome, role)] }));
    const v = evaluateFamily(f, plan, C);
    expect([v.eligible, v.problemsAtAttachment, v.route]).toEqual([false, ['HEALTH'], null]);
    expect(unmet(f)).toEqual([['FAMILY', 'rule/not-eligible', 'too few problems: 1 counted at attachment, 2 needed']]);
  });

  it('a caution counts, and so does an adult\'s proven offence', () => {
    expect(evaluateFamily(family(A, parent({ local_indicators: health() }), child({ police_events: [offence('2018-03-01', 'CAUTION')] })), plan, C).problemsAtAttachment).toEqual(['CRIME_ASB', 'HEALTH']);
    expect(evaluateFamily(family(A, parent({ local_indicators: health(), police_events: [offence('2018-03-01')] }), child()), plan, C).problemsAtAttachment).toEqual(['CRIME_ASB', 'HEALTH']);
  });
});

describe('trap 6: a parent\'s proven offence after attachment', () => {
  it('counts against the crime outcome: offences by every member', () => {
    const f = family(A, parent({ local_indicators: health(), police_events: [offence('2019-03-01')] }), child({ police_events: [offence('2018-03-01')] }));
    const v = evaluateFamily(f, plan, C);
    expect([v.eligible, v.problemsAtAttachment, v.route]).toEqual([true, ['CRIME_ASB', 'HEALTH'], null]);
    expect(unmet(f)[0]).toEqual(['CRIME_ASB', 'rule/threshold-missed', '1 OFFENCE events in the 6 months before the claim date against 1 before attachment: not down by 33%']);
  });
});

describe('trap 7: a claim 76 days after attachment', () => {
  // ASB before attachment and none since, domestic abuse long enough ago: every outcome "looks" met.
  const f = () => family(A, parent({ police_events: [asb('2018-01-01'), asb('2018-01-15'), da('2017-11-01')] }), child());
  it('is not claimable: the 6-month windows would lie mostly before attachment', () => {
    const v = evaluateFamily(f(), plan, '2018-08-30');
    expect([v.eligible, v.ssp, v.route]).toEqual([true, true, null]);
    expect(v.unmet).toEqual([{ headline: 'CE', code: 'rule/threshold-missed', reason: 'no adult had an out-of-work benefit open at attachment' },
      { headline: 'FAMILY', code: 'rule/too-early', reason: 'claimable from 2018-12-15 (attachment + 6 months), so that every outcome is measured wholly after attachment' }]);
  });
  it('is claimable from attachment + 6 months', () => {
    expect(evaluateFamily(f(), plan, '2018-12-14').route).toBeNull();
    expect(evaluateFamily(f(), plan, '2018-12-15').route).toBe('SSP');
  });
  it('continuous employment counts only weeks after attachment', () => {
    // Employed since long before attachment, JSA open only on the attachment date: the 26 of 30 weeks must all lie after it.
    const g = family(A, parent({ local_indicators: [indicator('MENTAL_HEALTH', '2017-01-01')], dwp_benefits: [benefit('JSA', '2018-06-01', '2018-06-15')], dwp_employment: [job('2016-01-01')] }), child({ police_events: [offence('2018-03-01')] }));
    // 2018-06-16 to 2018-12-14 is exactly 26 weeks.
    expect(evaluateFamily(g, plan, '2018-12-13').ce).toBe(false);
    expect(evaluateFamily(g, plan, '2018-12-14').ce).toBe(true);
  });
});

describe('plan dates', () => {
  it('a family attached after the plan\'s effective period is not claimable under it', () => {
    const f = family('2024-03-01', parent({ police_events: [asb('2024-01-01')], local_indicators: [indicator('MENTAL_HEALTH', '2023-01-01', '2024-04-01')] }), member('K', 'CHILD', '2012-01-01'));
    const v = evaluateFamily(f, plan, '2025-03-31');
    expect(v.route).toBeNull();
    expect(v.unmet.at(-1)).toEqual({ headline: 'FAMILY', code: 'rule/outside-plan-period', reason: 'attached on 2024-03-01, outside the period of plan tf-phase2 (2015-04-01 to 2021-03-31): not claimable under it' });
  });
});

describe('data currency', () => {
  const f = () => family(A, parent({ local_indicators: health(), police_events: [asb('2018-03-01')] }), child());
  it('an outcome needing police data past the extract\'s coverage is not met (data-stale)', () => {
    const v = evaluateFamily(f(), plan, C, { coverage: new Map([['police_events', '2019-03-31']]) });
    expect(v.route).toBeNull();
    expect(v.unmet[0]).toEqual({ headline: 'CRIME_ASB', code: 'rule/data-stale', reason: 'the police_events extract covers to 2019-03-31; this outcome needs data to 2019-06-30' });
  });
  it('covering to the claim date is current', () => {
    expect(evaluateFamily(f(), plan, C, { coverage: new Map([['police_events', C]]) }).route).toBe('SSP');
  });
  it('attendance may lag the claim date by the plan\'s lag (4 months), exclusions by 8', () => {
    const edu = () => family(A, parent({ local_indicators: health() }), child({ education_exclusions: [exclusion('PERM', '2017-10-01')], education_attendance: [
      attendance('2018/19', 'AUTUMN', 100, 1), attendance('2018/19', 'SPRING', 100, 1), attendance('2018/19', 'SUMMER', 100, 1)] }));
    const at = (att: string, exc: string) => evaluateFamily(edu(), plan, '2019-09-30', { coverage: new Map([['education_attendance', att], ['education_exclusions', exc]]) });
    expect(at('2019-07-31', '2019-01-31').route).toBe('SSP');
    expect(at('2019-05-29', '2019-01-31').unmet[0]!.code).toBe('rule/data-stale');
    expect(at('2019-07-31', '2019-01-29').unmet[0]!.reason).toBe('the education_exclusions extract covers to 2019-01-29; this outcome needs data to 2019-01-30');
  });
});
