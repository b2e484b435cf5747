import { compareText } from '../core/claims/compare-text.ts';
import { column } from './column.ts';
import type { RejectRow, TableModel } from './types.ts';

export const REJECTS_COLUMNS = [
  column('file', 'text', 28), column('line', 'int', 8), column('field', 'text', 18), column('code', 'text', 22),
  column('message', 'text', 60), column('raw', 'text', 60),
];

export function buildRejectsTable(rows: readonly RejectRow[]): TableModel {
  return {
    name: 'Rejects',
    columns: REJECTS_COLUMNS,
    rows: [...rows]
      .sort((a, b) => compareText(a.file, b.file) || a.line - b.line || compareText(a.field ?? '', b.field ?? '') || compareText(a.code, b.code))
      .map((r) => ({ file: r.file, line: r.line, field: r.field, code: r.code, message: r.message, raw: r.raw })),
  };
}
