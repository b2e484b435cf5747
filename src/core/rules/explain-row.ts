import type { CanonicalRow, SourceName } from '../../shared/extracts.ts';
import type { EvidenceFact } from '../../shared/verdict.ts';
import { schoolTermEnd } from './school-terms.ts';
import type { Plan } from '../../config/plan.ts';
import type { RowUse } from './types.ts';

/** The fields a rule reads from each source, in the fixed order evidence shows them. */
const FIELDS: Record<SourceName, readonly string[]> = {
  education_attendance: ['academic_year', 'term', 'sessions_possible', 'sessions_authorised', 'sessions_unauthorised'],
  education_exclusions: ['category', 'start_date', 'sessions'],
  education_status: ['status', 'start_date', 'end_date'],
  social_care_episodes: ['episode_id', 'episode_type', 'start_date', 'end_date'],
  early_help_families: ['role', 'attachment_date', 'assessment_date', 'plan_date', 'closure_date'],
  dwp_benefits: ['benefit', 'start_date', 'end_date'],
  dwp_employment: ['source', 'start_date', 'end_date'],
  police_events: ['event_id', 'event_type', 'event_date', 'role', 'outcome'],
  local_indicators: ['indicator', 'start_date', 'end_date', 'value'],
};

/** One evidence fact for a row a rule node used. */
export function explainRow(use: RowUse, plan: Plan, familyRef: string, headline: EvidenceFact['headline'], ruleId: string, purpose: EvidenceFact['purpose']): EvidenceFact {
  const { row, source, member } = use;
  return {
    familyRef, personRef: member.personRef, personId: member.personId, headline, ruleId, purpose, source,
    fileId: row.file_id, line: row.line, recordDate: recordDateOf(plan, source, row),
    values: FIELDS[source].map((f) => `${f}=${row[f] ?? ''}`).join('; '),
  };
}

/** The row's own date: event date, spell start, or the end of the attendance term. */
export function recordDateOf(plan: Plan, source: SourceName, row: CanonicalRow): string | null {
  const v = source === 'police_events' ? row.event_date
    : source === 'early_help_families' ? row.attachment_date
    : source === 'education_attendance' ? schoolTermEnd(plan, row)
    : row.start_date;
  return typeof v === 'string' ? v : null;
}
