import { SOURCES, type CanonicalRow, type SourceName } from '../../shared/extracts.ts';
import type { EvidenceFact } from '../../shared/verdict.ts';
import { schoolTermEnd } from './school-terms.ts';
import type { Plan } from '../../config/plan.ts';
import type { RowUse } from './types.ts';

/** One evidence fact for a row a rule node used. */
export function explainRow(use: RowUse, plan: Plan, familyRef: string, headline: EvidenceFact['headline'], ruleId: string, purpose: EvidenceFact['purpose']): EvidenceFact {
  const { row, source, member } = use;
  return {
    familyRef, personRef: member.personRef, personId: member.personId, headline, ruleId, purpose, source,
    fileId: row.file_id, line: row.line, recordDate: recordDateOf(plan, source, row),
    values: SOURCES[source].evidence.map((f) => `${f}=${row[f] ?? ''}`).join('; '),
  };
}

/** The row's own date: its source's `dateField` (event date, spell start…), or the end of its school term. */
export function recordDateOf(plan: Plan, source: SourceName, row: CanonicalRow): string | null {
  const field = SOURCES[source].dateField;
  const v = field === null ? schoolTermEnd(plan, row) : row[field];
  return typeof v === 'string' ? v : null;
}
