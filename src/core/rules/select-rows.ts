import { addDays, addMonths, ageOn } from '../../shared/dates.ts';
import type { CanonicalRow, SourceName } from '../../shared/extracts.ts';
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

/** The field holding the code a spell or event rule filters on, per source. */
export const CODE_FIELD: Partial<Record<SourceName, string>> = {
  police_events: 'event_type', education_exclusions: 'category', education_status: 'status',
  social_care_episodes: 'episode_type', dwp_benefits: 'benefit', local_indicators: 'indicator',
};

export const DATE_FIELD: Partial<Record<SourceName, string>> = { police_events: 'event_date' };

export function eventDate(source: SourceName, row: CanonicalRow): string | null {
  return str(row[DATE_FIELD[source] ?? 'start_date']);
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
