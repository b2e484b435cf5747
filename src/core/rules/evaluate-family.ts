import type { Measure, Plan } from '../../config/plan.ts';
import type { SourceName } from '../../shared/extracts.ts';
import { addMonths } from '../../shared/dates.ts';
import type { EvidenceFact, FamilyVerdict, UnmetOutcome } from '../../shared/verdict.ts';
import type { FamilyInput } from '../families/types.ts';
import { evaluateContinuousEmployment } from './evaluate-continuous-employment.ts';
import { evaluateAcquired } from './evaluate-acquired.ts';
import { evaluateEligibility } from './evaluate-eligibility.ts';
import { evaluateMeasure } from './evaluate-measure.ts';
import { explainRow } from './explain-row.ts';
import { UNMET_ORDER, type HeadlineEvidence, type MeasureResult, type Status } from './types.ts';

/**
 * Eligibility at attachment, problems acquired since, the outcome of every problem and the CE
 * route at the claim date, with every row each decision used. Nothing passes silently: a
 * measure that cannot be assessed is not met, with its reason.
 */
export interface EvaluateOptions {
  /**
   * The sources the run actually has an extract for. When given, a measure that reads a source
   * not in it is not met (`rule/data-missing`) instead of passing on the absence of rows.
   */
  readonly sourcesPresent?: ReadonlySet<SourceName>;
  /**
   * Each extract's coverage end date (given per run, else the latest date in it). An outcome
   * that needs a source's data up to the claim date (less the plan's lag for it) from an extract
   * that ends earlier is not met (`rule/data-stale`).
   */
  readonly coverage?: ReadonlyMap<SourceName, string>;
  /** Set when a member is also attached under an earlier family ref still open at this attachment. */
  readonly attachedEarlierAs?: { readonly familyRef: string; readonly attachmentDate: string };
}

