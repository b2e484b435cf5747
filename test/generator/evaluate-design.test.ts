import { describe, expect, it } from 'vitest';
import { evaluateDesign, type DesignMember } from '../../src/generator/evaluate-design.ts';
import type { Fact } from '../../src/generator/types.ts';
import { addDays, addMonths } from '../../src/shared/dates.ts';

/**
 * The truth reader against hand-worked cases from docs/rules-tf-phase2.md, one boundary day on
 * each side. Expected values are worked out from the rules text, not from the implementation.
 */
const A = '2023-10-15';
const C = '2024-09-30';
const win = [{ name: '2024-Q3', claimDate: C }];
const mum: DesignMember = { personId: 'mum', role: 'PARENT_CARER', dob: '1990-05-05' };
const kid: DesignMember = { personId: 'kid', role: 'CHILD', dob: '2010-02-02' };
const dad: DesignMember = { personId: 'dad', role: 'ABSENT_PARENT', dob: '1988-01-01' };
const fact = (source: Fact['source'], personId: string, f: Record<string, string>): Fact => ({ source, personId, f });
const police = (p: string, type: string, date: string, role = 'SUBJECT', outcome = '') =>
  fact('police_events', p, { event_id: `${p}${date}`, event_type: type, event_date: date, role, outcome });
const indicator = (p: string, code: string, start: string, end = '') => fact('local_indicators', p, { indicator: code, start_date: start, end_date: end, value: '' });
const benefit = (p: string, b: string, start: string, end = '') => fact('dwp_benefits', p, { benefit: b, start_date: start, end_date: end });
const job = (p: string, start: string, end = '') => fact('dwp_employment', p, { start_date: start, end_date: end, source: 'RTI' });
const term = (p: string, year: string, t: string, possible: number, unauth: number) => fact('education_attendance', p, {
  school_urn: '', academic_year: year, term: t, sessions_possible: String(possible), sessions_authorised: '0', sessions_unauthorised: String(unauth) });
const run = (facts: Fact[], members: DesignMember[] = [mum, kid], windows = win) => evaluateDesign({ attachmentDate: A, members, facts }, windows);
const at = (facts: Fact[], members?: DesignMember[]) => run(facts, members).windows[0];

const health = indicator('mum', 'MENTAL_HEALTH', '2023-01-01', addDays(addMonths(C, -6), -1));
const da = police('mum', 'DOMESTIC_ABUSE', '2023-06-01', 'VICTIM');

describe('evaluateDesign: eligibility', () => {
  it('needs two headlines and a dependent child', () => {
    expect(run([health, da]).eligible).toBe(true);
    expect(run([health]).eligible).toBe(false);
    expect(run([health, da], [mum]).eligible).toBe(false);
    expect(run([health, da]).problemsAtAttachment).toEqual(['DOMESTIC_ABUSE', 'HEALTH']);
  });

  it('counts headlines evidenced only through an absent parent once in total', () => {
    const absentOnly = [benefit('dad', 'JSA', '2022-01-01'), indicator('dad', 'ALCOHOL_MISUSE', '2023-01-01')];
    expect(run(absentOnly, [mum, kid, dad]).eligible).toBe(false);
    expect(run([...absentOnly, health], [mum, kid, dad]).eligible).toBe(true);
  });

  it('counts a child offence only at age 10-17 on the event date, with a proven outcome', () => {
    const young: DesignMember = { personId: 'kid', role: 'CHILD', dob: '2013-06-01' };
    expect(run([police('kid', 'OFFENCE', '2023-05-31', 'OFFENDER', 'PROVEN'), health], [mum, young]).problemsAtAttachment).toEqual(['HEALTH']);
    expect(run([police('kid', 'OFFENCE', '2023-06-01', 'OFFENDER', 'PROVEN'), health], [mum, young]).problemsAtAttachment).toEqual(['CRIME_ASB', 'HEALTH']);
    expect(run([police('kid', 'OFFENCE', '2023-06-01', 'OFFENDER', 'NFA'), health], [mum, young]).problemsAtAttachment).toEqual(['HEALTH']);
  });

  it('looks back 12 calendar months for events, inclusive', () => {
    expect(run([police('mum', 'ASB', addMonths(A, -12)), health]).problemsAtAttachment).toContain('CRIME_ASB');
    expect(run([police('mum', 'ASB', addDays(addMonths(A, -12), -1)), health]).problemsAtAttachment).not.toContain('CRIME_ASB');
  });
});

