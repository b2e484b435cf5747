/** Hand-built families for rule tests: rows get distinct lines so evidence can be traced. */
import type { CanonicalRow, CanonicalValue, SourceName } from '../../src/shared/extracts.ts';
import type { FamilyInput, FamilyMember, MemberRole } from '../../src/core/families/types.ts';
import { readPlan } from '../../src/io/read-plan.ts';
import type { Plan } from '../../src/config/plan.ts';

/** tf-phase2 as shipped (attachments 2015-04-01 to 2021-03-31). */
export const tfPhase2AsShipped = readPlan('tf-phase2').plan;
/**
 * tf-phase2 with its period left open, so the rule cases keep readable recent dates; the
 * plan-period gate itself is tested with `tfPhase2AsShipped`.
 */
export const tfPhase2: Plan = Object.freeze({ ...tfPhase2AsShipped, effectiveTo: undefined });

let nextLine = 2;
/** A canonical row of `source`; its line is unique across the test file. */
export function row(fields: Record<string, CanonicalValue>, fileId = 1): CanonicalRow {
  const line = nextLine++;
  return { row_id: line, file_id: fileId, line, ...fields };
}

type Rows = { [S in SourceName]?: CanonicalRow[] };

export function member(personId: string, role: MemberRole, dob: string | null, rows: Rows = {}): FamilyMember {
  return { personId, personRef: `R-${personId}`, role, facts: { personId, dob, sex: null, rows } };
}

export function family(attachmentDate: string, ...members: FamilyMember[]): FamilyInput {
  return { familyRef: 'F1', attachmentDate, members };
}

// Row shorthands (codes upper-case, dates ISO, as the store hands them over).
export const offence = (date: string, outcome = 'PROVEN', role = 'OFFENDER') =>
  row({ event_id: `E${nextLine}`, event_type: 'OFFENCE', event_date: date, role, outcome });
export const asb = (date: string, role = 'SUBJECT') => row({ event_id: `E${nextLine}`, event_type: 'ASB', event_date: date, role, outcome: null });
export const da = (date: string, role = 'VICTIM') => row({ event_id: `E${nextLine}`, event_type: 'DOMESTIC_ABUSE', event_date: date, role, outcome: null });
export const benefit = (code: string, start: string, end: string | null = null) => row({ benefit: code, start_date: start, end_date: end });
export const job = (start: string, end: string | null = null) => row({ source: 'RTI', start_date: start, end_date: end });
export const indicator = (code: string, start: string, end: string | null = null) => row({ indicator: code, start_date: start, end_date: end, value: null });
export const episode = (type: string, start: string, end: string | null = null) => row({ episode_id: `EP${nextLine}`, episode_type: type, start_date: start, end_date: end, reason: null });
export const status = (code: string, start: string, end: string | null = null) => row({ status: code, start_date: start, end_date: end });
export const exclusion = (category: string, start: string) => row({ category, start_date: start, sessions: 2, reason: null, school_urn: null });
export const attendance = (academicYear: string, term: string, possible: number, unauthorised: number, authorised = 0) =>
  row({ academic_year: academicYear, term, sessions_possible: possible, sessions_authorised: authorised, sessions_unauthorised: unauthorised, school_urn: null });