export function evaluateFamily(family: FamilyInput, plan: Plan, claimDate: string, options: EvaluateOptions = {}): FamilyVerdict {
  const a = family.attachmentDate, c = claimDate, ref = family.familyRef;
  const evidence: EvidenceFact[] = [];
  const unmet: UnmetOutcome[] = [];
  const elig = evaluateEligibility(family.members, plan, a);
  const acquired = evaluateAcquired(family.members, plan, a, c, elig.problems.map((p) => p.headline));

  for (const { personId, row } of family.earlyHelpRows ?? []) {
    const member = family.members.find((m) => m.personId === personId);
    if (member) evidence.push(explainRow({ member, source: 'early_help_families', row }, plan, ref, 'FAMILY', 'family.attachment', 'eligibility'));
  }
  for (const h of [...elig.problems, ...acquired]) {
    for (const i of h.indicators) for (const use of i.result.uses) evidence.push(explainRow(use, plan, ref, h.headline, `eligibility.${h.headline}.${i.id}`, 'eligibility'));
  }

  const achieved: string[] = [];
  for (const h of [...elig.problems, ...acquired]) {
    const result = evaluateOutcome(h, family, plan, a, c, options);
    for (const { id, result: r } of result.measures) for (const use of r.uses) evidence.push(explainRow(use, plan, ref, h.headline, `outcome.${h.headline}.${id}`, 'outcome'));
    if (result.status === 'met') achieved.push(h.headline);
    else if (elig.eligible && c > a) unmet.push({ headline: h.headline, code: `rule/${result.status}`, reason: result.reason ?? 'not met' });
  }

  let sspBlocked = false;
  if (plan.sustainAfterClosureMonths !== undefined && elig.eligible && c > a) {
    const closures = (family.earlyHelpRows ?? []).map((r) => r.row.closure_date);
    const closed = closures.length > 0 && closures.every((d) => typeof d === 'string') ? (closures as string[]).sort().at(-1)! : null;
    if (closed === null || closed > addMonths(c, -plan.sustainAfterClosureMonths)) {
      sspBlocked = true;
      unmet.push({ headline: 'FAMILY', code: closed === null ? 'rule/data-missing' : 'rule/data-incomplete',
        reason: closed === null ? 'the early-help case has no closure date, so the outcome cannot yet be sustained after closure'
          : `the case closed less than ${plan.sustainAfterClosureMonths} months before the claim date` });
    }
  }
  const all = [...elig.problems, ...acquired];
  const ssp = !sspBlocked && all.length > 0 && achieved.length === all.length;
  const ceMissing = (['dwp_benefits', 'dwp_employment'] as const).filter((s) => options.sourcesPresent && !options.sourcesPresent.has(s));
  const ceStale = ceMissing.length > 0 ? null : staleReason(['dwp_benefits', 'dwp_employment'], plan, c, options.coverage);
  const ceResult = ceMissing.length > 0
    ? { met: false, routeId: null, uses: [], reason: `no ${ceMissing.join(' or ')} extract in this run, so continuous employment cannot be assessed` }
    : ceStale !== null ? { met: false, routeId: null, uses: [], reason: `${ceStale}, so continuous employment cannot be assessed` }
    : evaluateContinuousEmployment(family.members, plan, a, c);
  if (plan.continuousEmployment) {
    for (const use of ceResult.uses) evidence.push(explainRow(use, plan, ref, 'CE', `ce.${ceResult.routeId ?? 'none'}`, 'outcome'));
    if (!ceResult.met && elig.eligible && c > a) unmet.push({ headline: 'CE', code: ceMissing.length > 0 ? 'rule/data-missing' : ceStale !== null ? 'rule/data-stale' : 'rule/threshold-missed', reason: ceResult.reason ?? 'not met' });
  }
  if (!elig.eligible) for (const reason of elig.reasons) unmet.push({ headline: 'FAMILY', code: 'rule/not-eligible', reason });
  const gates = familyGates(family, plan, c, options);
  if (elig.eligible) unmet.push(...gates);

  const claimable = elig.eligible && gates.length === 0;
  return {
    familyRef: ref, attachmentDate: a, claimDate: c, eligible: elig.eligible,
    problemsAtAttachment: elig.problems.map((p) => p.headline),
    problemsAcquired: acquired.map((p) => p.headline),
    problemsAchieved: achieved,
    ssp, ce: ceResult.met,
    route: claimable ? (ssp ? 'SSP' : ceResult.met ? 'CE' : null) : null,
    unmet, evidence,
  };
}

interface OutcomeResult {
  readonly status: Status;
  readonly reason: string | null;
  readonly measures: readonly { readonly id: string; readonly result: MeasureResult }[];
}

/** The extracts a measure reads: without one of them it cannot be assessed. */
function sourcesOf(m: Measure): readonly SourceName[] {
  return m.kind === 'attendanceTerms' ? ['education_attendance', 'education_exclusions'] : [m.source];
}

/** All applicable measures of the headline's outcome; the worst status decides. */
function evaluateOutcome(h: HeadlineEvidence, family: FamilyInput, plan: Plan, a: string, c: string, options: EvaluateOptions): OutcomeResult {
  const present = options.sourcesPresent;
  const outcome = plan.headlines[h.headline]!.outcome;
  if (!outcome) return { status: 'met', reason: 'no outcome required for this headline', measures: [] };
  const fired = h.indicators.map((i) => i.id);
  const evidencedBy = new Set(h.indicators.flatMap((i) => i.result.persons));
  const measures = outcome.measures
    .filter((m) => !m.appliesIf
      || ((!m.appliesIf.anyOf || m.appliesIf.anyOf.some((id) => fired.includes(id)))
        && (!m.appliesIf.onlyOf || fired.every((id) => m.appliesIf!.onlyOf!.includes(id)))))
    .map((m) => {
      const missing = present ? sourcesOf(m).filter((src) => !present.has(src)) : [];
      const stale = missing.length > 0 ? null : staleReason(sourcesOf(m), plan, c, options.coverage);
      const result: MeasureResult = missing.length > 0
        ? { status: 'data-missing', reason: `no ${missing.join(' or ')} extract in this run`, uses: [] }
        : stale !== null ? { status: 'data-stale', reason: stale, uses: [] }
        : evaluateMeasure(m, { members: family.members, plan, a, c, evidencedBy });
      return { id: m.id, result };
    });
  const worst = UNMET_ORDER.find((s) => measures.some((m) => m.result.status === s));
  if (!worst) return { status: 'met', reason: null, measures };
  return { status: worst, reason: [...new Set(measures.filter((m) => m.result.status === worst).map((m) => m.result.reason))].join('; '), measures };
}

