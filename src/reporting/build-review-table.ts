import { compareText } from '../core/claims/compare-text.ts';
import { column } from './column.ts';
import type { ReviewRow, ReviewSide, TableModel } from './types.ts';

const side = (p: 'left' | 'right') => [
  column(`${p}_source`, 'text', 20), column(`${p}_file`, 'text', 24), column(`${p}_line`, 'int', 8), column(`${p}_name`, 'text', 24),
  column(`${p}_dob`, 'date'), column(`${p}_postcode`, 'text', 10), column(`${p}_identifiers`, 'text', 24),
];

export const REVIEW_COLUMNS = [
  column('pair_id', 'text', 14), column('decision', 'text', 10), column('match_probability', 'percent', 12),
  column('match_weight', 'decimal', 12), column('reason', 'text', 50), ...side('left'), ...side('right'), column('explanation', 'text', 60),
];

/** Uncertain pairs for clerical review; `decision` is the column the reviewer fills in (accept / reject). */
export function buildReviewTable(rows: readonly ReviewRow[]): TableModel {
  const flat = (p: string, s: ReviewSide) => ({
    [`${p}_source`]: s.source, [`${p}_file`]: s.file, [`${p}_line`]: s.line, [`${p}_name`]: s.name,
    [`${p}_dob`]: s.dob, [`${p}_postcode`]: s.postcode, [`${p}_identifiers`]: s.identifiers,
  });
  return {
    name: 'Review',
    columns: REVIEW_COLUMNS,
    rows: [...rows].sort((a, b) => compareText(a.pairId, b.pairId)).map((r) => ({
      pair_id: r.pairId, decision: r.decision, match_probability: r.matchProbability,
      match_weight: Math.round(r.matchWeight * 1000) / 1000, reason: r.reason,
      ...flat('left', r.left), ...flat('right', r.right), explanation: r.explanation,
    })),
  };
}
