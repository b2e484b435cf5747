import type { Plan } from '../../config/plan.ts';
import type { FamilyMember } from '../families/types.ts';
import { evaluateIndicator } from './evaluate-indicator.ts';
import { lastTermsEndingBy, termOfRow } from './school-terms.ts';
import { ageOf, openAt, rowsOf, str } from './select-rows.ts';
import type { HeadlineEvidence } from './types.ts';

export interface EligibilityResult {
  readonly eligible: boolean;
  /** Headlines evidenced at the reference date, in plan order (absent-parent-only ones included). */
  readonly problems: readonly HeadlineEvidence[];
  /** Headlines evidenced only through ABSENT_PARENT members. */
  readonly absentOnly: readonly string[];
  /** Problems counted towards the threshold (absent-parent-only ones capped). */
  readonly counted: number;
  readonly hasDependentChild: boolean;
  /** Why not eligible, or what could not be assessed; no personal data. */
  readonly reasons: readonly string[];
}

/**
 * Headlines evidenced at `ref` (the attachment date) and the eligibility verdict: a dependent
 * child and at least minProblems headlines, those evidenced only through absent parents
 * counting at most absentParentMaxProblems together.
 */
export function evaluateEligibility(members: readonly FamilyMember[], plan: Plan, ref: string): EligibilityResult {
  const notes: string[] = [];
  const problems = evaluateHeadlines(members, plan, ref, notes);
  const role = new Map(members.map((m) => [m.personId, m.role]));
  const absentOnly = problems
    .filter((p) => p.indicators.every((i) => i.result.persons.every((id) => role.get(id) === 'ABSENT_PARENT')))
    .map((p) => p.headline);
  const counted = problems.length - absentOnly.length + Math.min(absentOnly.length, plan.eligibility.absentParentMaxProblems);
  const dc = plan.eligibility.dependentChild;
  const children = members.filter((m) => m.role === 'CHILD');
  const ages = children.map((m) => ageOf(m, ref));
  const expectant = dc.orExpectantParentIndicators
    ? members.some((m) => rowsOf(m, 'local_indicators').some((r) => dc.orExpectantParentIndicators!.includes(str(r.indicator) ?? '') && openAt(r, ref)))
    : false;
  const inEducation = (m: FamilyMember): boolean => {
    const terms = lastTermsEndingBy(plan, ref, 3).map((t) => t.ordinal);
    return rowsOf(m, 'education_attendance').some((r) => terms.includes(termOfRow(plan, r)?.ordinal ?? -1) && Number(r.sessions_possible) > 0);
  };
  const hasDependentChild = !dc.required || expectant || children.some((m, i) => {
    const a = ages[i];
    if (a === null || a < dc.minAge) return false;
    return a <= dc.maxAge || (dc.inEducationMaxAge !== undefined && a <= dc.inEducationMaxAge && inEducation(m));
  });
  const reasons: string[] = [];
  if (!hasDependentChild) {
    const noDob = ages.filter((a) => a === null).length;
    const orExpectant = dc.orExpectantParentIndicators ? ` and no ${dc.orExpectantParentIndicators.join('/')} indicator open at attachment` : '';
    reasons.push(children.length === 0 ? `no dependent child: the family has no member with role CHILD${orExpectant}`
      : `no dependent child aged ${dc.minAge}-${dc.maxAge}${dc.inEducationMaxAge !== undefined ? ` (or up to ${dc.inEducationMaxAge} in full-time education)` : ''} at attachment${noDob ? ` (${noDob} child${noDob > 1 ? 'ren have' : ' has'} no date of birth in any linked record)` : ''}${orExpectant}`);
  }
  if (counted < plan.eligibility.minProblems) {
    reasons.push(`too few problems: ${counted} counted at attachment${absentOnly.length > 1 ? ` (${absentOnly.length} only through an absent parent count as ${Math.min(absentOnly.length, plan.eligibility.absentParentMaxProblems)})` : ''}, ${plan.eligibility.minProblems} needed`);
  }
  if (reasons.length > 0) reasons.push(...notes);
  return { eligible: hasDependentChild && counted >= plan.eligibility.minProblems, problems, absentOnly, counted, hasDependentChild, reasons };
}

/** Every headline with at least one indicator met at `ref`. */
export function evaluateHeadlines(members: readonly FamilyMember[], plan: Plan, ref: string, notes: string[] = []): HeadlineEvidence[] {
  const out: HeadlineEvidence[] = [];
  for (const [headline, h] of Object.entries(plan.headlines)) {
    const all = h.indicators.map((ind) => ({ id: ind.id, result: evaluateIndicator(ind, members, plan, ref) }));
    for (const i of all) for (const n of i.result.notes) if (!notes.includes(n)) notes.push(n);
    const indicators = all.filter((i) => i.result.met);
    if (indicators.length > 0) out.push({ headline, indicators });
  }
  return out;
}
