import type { Plan } from '../../config/plan.ts';
import { ageOn } from '../../shared/dates.ts';
import { evaluateEligibility } from '../rules/evaluate-eligibility.ts';
import { explainRow } from '../rules/explain-row.ts';
import { str } from '../rules/select-rows.ts';
import type { FamilyMember, Household, IdentifiedHousehold, MemberRole, PersonFacts } from './types.ts';

/**
 * Households not on the programme that would be eligible if attached on the claim date, ranked
 * by number of problems (most first), then most recent evidence. With no roles in the data,
 * people of dependent-child age are children and everyone else a parent/carer.
 */
export function evaluateIdentification(households: readonly Household[], plan: Plan, claimDate: string): IdentifiedHousehold[] {
  const out: IdentifiedHousehold[] = [];
  for (const h of households) {
    const members: FamilyMember[] = h.people.map((facts) => ({ personId: facts.personId, personRef: null, facts, role: roleOf(facts, plan, claimDate) }));
    const elig = evaluateEligibility(members, plan, claimDate);
    if (!elig.eligible) continue;
    let latest: string | null = null;
    for (const p of elig.problems) for (const i of p.indicators) for (const use of i.result.uses) {
      const d = explainRow(use, plan, h.householdId, p.headline, i.id, 'eligibility').recordDate;
      if (d !== null && d <= claimDate && (latest === null || d > latest)) latest = d;
    }
    out.push({
      householdId: h.householdId, basis: h.basis, members: members.length,
      children: members.filter((m) => m.role === 'CHILD').length,
      problems: elig.problems.map((p) => p.headline), personIds: members.map((m) => m.personId), latestEvidence: latest,
    });
  }
  return out.sort(compareIdentified);
}

/** A person's role in a household: of dependent-child age on the claim date (to the oldest age the plan allows), a child. */
function roleOf(facts: PersonFacts, plan: Plan, claimDate: string): MemberRole {
  const maxChildAge = plan.eligibility.dependentChild.inEducationMaxAge ?? plan.eligibility.dependentChild.maxAge;
  return facts.dob !== null && ageOn(facts.dob, claimDate) <= maxChildAge ? 'CHILD' : 'PARENT_CARER';
}

/**
 * Whether a household with this person in it could be identified because of them: eligibility
 * needs a dependent child (when the plan requires one), which in a household is a member of
 * child age or, where the plan allows it, one with an expectant-parent indicator. A household
 * none of whose members passes is never eligible, so its rows need not be read (most people not
 * on the programme are adults on their own). A necessary condition only: open dates, the child's
 * minimum age and education are left to `evaluateEligibility`.
 */
export function couldMakeHouseholdEligible(facts: PersonFacts, plan: Plan, claimDate: string): boolean {
  const dc = plan.eligibility.dependentChild;
  if (!dc.required || roleOf(facts, plan, claimDate) === 'CHILD') return true;
  const expectant = dc.orExpectantParentIndicators;
  return expectant !== undefined && (facts.rows.local_indicators ?? []).some((r) => expectant.includes(str(r.indicator) ?? ''));
}

/** Most problems first, then most recent evidence, then household id. */
export function compareIdentified(x: IdentifiedHousehold, y: IdentifiedHousehold): number {
  return y.problems.length - x.problems.length
    || (y.latestEvidence ?? '').localeCompare(x.latestEvidence ?? '')
    || (x.householdId < y.householdId ? -1 : x.householdId > y.householdId ? 1 : 0);
}
