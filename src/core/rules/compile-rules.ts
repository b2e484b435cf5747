import type { Indicator, Measure, Plan } from '../../config/plan.ts';

/** One rule node of a plan, as evidence refers to it (`ruleId`) and an auditor reads it. */
export interface RuleNode {
  readonly ruleId: string;
  readonly headline: string;
  readonly purpose: 'eligibility' | 'outcome';
  readonly kind: string;
  /** The rule in words, from its parameters. */
  readonly description: string;
  /** V / P / U, with `unverified` flagged for defaults that must be confirmed. */
  readonly provenance: string;
}

/**
 * Every rule node of the plan in evaluation order: the eligibility indicators and outcome
 * measures of each headline, then the continuous-employment routes. Evidence `ruleId`s are
 * these ids, so the rules sheet explains every evidence row.
 */
export function compileRules(plan: Plan): RuleNode[] {
  const nodes: RuleNode[] = [{ ruleId: 'family.attachment', headline: 'FAMILY', purpose: 'eligibility', kind: 'attachment',
    description: `attached on the earliest early-help attachment date within the plan's period (${plan.effectiveFrom} to ${plan.effectiveTo ?? 'open'}), claimable from ${plan.sustainmentMonths} months after it; eligible with a dependent child aged ${plan.eligibility.dependentChild.minAge}-${plan.eligibility.dependentChild.maxAge}${plan.eligibility.dependentChild.inEducationMaxAge !== undefined ? ` (or up to ${plan.eligibility.dependentChild.inEducationMaxAge} in full-time education)` : ''} and at least ${plan.eligibility.minProblems} headlines (absent-parent-only headlines count at most ${plan.eligibility.absentParentMaxProblems})`,
    provenance: prov(plan.eligibility.provenance) }];
  for (const [headline, h] of Object.entries(plan.headlines)) {
    for (const ind of h.indicators) {
      nodes.push({ ruleId: `eligibility.${headline}.${ind.id}`, headline, purpose: 'eligibility', kind: ind.kind, description: describeIndicator(ind), provenance: prov(ind.provenance ?? h.provenance) });
    }
    for (const m of h.outcome?.measures ?? []) {
      nodes.push({ ruleId: `outcome.${headline}.${m.id}`, headline, purpose: 'outcome', kind: m.kind, description: describeMeasure(m), provenance: prov(m.provenance ?? h.outcome?.provenance) });
    }
  }
  for (const r of plan.continuousEmployment?.routes ?? []) {
    nodes.push({ ruleId: `ce.${r.id}`, headline: 'CE', purpose: 'outcome', kind: 'employmentWeeks',
      description: `an adult on ${r.ifBenefitAtAttachment ? r.ifBenefitAtAttachment.join('/') : 'any out-of-work benefit'} at attachment employed in ${r.weeksRequired} of the last ${r.windowWeeks} weeks with no out-of-work benefit in those weeks`,
      provenance: prov(r.provenance ?? plan.continuousEmployment?.provenance) });
  }
  return nodes;
}

function prov(p: { readonly status: string; readonly unverified?: boolean | undefined; readonly note?: string | undefined } | undefined): string {
  if (!p) return '';
  return `${p.status}${p.unverified ? ' (unverified: confirm before use)' : ''}${p.note ? `: ${p.note}` : ''}`;
}

function who(members: string, age?: { readonly min: number; readonly max: number }): string {
  return `${members === 'any' ? 'a member' : `a ${members}`}${age ? ` aged ${age.min}-${age.max}` : ''}`;
}

function describeIndicator(i: Indicator): string {
  switch (i.kind) {
    case 'events': return `${who(i.members, i.ageOnEvent)} with ${i.minCount > 1 ? `at least ${i.minCount} ` : 'an '}${i.types.join('/')} event${i.roles ? ` as ${i.roles.join('/')}` : ''}${i.outcomes ? ` with outcome ${i.outcomes.join('/')}` : ''} ${i.lookbackMonths !== undefined ? `in the ${i.lookbackMonths} months before` : `within the last ${i.withinTerms} terms ending by`} the date`;
    case 'attendance': return `a child with ${i.measure} absence at or above ${i.minPct}% of possible sessions ${i.combine === 'together' ? `over the last ${i.terms} terms ending by the date taken together` : `in any of the last ${i.terms} terms ending by the date`}${i.earlier ? ` (${i.earlier.minPct}% when those terms ended before ${i.earlier.before})` : ''}`;
    case 'spell': return `${who(i.members, i.ageAtDate)} with a ${i.codes.join('/')} spell ${i.test === 'openAt' ? 'open at the date' : i.test === 'overlapsLookback' ? `open at any time in the ${i.lookbackMonths} months before the date` : `open at the date or starting in the ${i.lookbackMonths} months before it`}`;
  }
}

function describeMeasure(m: Measure): string {
  const w = (x: { readonly months?: number | undefined; readonly days?: number | undefined }) => [x.months ? `${x.months} months` : '', x.days ? `${x.days} days` : ''].filter(Boolean).join(' and ') || 'no time';
  switch (m.kind) {
    case 'reduction': return `${m.types.join('/')} events of ${who(m.members, m.ageOnEvent)} in the ${m.windowMonths} months before the claim date down at least ${m.reductionPct}% on the ${m.windowMonths} months before attachment (zero baseline needs zero)`;
    case 'noEvents': return `no ${m.types.join('/')} event of any ${m.members === 'any' ? 'member' : m.members} in the ${w(m.window)} before the claim date`;
    case 'attendanceTerms': return `every child aged ${m.ageOnClaim.min}-${m.ageOnClaim.max} on the claim date: ${m.minAttendancePct !== undefined ? `${m.measure === 'overall' ? 'overall' : 'unauthorised-only'} attendance at or above ${m.minAttendancePct}%` : `${m.measure} absence below ${m.maxPct}%`} ${m.combine === 'together' ? 'over' : 'in each of'} the latest ${m.terms} consecutive terms with data after attachment${m.combine === 'together' ? ' taken together' : ''}, no ${m.permanentCategories.join('/')} and fewer than ${m.suspensionsBelow} ${m.suspensionCategories.join('/')} in them (no such child: ${m.whenNoChildOfSchoolAge})`;
    case 'spellsClosed': return [`${m.codes.join('/')} spells of ${m.members === 'any' ? 'any member' : `any ${m.members}`}:`,
      m.notOpenAtClaim ? 'none open at the claim date' : '', m.noneStartedWithin ? `none started in the ${w(m.noneStartedWithin)} before it` : '',
      m.closedBy ? `every one open at or started after attachment closed ${w(m.closedBy)} before it` : '', m.noneOverlapping ? `none open in the ${w(m.noneOverlapping)} before it` : '',
      m.noneStartedSinceAttachment ? 'none started since attachment' : '']
      .filter(Boolean).join(' ');
    case 'offBenefit': return `an adult who was on ${m.codes.join('/')} at attachment has none in the ${w(m.window)} before the claim date${m.intoWork ? ' and moved into work (an employment spell started after attachment, open in that window)' : ''}`;
  }
}
