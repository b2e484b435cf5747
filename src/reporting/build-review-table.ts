import { compareText } from '../core/claims/compare-text.ts';
import { column } from './column.ts';
import type { ReviewRow, ReviewSide, TableModel } from './types.ts';

export const REVIEW_DECISIONS = ['accept', 'reject'] as const;

/** Each attribute of the two records side by side (left then right), so a reviewer compares across, not seven columns apart. */
const pair = (field: keyof ReviewSide, format: 'text' | 'int' | 'date', width: number) =>
  [column(`left_${field}`, format, width), column(`right_${field}`, format, width)];

export const REVIEW_COLUMNS = [
  column('pair_id', 'text', 34), column('decision', 'text', 10), { ...column('reason', 'text', 44), wrap: true }, column('match_probability', 'percent', 12),
  ...pair('name', 'text', 26), ...pair('dob', 'date', 12), ...pair('postcode', 'text', 10), ...pair('identifiers', 'text', 40),
  ...pair('source', 'text', 22), ...pair('file', 'text', 26), ...pair('line', 'int', 8),
  column('match_weight', 'decimal', 12), { ...column('explanation', 'text', 60), wrap: true },
];

/** Uncertain pairs for clerical review; `decision` is the column the reviewer fills in (accept / reject, from the list). */
export function buildReviewTable(rows: readonly ReviewRow[]): TableModel {
  const flat = (p: string, s: ReviewSide) => ({
    [`${p}_source`]: s.source, [`${p}_file`]: s.file, [`${p}_line`]: s.line, [`${p}_name`]: s.name,
    [`${p}_dob`]: s.dob, [`${p}_postcode`]: s.postcode, [`${p}_identifiers`]: s.identifiers,
  });
  return {
    name: 'Review',
    purpose: 'pairs of records the linker is unsure are one person: choose accept or reject in Decision, then `tfpbr review import --file` this workbook',
    columns: REVIEW_COLUMNS,
    choices: { decision: REVIEW_DECISIONS },
    rows: [...rows].sort((a, b) => compareText(a.pairId, b.pairId)).map((r) => ({
      pair_id: r.pairId, decision: r.decision, reason: r.reason, match_probability: r.matchProbability,
      match_weight: Math.round(r.matchWeight * 1000) / 1000,
      ...flat('left', r.left), ...flat('right', r.right), explanation: r.explanation,
    })),
  };
}
