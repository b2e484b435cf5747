import { addDays, addMonths, ageOn } from '../../shared/dates.ts';
import { SOURCES, type CanonicalRow, type SourceName } from '../../shared/extracts.ts';
import type { FamilyMember } from '../families/types.ts';
import type { WindowSpec } from '../../config/plan.ts';

export type MemberScope = 'child' | 'adult' | 'any';

export function inScope(member: FamilyMember, scope: MemberScope): boolean {
  return scope === 'any' || (scope === 'child') === (member.role === 'CHILD');
}

export function rowsOf(member: FamilyMember, source: SourceName): readonly CanonicalRow[] {
  return member.facts.rows[source] ?? [];
}

/** Age on a date, or null when no linked record gives a dob. */
export function ageOf(member: FamilyMember, on: string): number | null {
  return member.facts.dob ? ageOn(member.facts.dob, on) : null;
}

export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The code a spell or event rule filters a row on: the value of its source's `rules.codeField` ('' when blank). */
export function codeOf(source: SourceName, row: CanonicalRow): string {
  return str(row[SOURCES[source].codeField!.name]) ?? '';
}

/** An event's date: its source's `dateField`. */
export function eventDate(source: SourceName, row: CanonicalRow): string | null {
  return str(row[SOURCES[source].dateField ?? 'start_date']);
}

/** Start ≤ d and (end blank or end ≥ d). */
export function openAt(row: CanonicalRow, d: string): boolean {
  const s = str(row.start_date), e = str(row.end_date);
  return s !== null && s <= d && (e === null || e >= d);
}

/** The spell shares at least one day with [from, to]. */
export function overlaps(row: CanonicalRow, from: string, to: string): boolean {
  const s = str(row.start_date), e = str(row.end_date);
  return s !== null && s <= to && (e === null || e >= from);
}

/** The first day of the window [C − length, C]. */
export function windowStart(c: string, w: WindowSpec): string {
  return addDays(addMonths(c, -(w.months ?? 0)), -(w.days ?? 0));
}
