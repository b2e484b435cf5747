import type { Measure, Plan } from '../../config/plan.ts';
import { addMonths } from '../../shared/dates.ts';
import type { FamilyMember } from '../families/types.ts';
import { evaluateAttendanceTerms } from './evaluate-attendance-terms.ts';
import { matchesEvent } from './evaluate-indicator.ts';
import { ageOf, codeOf, eventDate, inScope, openAt, overlaps, rowsOf, str, windowStart } from './select-rows.ts';
import type { MeasureResult, RowUse } from './types.ts';

/** Context of one headline's outcome: who evidenced it (for measures about "the adult who had…"). */
export interface MeasureContext {
  readonly members: readonly FamilyMember[];
  readonly plan: Plan;
  readonly a: string;
  readonly c: string;
  /** Persons whose rows evidenced the headline, by indicator source. */
  readonly evidencedBy: ReadonlySet<string>;
}

/** One outcome measure at the claim date C against attachment A. */
export function evaluateMeasure(m: Measure, ctx: MeasureContext): MeasureResult {
  const { members, a, c } = ctx;
  switch (m.kind) {
    case 'attendanceTerms': return evaluateAttendanceTerms(m, members, ctx.plan, a, c);
    case 'reduction': {
      const count = (from: string, to: string, uses: RowUse[]) => {
        for (const member of members) {
          if (!inScope(member, m.members)) continue;
          for (const row of rowsOf(member, m.source)) {
            const d = eventDate(m.source, row);
            if (d === null || d < from || d > to || !matchesEvent(m, row)) continue;
            if (m.ageOnEvent) {
              const age = ageOf(member, d);
              if (age === null || age < m.ageOnEvent.min || age > m.ageOnEvent.max) continue;
            }
            uses.push({ member, source: m.source, row });
          }
        }
      };
      const base: RowUse[] = [], follow: RowUse[] = [];
      count(addMonths(a, -m.windowMonths), a, base);
      count(addMonths(c, -m.windowMonths), c, follow);
      const uses = [...base, ...follow];
      if (follow.length * 100 <= base.length * (100 - m.reductionPct)) return { status: 'met', reason: null, uses };
      return {
        status: 'threshold-missed', uses,
        reason: base.length === 0
          ? `${follow.length} ${m.types.join('/')} events in the ${m.windowMonths} months before the claim date against none before attachment (a zero baseline needs zero)`
          : `${follow.length} ${m.types.join('/')} events in the ${m.windowMonths} months before the claim date against ${base.length} before attachment: not down by ${m.reductionPct}%`,
      };
    }
    case 'noEvents': {
      const from = windowStart(c, m.window);
      const uses: RowUse[] = [];
      for (const member of members) {
        if (!inScope(member, m.members)) continue;
        for (const row of rowsOf(member, m.source)) {
          const d = eventDate(m.source, row);
          if (d !== null && d >= from && d <= c && matchesEvent(m, row)) uses.push({ member, source: m.source, row });
        }
      }
      return uses.length === 0 ? { status: 'met', reason: null, uses }
        : { status: 'threshold-missed', uses, reason: `${uses.length} ${m.types.join('/')} events ${describeWindow(m.window)} before the claim date` };
    }
    case 'spellsClosed': {
      const uses: RowUse[] = [];
      const problems: string[] = [];
      const closedBy = m.closedBy ? windowStart(c, m.closedBy) : null;
      const startedFrom = m.noneStartedWithin ? windowStart(c, m.noneStartedWithin) : null;
      const overlapFrom = m.noneOverlapping ? windowStart(c, m.noneOverlapping) : null;
      for (const member of members) {
        if (!inScope(member, m.members)) continue;
        for (const row of rowsOf(member, m.source)) {
          const start = str(row.start_date), end = str(row.end_date);
          if (start === null || start > c || !m.codes.includes(codeOf(m.source, row))) continue;
          if (m.onlyStartedSinceAttachment && start <= a) continue;
          const relevant = openAt(row, a) || start > a;
          const fails: string[] = [];
          if (m.notOpenAtClaim && openAt(row, c)) fails.push('open at the claim date');
          if (startedFrom !== null && start >= startedFrom) fails.push(`started ${describeWindow(m.noneStartedWithin!)} before the claim date`);
          if (overlapFrom !== null && overlaps(row, overlapFrom, c)) fails.push(`open ${describeWindow(m.noneOverlapping!)} before the claim date`);
          if (m.noneStartedSinceAttachment && start > a) fails.push('started since attachment');
          if (closedBy !== null && relevant && (end === null || end > closedBy)) fails.push(m.closedBy!.months || m.closedBy!.days ? `not closed at least ${describeLength(m.closedBy!)} before the claim date` : 'not closed by the claim date');
          if (relevant || fails.length > 0) uses.push({ member, source: m.source, row });
          for (const f of fails) if (!problems.includes(f)) problems.push(f);
        }
      }
      return problems.length === 0 ? { status: 'met', reason: null, uses }
        : { status: 'threshold-missed', uses, reason: `a ${m.codes.join('/')} spell ${m.onlyStartedSinceAttachment ? 'started since attachment, ' : ''}${problems.join('; ')}` };
    }
    case 'offBenefit': {
      const from = windowStart(c, m.window);
      const uses: RowUse[] = [];
      let candidates = 0, off = 0, offNoWork = 0;
      for (const member of members) {
        if (member.role === 'CHILD' || !ctx.evidencedBy.has(member.personId)) continue;
        const spells = rowsOf(member, 'dwp_benefits').filter((r) => m.codes.includes(str(r.benefit) ?? ''));
        // Only an adult whose benefit evidenced the headline: open at A, or (acquired) started after A.
        if (!spells.some((r) => openAt(r, a) || ((str(r.start_date) ?? '') > a && (str(r.start_date) ?? '') <= c))) continue;
        candidates++;
        const during = spells.filter((r) => overlaps(r, from, c));
        for (const row of during.length ? during : spells.filter((r) => openAt(r, a))) uses.push({ member, source: 'dwp_benefits', row });
        if (during.length > 0) continue;
        if (!m.intoWork) { off++; continue; }
        // Moving from one out-of-work benefit to another is not progress: the adult must be in work.
        const jobs = rowsOf(member, 'dwp_employment').filter((r) => (!m.employmentSources || m.employmentSources.includes(str(r.source) ?? ''))
          && (str(r.start_date) ?? '') > a && overlaps(r, from, c));
        for (const row of jobs) uses.push({ member, source: 'dwp_employment', row });
        if (jobs.length > 0) off++; else offNoWork++;
      }
      if (candidates === 0) return { status: 'data-missing', reason: 'no adult with an out-of-work benefit evidenced the headline', uses };
      if (off > 0) return { status: 'met', reason: null, uses };
      return { status: 'threshold-missed', uses, reason: offNoWork > 0
        ? `no adult who was on an out-of-work benefit moved into work: off those benefits ${describeWindow(m.window)} before the claim date, but no employment spell started after attachment and open then`
        : `every adult who was on an out-of-work benefit had one ${describeWindow(m.window)} before the claim date` };
    }
  }
}

type Length = { readonly months?: number | undefined; readonly days?: number | undefined };

function describeLength(w: Length): string {
  return [w.months ? `${w.months} months` : null, w.days ? `${w.days} days` : null].filter(Boolean).join(' and ');
}

function describeWindow(w: Length): string {
  const length = describeLength(w);
  return length ? `in the ${length}` : 'on the day';
}
