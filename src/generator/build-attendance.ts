/**
 * A pupil's termly attendance rows across the span: school years where the child's age on
 * 1 September is 4 (reception) to 15 (year 11). `kind` decides each term: 'good' keeps overall
 * attendance at or above 91%, 'bad' has unauthorised absence well over 10%, 'skip' writes nothing (data not received).
 */
import { ageOn } from '../shared/dates.ts';
import type { Random } from '../shared/random.ts';
import type { Span, TermInfo } from './build-span.ts';
import { between } from './pick-weighted.ts';
import type { Fact, Person } from './types.ts';

export type TermKind = 'good' | 'bad' | 'skip';

const POSSIBLE: Record<TermInfo['term'], readonly [number, number]> = {
  autumn: [140, 150], spring: [108, 122], summer: [124, 140],
};

export function inSchool(dob: string, t: TermInfo): boolean {
  const age = ageOn(dob, `${t.academicYear.slice(0, 4)}-09-01`);
  return age >= 4 && age <= 15;
}

/** `fromIndex`: the first term the LA asked the schools for (the cohort's look-back). */
export function buildAttendance(rng: Random, span: Span, child: Person, kindOf: (t: TermInfo) => TermKind, fromIndex = 0): Fact[] {
  const primary = String(between(rng, 100_000, 139_999)), secondary = String(between(rng, 140_000, 149_999));
  const out: Fact[] = [];
  for (const t of span.terms) {
    if (t.index < fromIndex || !inSchool(child.dob, t)) continue;
    const kind = kindOf(t);
    if (kind === 'skip') continue;
    const possible = 2 * Math.floor(between(rng, POSSIBLE[t.term][0], POSSIBLE[t.term][1]) / 2);
    const unauthorised = kind === 'bad'
      ? Math.ceil(possible * between(rng, 12, 35) / 100)
      : Math.floor(possible * between(rng, 0, 4) / 100);
    // A good term stays at or above 90% overall attendance (unauthorised + authorised absence at most 9%).
    const authorised = Math.round(possible * between(rng, 1, 5) / 100);
    const secondaryAge = ageOn(child.dob, `${t.academicYear.slice(0, 4)}-09-01`) >= 11;
    out.push({
      source: 'education_attendance', personId: child.id,
      f: {
        school_urn: rng.next() < 0.05 ? '' : secondaryAge ? secondary : primary,
        academic_year: t.academicYear, term: t.term.toUpperCase(),
        sessions_possible: String(possible), sessions_authorised: String(authorised), sessions_unauthorised: String(unauthorised),
      },
    });
  }
  return out;
}
