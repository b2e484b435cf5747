/**
 * The authoring form of a programme preset / LA outcome plan, as a person writes it (JSON).
 * Every key is described, so error messages and docs come from one place. `parsePlan` turns
 * this into the frozen, normalised `Plan` (code-list references resolved, codes checked).
 */
import { z } from 'zod';
import { isSourceName, sourcesFor, type SourceName } from '../shared/extracts.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date YYYY-MM-DD');
const code = z.string().regex(/^[A-Z0-9_]+$/, 'expected an upper-case code (A-Z, 0-9, _)');
const count = z.number().int().min(0);
const months = z.number().int().min(0).max(120);
const pct = z.number().min(0).max(100);
/** Pounds per family: bounded (programme rates are hundreds of pounds), so no total can overflow to Infinity. */
const pounds = z.number().min(0).max(1_000_000);

export const provenanceSchema = z.strictObject({
  status: z.enum(['V', 'P', 'U']).describe('V verified, P partly verified (confirm against your local plan), U unverified'),
  sources: z.array(z.string()).default([]).describe('references into domain-research §9'),
  note: z.string().optional().describe('what to confirm'),
  unverified: z.boolean().optional().describe('true when the default is U and must be confirmed before use'),
}).describe('where a rule or default comes from (domain-research §0)');

/** A list of codes given inline, or the name of an entry of `codeLists`. */
const codes = z.union([z.array(code).min(1), z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/)])
  .describe('codes inline, or the name of a list in codeLists');

const members = z.enum(['child', 'adult', 'any']).default('any')
  .describe('whose rows count: child (role CHILD), adult (any other role) or any member');
const ageRange = z.strictObject({
  min: count.describe('minimum whole years, inclusive'),
  max: count.describe('maximum whole years, inclusive'),
}).describe('age in whole years on the date the rule names');

/**
 * A source name a rule of this kind (or a data lag) may use: checked against the sources
 * registered when the plan is read (src/shared/extracts.ts), never silently another source.
 */
function sourceFor(use: Parameters<typeof sourcesFor>[0]) {
  return z.string().refine((s) => isSourceName(s) && sourcesFor(use).includes(s), {
    error: (issue) => `${typeof issue.input === 'string' && isSourceName(issue.input) ? `source '${issue.input}' has no ${use === 'dataLag' ? 'data lag' : `${use} rules`}` : 'unknown source'}; allowed: ${sourcesFor(use).join(', ')}`,
  }).transform((s) => s as SourceName);
}

const eventFilter = {
  source: sourceFor('events').describe('the extract the events come from (a source whose rules are events)'),
  types: codes.describe("codes of the source's code field that count (police event_type, exclusions category)"),
  roles: codes.optional().describe('role codes that count (absent: any role); the source needs a role field'),
  outcomes: codes.optional().describe('outcome codes that count (absent: any outcome); the source needs an outcome field'),
  members,
  ageOnEvent: ageRange.optional().describe('the person must be this age on the event date'),
};

const spellFilter = {
  source: sourceFor('spells').describe('the extract the spells come from (a source whose rules are spells)'),
  codes: codes.describe("codes of the source's code field that count (status, episode_type, benefit, indicator)"),
  members,
};

const indicatorBase = {
  id: z.string().regex(/^[a-z][a-zA-Z0-9_-]*$/).describe('rule node id within the headline, e.g. offence'),
  provenance: provenanceSchema.optional(),
};

export const indicatorSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...indicatorBase, kind: z.literal('events'), ...eventFilter,
    lookbackMonths: months.optional().describe('events dated in the N months before the reference date'),
    withinTerms: z.number().int().min(1).max(12).optional().describe('events starting within the last N terms ending on or before the reference date'),
    minCount: z.number().int().min(1).default(1).describe('events per person needed'),
  }),
  z.strictObject({
    ...indicatorBase, kind: z.literal('attendance'), members: z.literal('child').default('child'),
    terms: z.number().int().min(1).max(12).default(3).describe('the last N terms ending on or before the reference date'),
    measure: z.enum(['unauthorised', 'overall']).default('unauthorised').describe('which absence counts'),
    combine: z.enum(['anyTerm', 'together']).default('anyTerm')
      .describe('anyTerm: any one of the terms at or above minPct; together: the terms\' sessions summed, then compared'),
    minPct: pct.describe('absence / possible sessions × 100 at or above this'),
    everyTerm: z.boolean().default(false).describe('the child must have attendance data for every one of the terms (a rate over fewer terms is not evidence)'),
    earlier: z.strictObject({
      before: isoDate.describe('applies when the last of the terms ends before this date'),
      minPct: pct.describe('the threshold for those terms'),
    }).optional().describe('an older threshold for terms before a date (15% before September 2015)'),
  }),
  z.strictObject({
    ...indicatorBase, kind: z.literal('spell'), ...spellFilter,
    ageAtDate: ageRange.optional().describe('the person must be this age on the reference date'),
    test: z.enum(['openAt', 'overlapsLookback', 'openOrStartedInLookback'])
      .describe('open at the reference date; overlapping the look-back; or open at it or starting within the look-back'),
    lookbackMonths: months.optional().describe('look-back length for overlapsLookback / openOrStartedInLookback'),
  }),
]);

