import type { Indicator, Plan } from '../../config/plan.ts';
import { addMonths } from '../../shared/dates.ts';
import type { CanonicalRow, SourceName } from '../../shared/extracts.ts';
import type { FamilyMember } from '../families/types.ts';
import { lastTermsEndingBy, termOfRow } from './school-terms.ts';
import { ageOf, codeOf, eventDate, inScope, openAt, overlaps, rowsOf, str } from './select-rows.ts';
import type { IndicatorResult, RowUse } from './types.ts';

/** Does one eligibility indicator find evidence with its look-back ending at `ref`? */
export function evaluateIndicator(ind: Indicator, members: readonly FamilyMember[], plan: Plan, ref: string): IndicatorResult {
  const uses: RowUse[] = [];
  const persons: string[] = [];
  const notes = new Set<string>();
  const dated = (d: string | null): boolean => d !== null && d <= ref;

  for (const member of members) {
    if (!inScope(member, ind.members)) continue;
    let qualifying: CanonicalRow[] = [];
    if (ind.kind === 'events') {
      const from = ind.lookbackMonths !== undefined ? addMonths(ref, -ind.lookbackMonths) : null;
      const terms = ind.withinTerms !== undefined ? lastTermsEndingBy(plan, ref, ind.withinTerms) : null;
      for (const row of rowsOf(member, ind.source)) {
        const d = eventDate(ind.source, row);
        if (!dated(d) || !matchesEvent(ind, row)) continue;
        if (from !== null && d! < from) continue;
        if (terms !== null && !terms.some((t) => t.start <= d! && d! <= t.end)) continue;
        if (ind.ageOnEvent) {
          const age = ageOf(member, d!);
          if (age === null) { notes.add(`a ${roleWord(member)} has no date of birth in any linked record, so their ${ind.id} events cannot count`); continue; }
          if (age < ind.ageOnEvent.min || age > ind.ageOnEvent.max) continue;
        }
        qualifying.push(row);
      }
      if (qualifying.length < ind.minCount) qualifying = [];
    } else if (ind.kind === 'attendance') {
      const terms = lastTermsEndingBy(plan, ref, ind.terms);
      const ordinals = terms.map((t) => t.ordinal);
      const rows = rowsOf(member, 'education_attendance').filter((row) => {
        const term = termOfRow(plan, row);
        return term !== null && ordinals.includes(term.ordinal) && dated(term.end) && Number(row.sessions_possible) > 0;
      });
      const absentOf = (row: CanonicalRow) => Number(row.sessions_unauthorised) + (ind.measure === 'overall' ? Number(row.sessions_authorised) : 0);
      // The older threshold applies when the last of the terms ended before its date (15% before September 2015).
      const minPct = ind.earlier && terms.at(-1)!.end < ind.earlier.before ? ind.earlier.minPct : ind.minPct;
      const complete = !ind.everyTerm || ordinals.every((o) => rows.some((r) => termOfRow(plan, r)!.ordinal === o));
      if (!complete) {
        // Too few terms of data to read a 3-term rate: not evidence either way.
      } else if (ind.combine === 'together') {
        const possible = rows.reduce((s, r) => s + Number(r.sessions_possible), 0);
        const absent = rows.reduce((s, r) => s + absentOf(r), 0);
        if (possible > 0 && absent * 100 >= minPct * possible) qualifying = rows;
      } else {
        for (const row of rows) if (absentOf(row) * 100 >= minPct * Number(row.sessions_possible)) qualifying.push(row);
      }
    } else {
      const from = ind.lookbackMonths !== undefined ? addMonths(ref, -ind.lookbackMonths) : ref;
      for (const row of rowsOf(member, ind.source)) {
        if (!ind.codes.includes(codeOf(ind.source, row)) || !dated(str(row.start_date))) continue;
        const hit = ind.test === 'openAt' ? openAt(row, ref)
          : ind.test === 'overlapsLookback' ? overlaps(row, from, ref)
          : openAt(row, ref) || (str(row.start_date)! >= from);
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
