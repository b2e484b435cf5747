import type { Plan } from '../../config/plan.ts';
import type { FamilyMember } from '../families/types.ts';
import { evaluateHeadlines } from './evaluate-eligibility.ts';
import { recordDateOf } from './explain-row.ts';
import type { HeadlineEvidence } from './types.ts';

/**
 * Headlines not evidenced at A whose eligibility test, with the look-back ending at C, finds
 * evidence dated after A (event date, spell start or term end in (A, C]). An indicator whose
 * evidence is a set (three suspensions) counts when any of its rows is dated after A.
 */
export function evaluateAcquired(members: readonly FamilyMember[], plan: Plan, a: string, c: string, atA: readonly string[]): HeadlineEvidence[] {
  if (c <= a) return [];
  const out: HeadlineEvidence[] = [];
  for (const h of evaluateHeadlines(members, plan, c)) {
    if (atA.includes(h.headline)) continue;
    const indicators = h.indicators.filter((i) => i.result.uses.some((u) => (recordDateOf(plan, u.source, u.row) ?? '') > a));
    if (indicators.length > 0) out.push({ headline: h.headline, indicators });
  }
  return out;
}