/**
 * Why an eligible family cannot be claimed at C whatever its outcomes: attached outside the
 * plan's period, too early (every outcome's "after" window must lie wholly after attachment),
 * attached a second time under another family ref, or the plan's practice conditions unmet.
 */
function familyGates(family: FamilyInput, plan: Plan, c: string, options: EvaluateOptions): UnmetOutcome[] {
  const a = family.attachmentDate;
  const out: UnmetOutcome[] = [];
  if (a < plan.effectiveFrom || (plan.effectiveTo !== undefined && a > plan.effectiveTo)) {
    out.push({ headline: 'FAMILY', code: 'rule/outside-plan-period',
      reason: `attached on ${a}, outside the period of plan ${plan.id} (${plan.effectiveFrom} to ${plan.effectiveTo ?? 'open'}): not claimable under it` });
  }
  if (c <= a) out.push({ headline: 'FAMILY', code: 'rule/claim-before-attachment', reason: 'the claim date is not after the attachment date' });
  else if (c < addMonths(a, plan.sustainmentMonths)) {
    out.push({ headline: 'FAMILY', code: 'rule/too-early',
      reason: `claimable from ${addMonths(a, plan.sustainmentMonths)} (attachment + ${plan.sustainmentMonths} months), so that every outcome is measured wholly after attachment` });
  }
  if (options.attachedEarlierAs) {
    const e = options.attachedEarlierAs;
    out.push({ headline: 'FAMILY', code: 'family/attached-twice',
      reason: `a member is also attached under family ${e.familyRef} (attached ${e.attachmentDate}), still open at this attachment: one family, one claim` });
  }
  const p = plan.practice;
  if (p) {
    const rows = (family.earlyHelpRows ?? []).map((r) => r.row);
    const dated = (field: string) => rows.some((r) => typeof r[field] === 'string' && (r[field] as string) <= c);
    const missing = [
      p.leadPractitioner && !rows.some((r) => typeof r.lead_practitioner === 'string' && r.lead_practitioner.trim() !== '') ? 'lead practitioner' : '',
      p.assessment && !dated('assessment_date') ? 'whole-family assessment date' : '',
      p.plan && !dated('plan_date') ? 'family plan date' : '',
    ].filter(Boolean);
    if (missing.length > 0) out.push({ headline: 'FAMILY', code: 'rule/practice-missing', reason: `the early-help list has no ${missing.join(', no ')} for the family (on or before the claim date)` });
  }
  return out;
}

/** Why one of `sources` is not current at C (its coverage ends before C less the plan's lag for it), or null. */
function staleReason(sources: readonly SourceName[], plan: Plan, c: string, coverage?: ReadonlyMap<SourceName, string>): string | null {
  if (!coverage) return null;
  const lag = plan.dataLagMonths as Partial<Record<SourceName, number>>;
  for (const s of sources) {
    const end = coverage.get(s);
    const needed = addMonths(c, -(lag[s] ?? 0));
    if (end !== undefined && end < needed) return `the ${s} extract covers to ${end}; this outcome needs data to ${needed}`;
  }
  return null;
}