describe('evaluateDesign: outcomes to the day', () => {
  it('domestic abuse: an event on C − 6 months fails, the day before passes', () => {
    expect(at([health, da, police('mum', 'DOMESTIC_ABUSE', addMonths(C, -6), 'VICTIM')]).unmet).toContain('DOMESTIC_ABUSE');
    expect(at([health, da, police('mum', 'DOMESTIC_ABUSE', addDays(addMonths(C, -6), -1), 'VICTIM')]).unmet).toEqual([]);
  });

  it('health: closed the day before C − 6 months passes; closed on it fails (it still overlaps the 6 months)', () => {
    expect(at([health, da]).ssp).toBe(true);
    expect(at([indicator('mum', 'MENTAL_HEALTH', '2023-01-01', addMonths(C, -6)), da]).unmet).toEqual(['HEALTH']);
  });

  it('worklessness: no out-of-work benefit in the 91 days ending on C, and in work', () => {
    const work = job('mum', addDays(C, -90));
    expect(at([benefit('mum', 'ESA', '2022-01-01', addDays(C, -91)), work, health]).unmet).toEqual([]);
    expect(at([benefit('mum', 'ESA', '2022-01-01', addDays(C, -90)), work, health]).unmet).toEqual(['WORKLESSNESS']);
    // Off benefit but not in work, or in a job held since before attachment: not progress.
    expect(at([benefit('mum', 'ESA', '2022-01-01', addDays(C, -91)), health]).unmet).toEqual(['WORKLESSNESS']);
    expect(at([benefit('mum', 'ESA', '2022-01-01', addDays(C, -91)), job('mum', '2023-01-01'), health]).unmet).toEqual(['WORKLESSNESS']);
    // ESA then Universal Credit with no work requirements is still out of work.
    expect(at([benefit('mum', 'ESA', '2022-01-01', '2024-01-01'), benefit('mum', 'UC_NO_CONDITIONS', '2024-01-02'), health]).unmet).toEqual(['WORKLESSNESS']);
  });

  it('children who need help: a child taken into care since attachment fails it', () => {
    const care = (type: string, start: string, end = '') => fact('social_care_episodes', 'kid', { episode_id: `${type}${start}`, episode_type: type, start_date: start, end_date: end, reason: '' });
    expect(at([care('CP', '2023-01-01', '2023-12-01'), health]).unmet).toEqual([]);
    expect(at([care('CP', '2023-01-01', '2023-12-01'), care('LAC', '2023-12-01'), health]).unmet).toEqual(['CHILDREN_NEED_HELP']);
  });

  it('claimable only from attachment + 6 months', () => {
    const w = (claimDate: string) => run([benefit('mum', 'ESA', '2022-01-01', '2023-10-20'), job('mum', '2023-10-21'), health], [mum, kid], [{ name: 'w', claimDate }]).windows[0]!;
    expect([w('2024-04-14').ce, w('2024-04-14').claimable]).toEqual([true, false]);
    expect(w('2024-04-15').claimable).toBe(true);
  });

  it('crime: a zero baseline is met only by a zero follow-up; offences down by a third', () => {
    const asbOld = police('mum', 'ASB', '2022-12-01');
    expect(at([asbOld, health]).unmet).toEqual([]);
    expect(at([asbOld, health, police('mum', 'ASB', '2024-06-01')]).unmet).toEqual(['CRIME_ASB']);
    const off = (d: string) => police('kid', 'OFFENCE', d, 'OFFENDER', 'CAUTION');
    const base = [off('2023-06-01'), off('2023-07-01'), off('2023-08-01')];
    expect(at([...base, off('2024-05-01'), off('2024-06-01'), health]).unmet).toEqual([]);
    expect(at([...base, off('2024-05-01'), off('2024-06-01'), off('2024-07-01'), health]).unmet).toEqual(['CRIME_ASB']);
  });

  it('education: the latest three terms after A must exist, be consecutive and at or above 90% attendance together', () => {
    const before = term('kid', '2022/23', 'SUMMER', 120, 20);
    const good = [term('kid', '2023/24', 'AUTUMN', 140, 5), term('kid', '2023/24', 'SPRING', 110, 5), term('kid', '2023/24', 'SUMMER', 130, 12)];
    expect(run([before, health]).problemsAtAttachment).toEqual(['EDUCATION', 'HEALTH']);
    expect(at([before, health, ...good]).unmet).toEqual([]);
    expect(at([before, health, good[0], good[2]]).unmet).toEqual(['EDUCATION']);
    // Overall attendance over the three terms together: 39 of 380 sessions missed is 89.7%, below 90%.
    expect(at([before, health, good[0], good[1], term('kid', '2023/24', 'SUMMER', 130, 29)]).unmet).toEqual(['EDUCATION']);
    expect(at([before, health, good[0], good[1], term('kid', '2023/24', 'SUMMER', 130, 28)]).unmet).toEqual([]);
    const sixteen: DesignMember = { personId: 'kid', role: 'CHILD', dob: '2008-09-01' };
    expect(at([before, health], [mum, sixteen]).unmet).toEqual([]);
  });

  it('an acquired headline must meet its outcome too', () => {
    const later = police('kid', 'ASB', '2024-05-10');
    const v = at([health, da, later]);
    expect(v.acquired).toEqual(['CRIME_ASB']);
    expect(v.unmet).toEqual(['CRIME_ASB']);
    const after = run([health, da, later], [mum, kid], [{ name: 'late', claimDate: '2024-12-31' }]).windows[0];
    expect(after.acquired).toEqual(['CRIME_ASB']);
    expect(after.unmet).toEqual([]);
  });
});

