import { compareText } from '../core/claims/compare-text.ts';
import { column } from './column.ts';
import type { CellValue, DataQualityRow, TableModel } from './types.ts';

/**
 * Per file: read = loaded + rejected, and one column per rejection code seen in any file. Family
 * integrity problems of the early-help list (a person attached under two family refs) are counted
 * on its row, in families; the reason for each is on Not claimed.
 */
export function buildDataQualityTable(input: readonly DataQualityRow[], attachedTwice = 0): TableModel {
  const rows = attachedTwice === 0 ? input : input.map((r) => r.source === 'early_help_families'
    ? { ...r, byReason: { ...r.byReason, 'family/attached-twice': attachedTwice } } : r);
  const codes = [...new Set(rows.flatMap((r) => Object.keys(r.byReason)))].sort(compareText);
  const sorted = [...rows].sort((a, b) => compareText(a.source, b.source) || compareText(a.file, b.file));
  return {
    name: 'Data quality',
    purpose: 'per input file: rows read, loaded and rejected, and rejected rows by reason code (the rows themselves are in Rejected rows)',
    columns: [
      column('file', 'text', 30), column('source', 'text', 22), column('read', 'int'), column('loaded', 'int'),
      column('rejected', 'int'), column('rejected_share', 'percent', 14), ...codes.map((c) => column(c, 'int')),
    ],
    rows: sorted.map((r): Record<string, CellValue> => ({
      file: r.file, source: r.source, read: r.read, loaded: r.loaded, rejected: r.rejected,
      rejected_share: r.read === 0 ? null : r.rejected / r.read,
      ...Object.fromEntries(codes.map((c) => [c, r.byReason[c] ?? 0])),
    })),
  };
}
