import { describe, expect, it } from 'vitest';
import { evaluateFamily } from '../../src/core/rules/evaluate-family.ts';
import { evaluatePayment } from '../../src/core/claims/evaluate-payment.ts';
import { financialYear } from '../../src/core/claims/financial-year.ts';
import { readPlan } from '../../src/io/read-plan.ts';
import { addDays } from '../../src/shared/dates.ts';
import { attendance, benefit, exclusion, family, indicator, job, member, offence, row, tfPhase2 } from './build-family.ts';

const A = '2023-06-15', C = '2024-06-30';

describe('tf-phase1: 3 of 4 criteria, results A or B', () => {
  const plan = readPlan('tf-phase1').plan;
  const P1A = '2013-06-15', P1C = '2014-06-30';
  const fam = (outcome = 'PROVEN', unauthorised = 12) => family(P1A,
    member('P', 'PARENT_CARER', '1985-01-01', { dwp_benefits: [benefit('JSA', '2012-01-01', '2014-01-31')], dwp_employment: [job('2014-02-01')] }),
    member('K', 'CHILD', '1999-05-01', { police_events: [offence('2013-03-01', outcome)], education_exclusions: [exclusion('PERM', '2012-09-01')],
      education_attendance: [attendance('2012/13', 'SUMMER', 100, unauthorised), attendance('2013/14', 'AUTUMN', 100, unauthorised), attendance('2013/14', 'SPRING', 100, unauthorised)] }));

  it('crime, education and work make 3 of 4; 12% absence passes the 15% outcome; work needs no outcome', () => {
    const v = evaluateFamily(fam(), plan, P1C);
    expect(v.unmet).toEqual([]);
    expect([v.eligible, v.problemsAtAttachment, v.problemsAchieved, v.route]).toEqual([true, ['CRIME_ASB', 'EDUCATION', 'WORK'], ['CRIME_ASB', 'EDUCATION', 'WORK'], 'SSP']);
    // The same family under tf-phase2 fails education at 10%.
    expect(evaluateFamily(fam(), tfPhase2, P1C).unmet[0]).toMatchObject({ headline: 'EDUCATION', code: 'rule/threshold-missed' });
  });

  it('a caution is not a proven offence in phase 1, leaving 2 of 4', () => {
    const v = evaluateFamily(fam('CAUTION'), plan, P1C);
    expect([v.eligible, v.problemsAtAttachment]).toEqual([false, ['EDUCATION', 'WORK']]);
    expect(v.unmet).toEqual([{ headline: 'FAMILY', code: 'rule/not-eligible', reason: 'too few problems: 2 counted at attachment, 3 needed' }]);
  });

  it('continuous employment is 13 of the last 26 weeks', () => {
    const v = evaluateFamily(fam('PROVEN', 20), plan, P1C);
    expect([v.ssp, v.ce, v.route]).toEqual([false, true, 'CE']);
  });
});

describe('tf-phase1 results payment by year of attachment (£4,000 a family in all)', () => {
  const pay = readPlan('tf-phase1').plan.payments;
  const payments = { resultsPayment: pay.resultsPayment, byAttachmentFinancialYear: pay.byAttachmentFinancialYear! };
  it.each([['2012-06-01', 800, 3200], ['2013-06-01', 1600, 2400], ['2014-06-01', 2400, 1600]])('attached %s: results £%i, attachment fee £%i', (at, results, fee) => {
    // The claim date's year does not matter: a 2012/13 attachment claimed in 2014/15 still earns £800.
    expect(evaluatePayment(payments, '2015-03-31', at)).toBe(results);
    expect(results + pay.attachmentFeeByFinancialYear![financialYear(at)]!).toBe(4000);
    expect(fee).toBe(pay.attachmentFeeByFinancialYear![financialYear(at)]);
  });
});

describe('supporting-families-2021: the phase-2 headlines with continuous employment, 2021-22 attachments', () => {
  const plan = readPlan('supporting-families-2021').plan;
  const fam = (at: string) => family(at, member('P', 'PARENT_CARER', '1985-01-01', { dwp_benefits: [benefit('JSA', '2020-01-01', addDays(at, 30))], dwp_employment: [job(addDays(at, 31))],
    local_indicators: [indicator('MENTAL_HEALTH', '2020-01-01')] }), member('K', 'CHILD', '2012-05-01'));
  it('keeps the CE route: JSA at attachment then 26 of 30 weeks in work', () => {
    expect([plan.continuousEmployment !== null, evaluateFamily(fam('2021-06-15'), plan, '2022-03-31').route]).toEqual([true, 'CE']);
  });
  it('a 2022-23 attachment is outside its period', () => {
    expect(evaluateFamily(fam('2022-04-15'), plan, '2023-03-31').unmet.at(-1)!.code).toBe('rule/outside-plan-period');
  });
});