const window = z.strictObject({
  months: months.optional().describe('calendar months before the claim date'),
  days: z.number().int().min(0).optional().describe('days before the claim date (90 = "13 weeks")'),
}).describe('the window [C − length, C]');

const measureBase = {
  id: z.string().regex(/^[a-z][a-zA-Z0-9_-]*$/).describe('rule node id within the headline outcome'),
  appliesIf: z.strictObject({
    anyOf: z.array(z.string()).optional().describe('applies when one of these indicators evidenced the headline'),
    onlyOf: z.array(z.string()).optional().describe('applies when only these indicators evidenced the headline'),
  }).optional().describe('restricts the measure to how the headline was evidenced (absent: always)'),
  provenance: provenanceSchema.optional(),
};

export const measureSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...measureBase, kind: z.literal('reduction'), ...eventFilter,
    windowMonths: z.number().int().min(1).max(60).describe('the N months before C against the N months before A'),
    reductionPct: pct.describe('follow-up × 100 ≤ baseline × (100 − pct); a zero baseline is met only by zero'),
  }),
  z.strictObject({
    ...measureBase, kind: z.literal('noEvents'), ...eventFilter, window,
  }),
  z.strictObject({
    ...measureBase, kind: z.literal('attendanceTerms'), members: z.literal('child').default('child'),
    ageOnClaim: ageRange.describe('children of this age on C are measured (compulsory school age)'),
    terms: z.number().int().min(1).max(12).default(3).describe('the latest N consecutive terms with data ending in (A, C]'),
    measure: z.enum(['unauthorised', 'overall']).default('unauthorised').describe('which absence counts'),
    combine: z.enum(['eachTerm', 'together']).default('eachTerm')
      .describe('eachTerm: every term on its own; together: the terms\' sessions summed, then compared'),
    maxPct: pct.optional().describe('absence / possible × 100 must be below this'),
    minAttendancePct: pct.optional().describe('instead of maxPct: attendance (possible − absence) / possible × 100 must be at or above this'),
    suspensionCategories: codes.describe('exclusion categories counted as suspensions'),
    suspensionsBelow: z.number().int().min(1).describe('fewer than this many suspensions within those terms'),
    permanentCategories: codes.describe('exclusion categories that fail the measure outright'),
    whenNoChildOfSchoolAge: z.enum(['met', 'notMet']).default('met').describe('verdict when no child is of that age on C'),
  }),
  z.strictObject({
    ...measureBase, kind: z.literal('spellsClosed'), ...spellFilter,
    notOpenAtClaim: z.boolean().default(false).describe('no spell open at C'),
    noneStartedWithin: window.optional().describe('no spell starting within this window'),
    noneOverlapping: window.optional().describe('no spell overlapping this window'),
    closedBy: window.optional().describe('every spell open at A or started after A ended on or before C − length'),
    noneStartedSinceAttachment: z.boolean().default(false).describe('no spell starting after the attachment date (a child newly looked after)'),
    onlyStartedSinceAttachment: z.boolean().default(false).describe('consider only spells starting after the attachment date (another member newly acquiring the problem)'),
  }),
  z.strictObject({
    ...measureBase, kind: z.literal('offBenefit'), source: z.literal('dwp_benefits').default('dwp_benefits'),
    codes: codes.describe('out-of-work benefit codes'),
    window: window.describe('no such spell overlapping this window, for at least one adult who had one open at A'),
    intoWork: z.boolean().default(false)
      .describe('that adult must also have moved into work: an employment spell starting after A and open within the window'),
    employmentSources: codes.optional().describe('dwp_employment source codes that count as work (absent: any)'),
  }),
]);

export const headlineSchema = z.strictObject({
  label: z.string().describe('wording for reports'),
  provenance: provenanceSchema.optional(),
  indicators: z.array(indicatorSchema).min(1).describe('any one evidences the headline'),
  outcome: z.strictObject({
    measures: z.array(measureSchema).describe('all applicable measures must be met'),
    provenance: provenanceSchema.optional(),
  }).nullable().describe('null: the headline counts for eligibility but needs no outcome (neutral)'),
});

export const ceRouteSchema = z.strictObject({
  id: z.string().describe('route id, e.g. jsa-26-of-30'),
  ifBenefitAtAttachment: codes.optional().describe('route applies when the adult had one of these open at A (absent: any)'),
  weeksRequired: z.number().int().min(1).describe('weeks employed needed'),
  windowWeeks: z.number().int().min(1).max(104).describe('out of the last N weeks before C'),
  provenance: provenanceSchema.optional(),
});

