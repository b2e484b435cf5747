import { compareText } from '../core/claims/compare-text.ts';
import { column } from './column.ts';
import type { IdentificationRow, TableModel } from './types.ts';

export const IDENTIFICATION_COLUMNS = [
  column('household_id', 'text', 16), column('basis', 'text', 14), column('members', 'int'), column('children', 'int'),
  column('problem_count', 'int', 14), column('problems', 'text', 50), column('latest_evidence', 'date', 16), column('person_ids', 'text', 40), column('names', 'text', 50),
];

/**
 * Households that look eligible but are not on the programme: leads for the early-help team,
 * most problems first (then the most recent evidence, then the household id: a total order).
 */
export function buildIdentificationTable(rows: readonly IdentificationRow[], names: ReadonlyMap<string, string> = new Map()): TableModel {
  return {
    name: 'Identification',
    columns: IDENTIFICATION_COLUMNS,
    rows: [...rows].sort((a, b) => b.problems.length - a.problems.length
      || compareText(b.latestEvidence ?? '', a.latestEvidence ?? '') || compareText(a.householdId, b.householdId)).map((r) => ({
      household_id: r.householdId, basis: r.basis, members: r.members, children: r.children, problem_count: r.problems.length,
      problems: r.problems.join('; '), latest_evidence: r.latestEvidence, person_ids: [...r.personIds].sort(compareText).join('; '),
      names: [...r.personIds].sort(compareText).map((id) => names.get(id) ?? '?').join('; '),
    })),
  };
}
