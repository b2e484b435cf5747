import type { SpotCheckRow } from '../core/claims/types.ts';
import { column } from './column.ts';
import type { TableModel } from './types.ts';

export const SPOT_CHECK_COLUMNS = [
  column('family_ref', 'text', 14), column('route', 'text', 8), column('attachment_date', 'date'), column('amount', 'money'),
  column('draw_order', 'int'), column('checked_by', 'text', 16), column('result', 'text', 16), column('notes', 'text', 40),
];

/** What `tfpbr claim checked` reads back (src/io/read-spot-check.ts). */
export const SPOT_CHECK_RESULTS = ['pass', 'fail'] as const;

/** The sample with empty columns for the auditor to fill in. */
export function buildSpotCheckTable(rows: readonly SpotCheckRow[]): TableModel {
  return {
    name: 'Spot check',
    purpose: 'the seeded random sample for the auditor: fill in Checked by, Result (pass or fail, from the list) and Notes, then `tfpbr claim checked --file` this workbook',
    columns: SPOT_CHECK_COLUMNS,
    choices: { result: SPOT_CHECK_RESULTS },
    rows: rows.map((s) => ({
      family_ref: s.familyRef, route: s.route, attachment_date: s.attachmentDate, amount: s.amount, draw_order: s.drawOrder,
      checked_by: null, result: null, notes: null,
    })),
  };
}
