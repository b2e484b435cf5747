import type { Indicator, Plan } from '../../config/plan.ts';
import { addMonths } from '../../shared/dates.ts';
import type { CanonicalRow, SourceName } from '../../shared/extracts.ts';
import type { FamilyMember } from '../families/types.ts';
import { lastTermsEndingBy, termOfRow } from './school-terms.ts';
import { ageOf, codeOf, eventDate, inScope, openAt, overlaps, rowsOf, str } from './select-rows.ts';
import type { IndicatorResult, RowUse } from './types.ts';

/** Does one eligibility indicator find evidence with its look-back ending at `ref`? */
export function evaluateIndicator(ind: Indicator, members: readonly FamilyMember[], plan: Plan, ref: string): IndicatorResult {
  // No closures made per member or row: tsx (keepNames) names each closure as it is made, which
  // cost a county's evaluate workers some 4 s each in this function alone.
  const uses: RowUse[] = [];
  const persons: string[] = [];
  const notes = new Set<string>();
  for (const member of members) {
    if (!inScope(member, ind.members)) continue;
    let qualifying: CanonicalRow[] = [];
    if (ind.kind === 'events') {
      const from = ind.lookbackMonths !== undefined ? addMonths(ref, -ind.lookbackMonths) : null;
      const terms = ind.withinTerms !== undefined ? lastTermsEndingBy(plan, ref, ind.withinTerms) : null;
      for (const row of rowsOf(member, ind.source)) {
        const d = eventDate(ind.source, row);
        if (d === null || d > ref || !matchesEvent(ind, row)) continue;
        if (from !== null && d < from) continue;
        if (terms !== null && !inSomeTerm(terms, d)) continue;
        if (ind.ageOnEvent) {
          const age = ageOf(member, d);
          if (age === null) { notes.add(`a ${roleWord(member)} has no date of birth in any linked record, so their ${ind.id} events cannot count`); continue; }
          if (age < ind.ageOnEvent.min || age > ind.ageOnEvent.max) continue;
        }
        qualifying.push(row);
      }
      if (qualifying.length < ind.minCount) qualifying = [];
    } else if (ind.kind === 'attendance') {
      qualifying = attendanceEvidence(ind, member, plan, ref);
    } else {
      const from = ind.lookbackMonths !== undefined ? addMonths(ref, -ind.lookbackMonths) : ref;
      for (const row of rowsOf(member, ind.source)) {
        const start = str(row.start_date);
        if (!ind.codes.includes(codeOf(ind.source, row)) || start === null || start > ref) continue;
        const hit = ind.test === 'openAt' ? openAt(row, ref)
          : ind.test === 'overlapsLookback' ? overlaps(row, from, ref)
          : openAt(row, ref) || (start >= from);
        if (hit) qualifying.push(row);
      }
      if (qualifying.length > 0 && ind.ageAtDate) {
        const age = ageOf(member, ref);
        if (age === null) notes.add(`a ${roleWord(member)} has no date of birth in any linked record, so their ${ind.id} spells cannot count`);
        if (age === null || age < ind.ageAtDate.min || age > ind.ageAtDate.max) qualifying = [];
      }
    }
    if (qualifying.length > 0) {
      persons.push(member.personId);
      const source = ind.kind === 'attendance' ? 'education_attendance' : ind.source;
      for (const row of qualifying) uses.push({ member, source, row });
    }
  }
  return { met: persons.length > 0, uses, persons, notes: [...notes] };
}

function inSomeTerm(terms: readonly { readonly start: string; readonly end: string }[], d: string): boolean {
  for (const t of terms) if (t.start <= d && d <= t.end) return true;
  return false;
}

/** An attendance indicator's qualifying rows for one member: those of the last terms ending by `ref` that meet its absence threshold. */
function attendanceEvidence(ind: Extract<Indicator, { kind: 'attendance' }>, member: FamilyMember, plan: Plan, ref: string): CanonicalRow[] {
  const terms = lastTermsEndingBy(plan, ref, ind.terms);
  const ordinals = terms.map((t) => t.ordinal);
  const rows: CanonicalRow[] = [];
  const seen = new Set<number>();
  for (const row of rowsOf(member, 'education_attendance')) {
    const term = termOfRow(plan, row);
    if (term === null || !ordinals.includes(term.ordinal) || term.end > ref || !(Number(row.sessions_possible) > 0)) continue;
    rows.push(row);
    seen.add(term.ordinal);
  }
  const absentOf = (row: CanonicalRow) => Number(row.sessions_unauthorised) + (ind.measure === 'overall' ? Number(row.sessions_authorised) : 0);
  // The older threshold applies when the last of the terms ended before its date (15% before September 2015).
  const minPct = ind.earlier && terms.at(-1)!.end < ind.earlier.before ? ind.earlier.minPct : ind.minPct;
  // Too few terms of data to read a 3-term rate: not evidence either way.
  if (ind.everyTerm && ordinals.some((o) => !seen.has(o))) return [];
  if (ind.combine === 'together') {
    let possible = 0, absent = 0;
    for (const r of rows) { possible += Number(r.sessions_possible); absent += absentOf(r); }
    return possible > 0 && absent * 100 >= minPct * possible ? rows : [];
  }
  const out: CanonicalRow[] = [];
  for (const row of rows) if (absentOf(row) * 100 >= minPct * Number(row.sessions_possible)) out.push(row);
  return out;
}

/** Type, role and outcome filters of an event rule (eligibility or outcome). */
export function matchesEvent(f: { readonly source: SourceName; readonly types: readonly string[]; readonly roles?: readonly string[] | undefined; readonly outcomes?: readonly string[] | undefined }, row: CanonicalRow): boolean {
  if (!f.types.includes(codeOf(f.source, row))) return false;
  if (f.roles && !f.roles.includes(str(row.role) ?? '')) return false;
  if (f.outcomes && !f.outcomes.includes(str(row.outcome) ?? '')) return false;
  return true;
}

function roleWord(m: FamilyMember): string {
  return m.role === 'CHILD' ? 'child' : m.role === 'ABSENT_PARENT' ? 'absent parent' : 'adult';
}
