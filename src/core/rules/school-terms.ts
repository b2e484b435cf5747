import type { Plan } from '../../config/plan.ts';
import type { CanonicalRow } from '../../shared/extracts.ts';

export interface SchoolTerm {
  /** Consecutive terms have consecutive ordinals (autumn 2023 → spring 2024 → summer 2024). */
  readonly ordinal: number;
  readonly start: string;
  readonly end: string;
}

const ORDER = ['AUTUMN', 'SPRING', 'SUMMER'] as const;

export function schoolTerm(plan: Plan, ordinal: number): SchoolTerm {
  const year = Math.floor(ordinal / 3), idx = ordinal - year * 3;
  const name = ORDER[idx]!;
  const calendarYear = idx === 0 ? year : year + 1;
  const dates = plan.terms[name];
  return { ordinal, start: `${calendarYear}-${dates.start}`, end: `${calendarYear}-${dates.end}` };
}

/** The term of an attendance row (`academic_year` 2023/24, `term` SPRING), or null if unreadable. */
export function termOfRow(plan: Plan, row: CanonicalRow): SchoolTerm | null {
  const ordinal = termOrdinal(row.academic_year, row.term);
  return ordinal === null ? null : schoolTerm(plan, ordinal);
}

/** The ordinal of a row's school term (academic year × 3 + term), whatever the plan's calendar; null when it names none. */
export function termOrdinal(academicYear: unknown, term: unknown): number | null {
  const year = Number(String(academicYear ?? '').slice(0, 4));
  const idx = ORDER.indexOf(String(term) as (typeof ORDER)[number]);
  return !Number.isInteger(year) || year < 1900 || idx < 0 ? null : year * 3 + idx;
}

/** The last `n` terms of the calendar that end on or before `d`, oldest first. */
export function lastTermsEndingBy(plan: Plan, d: string, n: number): SchoolTerm[] {
  let ord = (Number(d.slice(0, 4)) + 1) * 3 + 2;
  while (schoolTerm(plan, ord).end > d) ord--;
  return Array.from({ length: n }, (_, i) => schoolTerm(plan, ord - n + 1 + i));
}

export function schoolTermEnd(plan: Plan, row: CanonicalRow): string | null {
  return termOfRow(plan, row)?.end ?? null;
}
