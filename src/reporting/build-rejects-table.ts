import { compareText } from '../core/claims/compare-text.ts';
import { column } from './column.ts';
import type { RejectRow, TableModel } from './types.ts';

export const REJECTS_COLUMNS = [
  column('file', 'text', 28), column('line', 'int', 8), column('field', 'text', 18), column('code', 'text', 22),
  column('message', 'text', 60), column('raw', 'text', 60),
];

/**
 * Every rejected row with its file, line, field and reason. `rejects.csv` also carries the raw
 * values; the sheet leaves them out (where to look and why is what the analyst needs).
 */
export function buildRejectsTable(rows: readonly RejectRow[], opts: { raw: boolean } = { raw: true }): TableModel {
  return {
    name: 'Rejected rows',
    purpose: 'every rejected input row: open the file at the line and fix the field (rejects.csv has the raw values too)',
    columns: opts.raw ? REJECTS_COLUMNS : REJECTS_COLUMNS.filter((c) => c.key !== 'raw'),
    sheetLimit: { rows: 100_000, csv: 'rejects.csv' },
    rows: [...rows]
      .sort((a, b) => compareText(a.file, b.file) || a.line - b.line || compareText(a.field ?? '', b.field ?? '') || compareText(a.code, b.code))
      .map((r) => ({ file: r.file, line: r.line, field: r.field, code: r.code, message: r.message, ...(opts.raw ? { raw: r.raw } : {}) })),
  };
}