describe('evaluateDesign: continuous employment', () => {
  const jsa = (end: string) => benefit('mum', 'JSA', '2022-01-01', end);
  const weeks = (n: number) => addDays(C, -7 * n + 1);

  it('JSA: 26 of the last 30 weeks, whole weeks only', () => {
    expect(at([jsa(addDays(weeks(26), -1)), job('mum', weeks(26)), health]).ce).toBe(true);
    expect(at([jsa(addDays(weeks(26), -1)), job('mum', addDays(weeks(26), 1)), health]).ce).toBe(false);
  });

  it('a benefit overlapping a week of work loses that week', () => {
    expect(at([jsa(weeks(26)), job('mum', weeks(26)), health]).ce).toBe(false);
    expect(at([jsa(weeks(27)), job('mum', weeks(28)), health]).ce).toBe(true);
  });

  it('other benefits: 13 of the last 15 weeks', () => {
    const esa = benefit('mum', 'ESA', '2022-01-01', addDays(weeks(13), -1));
    expect(at([esa, job('mum', weeks(13)), health]).ce).toBe(true);
    expect(at([esa, job('mum', weeks(12)), health]).ce).toBe(false);
  });

  it('is the route only when SSP is not met', () => {
    const r = run([jsa(addDays(weeks(30), -1)), job('mum', weeks(30)), indicator('mum', 'MENTAL_HEALTH', '2023-01-01')]);
    expect(r.route).toBe('CE');
    expect(run([jsa(addDays(weeks(30), -1)), job('mum', weeks(30)), health]).route).toBe('SSP');
  });
});
