import { compareText } from '../core/claims/compare-text.ts';
import { column } from './column.ts';
import type { CellValue, LinkRow, TableModel } from './types.ts';

export const LINKS_COLUMNS = [
  column('source', 'text', 22), column('file', 'text', 28), column('line', 'int', 8), column('record_id', 'text', 16),
  column('person_id', 'text', 14), column('match_probability', 'percent', 12), column('method', 'text', 14), column('explanation', 'text', 60),
];

export function buildLinksTable(rows: readonly LinkRow[]): TableModel {
  return {
    name: 'Links',
    columns: LINKS_COLUMNS,
    rows: [...rows].sort((a, b) => compareText(a.source, b.source) || compareText(a.file, b.file) || a.line - b.line).map(linkCells),
  };
}

/** One links.csv row (rows streamed in order by source, file and line give the same file as the table). */
export function linkCells(r: LinkRow): Record<string, CellValue> {
  return {
    source: r.source, file: r.file, line: r.line, record_id: r.recordId, person_id: r.personId,
    match_probability: r.matchProbability, method: r.method, explanation: r.explanation,
  };
}