describe('supporting-families-2022: 3 needs, expectant parents, sustained 6 months after closure, no CE', () => {
  const plan = readPlan('supporting-families-2022').plan;
  const fam = (closure: string | null, pregnant = true, practice = true) => ({
    ...family(A, member('P', 'PARENT_CARER', '1995-01-01', { local_indicators: [
      indicator('HOUSING', '2023-01-01', '2023-09-01'), indicator('DEBT', '2023-01-01', '2023-10-01'), indicator('MENTAL_HEALTH', '2023-02-01', '2023-11-01'),
      ...(pregnant ? [indicator('PREGNANCY', '2023-03-01', '2023-10-01')] : [])] })),
    earlyHelpRows: [{ personId: 'P', row: row({ family_ref: 'F1', person_ref: 'R-P', role: 'PARENT_CARER', attachment_date: A, closure_date: closure,
      lead_practitioner: practice ? 'A Worker' : null, assessment_date: practice ? '2023-06-20' : null, plan_date: practice ? '2023-07-01' : null }, 5) }],
  });

  it('an expectant parent with 3 needs, closed more than 6 months before C: SSP', () => {
    const v = evaluateFamily(fam('2023-12-01'), plan, C);
    expect([v.eligible, v.problemsAtAttachment, v.route, v.ce]).toEqual([true, ['HEALTH', 'HOUSING', 'FINANCIAL_STABILITY'], 'SSP', false]);
    expect(v.unmet).toEqual([]);
    expect(v.evidence.filter((e) => e.headline === 'FAMILY').map((e) => [e.ruleId, e.fileId])).toEqual([['family.attachment', 5]]);
  });

  it('closed less than 6 months before C is not yet sustained; no closure is missing data', () => {
    expect(evaluateFamily(fam('2024-02-01'), plan, C).unmet).toEqual([{ headline: 'FAMILY', code: 'rule/data-incomplete', reason: 'the case closed less than 6 months before the claim date' }]);
    expect(evaluateFamily(fam(null), plan, C).unmet.map((u) => u.code)).toEqual(['rule/data-missing']);
  });

  it('without a lead practitioner, assessment and plan on the early-help list: not claimable', () => {
    const v = evaluateFamily(fam('2023-12-01', true, false), plan, C);
    expect([v.eligible, v.ssp, v.route]).toEqual([true, true, null]);
    expect(v.unmet).toEqual([{ headline: 'FAMILY', code: 'rule/practice-missing', reason: 'the early-help list has no lead practitioner, no whole-family assessment date, no family plan date for the family (on or before the claim date)' }]);
  });

  it('no child and not expectant: not eligible', () => {
    const v = evaluateFamily(fam('2023-12-01', false), plan, C);
    expect(v.unmet).toEqual([{ headline: 'FAMILY', code: 'rule/not-eligible', reason: 'no dependent child: the family has no member with role CHILD and no PREGNANCY indicator open at attachment' }]);
  });
});

describe('a source missing from the run is missing data, never a pass', () => {
  it('without a DWP benefits extract, worklessness and CE are data-missing', () => {
    const fam = family(A, member('P', 'PARENT_CARER', '1985-01-01', { dwp_benefits: [benefit('ESA', '2022-01-01', '2023-12-01')], dwp_employment: [job('2023-12-02')], local_indicators: [indicator('MENTAL_HEALTH', '2022-01-01', '2023-10-01')] }),
      member('K', 'CHILD', '2009-05-01'));
    const all = new Set(['dwp_benefits', 'dwp_employment', 'local_indicators', 'police_events', 'education_attendance', 'education_exclusions', 'education_status', 'social_care_episodes', 'early_help_families'] as const);
    expect(evaluateFamily(fam, tfPhase2, C, { sourcesPresent: all }).route).toBe('SSP');
    const without = new Set([...all].filter((s) => s !== 'dwp_benefits'));
    const v = evaluateFamily(fam, tfPhase2, C, { sourcesPresent: without });
    expect(v.route).toBeNull();
    expect(v.unmet.map((u) => [u.headline, u.code, u.reason])).toEqual([
      ['WORKLESSNESS', 'rule/data-missing', 'no dwp_benefits extract in this run'],
      ['CE', 'rule/data-missing', 'no dwp_benefits extract in this run, so continuous employment cannot be assessed'],
    ]);
  });
});
