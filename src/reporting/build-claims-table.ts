import type { ClaimRow } from '../core/claims/types.ts';
import { column } from './column.ts';
import type { TableModel } from './types.ts';

export const CLAIMS_COLUMNS = [
  column('family_ref', 'text', 14), column('route', 'text', 8), column('attachment_date', 'date'), column('claim_date', 'date'),
  column('problems_at_attachment', 'text', 40), column('problems_achieved', 'text', 40), column('amount', 'money'),
  column('window'),
];

/**
 * No column says whether a claim came from the ledger: a re-run of a submitted window must give
 * the same bytes as the run that was filed (the CLI tells the analyst instead).
 */
export function buildClaimsTable(claims: readonly ClaimRow[]): TableModel {
  return {
    name: 'Claims',
    purpose: 'the families claimed for results this window, one row each, with the total at the foot',
    columns: CLAIMS_COLUMNS,
    totals: { label: 'Total', sum: ['amount'] },
    rows: claims.map((c) => ({
      family_ref: c.familyRef, route: c.route, attachment_date: c.attachmentDate, claim_date: c.claimDate,
      problems_at_attachment: c.problemsAtAttachment.join('; '), problems_achieved: c.problemsAchieved.join('; '),
      amount: c.amount, window: c.window,
    })),
  };
}
