import type { NotClaimedRow } from '../core/claims/types.ts';
import { column } from './column.ts';
import type { CellValue, TableModel } from './types.ts';

export const NOT_CLAIMED_COLUMNS = [
  column('family_ref', 'text', 14), column('attachment_date', 'date'), column('eligible', 'text', 9), column('headline', 'text', 20),
  column('code', 'text', 26), { ...column('reason', 'text', 70), wrap: true }, column('claimed_in_window', 'text', 12),
];

/** One not-claimed row as the table's cells. */
export function notClaimedCells(n: NotClaimedRow): Record<string, CellValue> {
  return {
    family_ref: n.familyRef, attachment_date: n.attachmentDate, eligible: n.eligible ? 'yes' : 'no', headline: n.headline,
    code: n.code, reason: n.reason, claimed_in_window: n.claimedInWindow,
  };
}

export function buildNotClaimedTable(rows: readonly NotClaimedRow[]): TableModel {
  return {
    name: 'Not claimed',
    purpose: 'attached families not claimed this window, with each reason (one row per unmet outcome)',
    columns: NOT_CLAIMED_COLUMNS,
    rows: rows.map(notClaimedCells),
  };
}
