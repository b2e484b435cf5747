import type { Plan } from '../../config/plan.ts';
import { addMonths } from '../../shared/dates.ts';
import type { SourceName } from '../../shared/extracts.ts';
import type { UnmetOutcome } from '../../shared/verdict.ts';
import type { FamilyInput } from '../families/types.ts';
/**
 * Why an eligible family cannot be claimed at C whatever its outcomes: attached outside the
 * plan's period, too early (every outcome's "after" window must lie wholly after attachment),
 * attached a second time under another family ref, or the plan's practice conditions unmet.
 */
export function evaluateGates(family: FamilyInput, plan: Plan, c: string, attachedEarlierAs?: { readonly familyRef: string; readonly attachmentDate: string }): UnmetOutcome[] {
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
  if (attachedEarlierAs) {
    const e = attachedEarlierAs;
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
export function staleReason(sources: readonly SourceName[], plan: Plan, c: string, coverage?: ReadonlyMap<SourceName, string>): string | null {
  if (!coverage) return null;
  const lag = plan.dataLagMonths as Partial<Record<SourceName, number>>;
  for (const s of sources) {
    const end = coverage.get(s);
    const needed = addMonths(c, -(lag[s] ?? 0));
    if (end !== undefined && end < needed) return `the ${s} extract covers to ${end}; this outcome needs data to ${needed}`;
  }
  return null;
}