export const planSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).describe('preset id, e.g. tf-phase2'),
  version: z.string().min(1).describe('plan version, bumped on every edit'),
  label: z.string().optional().describe('human name'),
  authority: z.string().optional().describe('LA name when this is a local outcome plan'),
  effectiveFrom: isoDate.describe('first attachment date the plan applies to'),
  effectiveTo: isoDate.optional().describe('last attachment date the plan applies to'),
  provenance: provenanceSchema.optional(),
  codes: z.strictObject({
    benefits: z.array(code).min(1).describe('every benefit code the DWP extract may hold'),
    indicators: z.array(code).min(1).describe('every local_indicators code the plan may refer to'),
    policeOutcomes: z.array(code).min(1).describe('every police outcome code the plan may refer to'),
  }).describe('known codes; a rule naming another code is a config error'),
  codeLists: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/), z.array(code).min(1)).default({})
    .describe('named code lists rules refer to by name (outOfWorkBenefits, healthIndicators…)'),
  terms: z.strictObject({
    AUTUMN: z.strictObject({ start: z.string().regex(/^\d{2}-\d{2}$/), end: z.string().regex(/^\d{2}-\d{2}$/) }),
    SPRING: z.strictObject({ start: z.string().regex(/^\d{2}-\d{2}$/), end: z.string().regex(/^\d{2}-\d{2}$/) }),
    SUMMER: z.strictObject({ start: z.string().regex(/^\d{2}-\d{2}$/), end: z.string().regex(/^\d{2}-\d{2}$/) }),
  }).default({ AUTUMN: { start: '09-01', end: '12-31' }, SPRING: { start: '01-01', end: '03-31' }, SUMMER: { start: '04-01', end: '07-31' } })
    .describe('school term dates as MM-DD (autumn in the first calendar year of the academic year)'),
  eligibility: z.strictObject({
    minProblems: z.number().int().min(1).describe('headlines evidenced at attachment needed'),
    dependentChild: z.strictObject({
      required: z.boolean().default(true),
      minAge: count.default(0), maxAge: count.default(15),
      inEducationMaxAge: count.optional()
        .describe('older children up to this age count when in full-time education: an attendance row with possible sessions in one of the last 3 terms ending by A'),
      orExpectantParentIndicators: codes.optional().describe('local_indicators codes (open at A) that stand in for a dependent child'),
    }).describe('a CHILD member of this age at A'),
    absentParentMaxProblems: count.default(1).describe('headlines evidenced only through ABSENT_PARENT members count at most this many'),
    provenance: provenanceSchema.optional(),
  }),
  headlines: z.record(code, headlineSchema).describe('headline id → indicators and outcome'),
  sustainmentMonths: months.default(6)
    .describe('a family is claimable only from attachment + this many months, so every outcome\'s "after" window lies after attachment'),
  dataLagMonths: z.partialRecord(sourceFor('dataLag'), months).default({})
    .describe('how far behind the claim date an extract may end and still count as current (attendance about one term, exclusions about two)'),
  practice: z.strictObject({
    leadPractitioner: z.boolean().default(false).describe('a lead_practitioner on the early-help list'),
    assessment: z.boolean().default(false).describe('an assessment_date on or before the claim date'),
    plan: z.boolean().default(false).describe('a plan_date on or before the claim date'),
    provenance: provenanceSchema.optional(),
  }).optional().describe('whole-family working conditions the early-help list must show (Supporting Families 2022)'),
  earnedAutonomy: z.boolean().default(false)
    .describe('Earned Autonomy: all funding upfront, outcomes are reported but no payment lines are claimed'),
  sustainAfterClosureMonths: months.optional()
    .describe('SSP needs the early-help case closed at least N months before C (Supporting Families 2022)'),
  continuousEmployment: z.strictObject({
    outOfWorkBenefits: codes.describe('benefits that put an adult on the route and break a week'),
    routes: z.array(ceRouteSchema).min(1).describe('first route whose benefit list matches applies'),
    employmentSources: codes.optional().describe('dwp_employment source codes that count (absent: any)'),
    provenance: provenanceSchema.optional(),
  }).nullable().describe('null: no continuous-employment route'),
  payments: z.strictObject({
    attachmentFee: pounds.nullable().describe('pounds per attached family (null: none)'),
    resultsPayment: pounds.describe('pounds per successful family'),
    byFinancialYear: z.record(z.string().regex(/^\d{4}\/\d{2}$/), pounds).optional()
      .describe('results payment by financial year of the claim date (2024/25 → pounds)'),
    attachmentFeeByFinancialYear: z.record(z.string().regex(/^\d{4}\/\d{2}$/), pounds).optional(),
    byAttachmentFinancialYear: z.record(z.string().regex(/^\d{4}\/\d{2}$/), pounds).optional()
      .describe('results payment by financial year of the ATTACHMENT date (Troubled Families phase 1); overrides byFinancialYear'),
    provenance: provenanceSchema.optional(),
  }),
  claim: z.strictObject({
    spotCheckFraction: z.number().min(0).max(1).default(0.1).describe('share of claims sampled for internal audit'),
    allocationCap: z.number().int().min(0).nullable().default(null).describe('maximum families claimable (null: no cap)'),
  }).default({ spotCheckFraction: 0.1, allocationCap: null }),
});

export type PlanInput = z.input<typeof planSchema>;
export type PlanParsed = z.output<typeof planSchema>;
