import type { Plan } from '../../config/plan.ts';
import { toDayNumber } from '../../shared/dates.ts';
import type { CanonicalRow } from '../../shared/extracts.ts';
import type { FamilyMember } from '../families/types.ts';
import { openAt, rowsOf, str } from './select-rows.ts';
import type { RowUse } from './types.ts';

export interface ContinuousEmploymentResult {
  readonly met: boolean;
  /** Route id of the adult who met it, or of the first adult assessed. */
  readonly routeId: string | null;
  readonly reason: string | null;
  readonly uses: readonly RowUse[];
}

/**
 * An adult who had an out-of-work benefit open at A was employed in enough of the last N weeks
 * before C. Week k is [C − 7k + 1, C − 7k + 7]; it counts when it lies wholly after A,
 * employment spells cover all 7 days and no out-of-work benefit spell of that adult touches any of them.
 */
export function evaluateContinuousEmployment(members: readonly FamilyMember[], plan: Plan, a: string, c: string): ContinuousEmploymentResult {
  const ce = plan.continuousEmployment;
  if (!ce) return { met: false, routeId: null, reason: 'the plan has no continuous-employment route', uses: [] };
  const results: { routeId: string; weeks: number; needed: number; window: number; uses: RowUse[] }[] = [];
  for (const member of members) {
    if (member.role === 'CHILD') continue;
    const benefits = rowsOf(member, 'dwp_benefits').filter((r) => ce.outOfWorkBenefits.includes(str(r.benefit) ?? ''));
    const atA = benefits.filter((r) => openAt(r, a));
    if (atA.length === 0) continue;
    const codes = atA.map((r) => str(r.benefit)!);
    const route = ce.routes.find((r) => !r.ifBenefitAtAttachment || r.ifBenefitAtAttachment.some((b) => codes.includes(b)));
    if (!route) continue;
    const jobs = rowsOf(member, 'dwp_employment')
      .filter((r) => !ce.employmentSources || ce.employmentSources.includes(str(r.source) ?? ''));
    // Day numbers, not ISO strings: this loop runs 7 × 30 times per adult per claim date.
    const cDay = toDayNumber(c), aDay = toDayNumber(a);
    const benefitDays = benefits.map(daySpan), jobDays = jobs.map((r) => ({ row: r, ...daySpan(r) }));
    const used = new Set<CanonicalRow>();
    let weeks = 0;
    for (let k = 1; k <= route.windowWeeks; k++) {
      const from = cDay - 7 * k + 1, to = cDay - 7 * k + 7;
      // Only weeks wholly after attachment count: work before it is not an outcome of the programme.
      if (from <= aDay) break;
      if (benefitDays.some((b) => b.start <= to && b.end >= from)) continue;
      const covering = jobDays.filter((j) => j.start <= to && j.end >= from);
      let all = true;
      for (let d = from; d <= to && all; d++) all = covering.some((j) => j.start <= d && j.end >= d);
      if (!all) continue;
      weeks++;
      for (const j of covering) used.add(j.row);
    }
    const uses: RowUse[] = [
      ...atA.map((row) => ({ member, source: 'dwp_benefits' as const, row })),
      ...[...used].map((row) => ({ member, source: 'dwp_employment' as const, row })),
    ];
    results.push({ routeId: route.id, weeks, needed: route.weeksRequired, window: route.windowWeeks, uses });
  }
  if (results.length === 0) return { met: false, routeId: null, reason: 'no adult had an out-of-work benefit open at attachment', uses: [] };
  const winner = results.find((r) => r.weeks >= r.needed);
  if (winner) return { met: true, routeId: winner.routeId, reason: null, uses: winner.uses };
  return {
    met: false, routeId: results[0]!.routeId, uses: results.flatMap((r) => r.uses),
    reason: results.map((r, i) => `adult ${i + 1}: employed ${r.weeks} of the last ${r.window} weeks without an out-of-work benefit (${r.needed} needed)`).join('; '),
  };
}

/** A spell as day numbers; an open end is +∞, a missing start never matches. */
function daySpan(r: CanonicalRow): { start: number; end: number } {
  const s = str(r.start_date), e = str(r.end_date);
  return { start: s === null ? Infinity : toDayNumber(s), end: e === null ? Infinity : toDayNumber(e) };
}
