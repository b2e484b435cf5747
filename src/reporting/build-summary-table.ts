import type { ClaimSet } from '../core/claims/types.ts';
import { column } from './column.ts';
import type { CellValue, RunInfo, TableModel } from './types.ts';

export const SUMMARY_COLUMNS = [
  column('section', 'text', 14), column('item', 'text', 44), column('number', 'int'), column('unit', 'text', 10), column('amount', 'money', 14),
  column('date', 'date'), column('value', 'text', 74),
];

type Unit = 'families' | 'rows' | 'decisions' | 'pairs';
type Row = { section: string; item: string; number?: number; unit?: Unit; amount?: number; date?: string; value?: string };

/**
 * Key figures as rows, one kind of value per column (every number says what it counts), so
 * every cell keeps a real number or date format. The status is the first thing the sheet says:
 * a submitted window's re-run says SUBMITTED too, so it reproduces the filed workbook byte for byte.
 */
export function buildSummaryTable(set: ClaimSet, run: RunInfo): TableModel {
  const s = set.summary;
  const families = (n: number) => ({ number: n, unit: 'families' as const });
  const rows: Row[] = [
    { section: 'status', item: 'status', value: run.status === 'submitted'
      ? 'SUBMITTED: recorded in the claim ledger; a re-run reproduces this workbook'
      : 'DRAFT: not submitted; `tfpbr claim --submit` records it in the ledger' },
    { section: 'run', item: 'window', value: set.window.window },
    { section: 'run', item: 'window start', date: set.window.start },
    { section: 'run', item: 'window end', date: set.window.end },
    { section: 'run', item: 'claim date', date: set.window.claimDate },
    { section: 'run', item: 'preset', value: run.presetId },
    { section: 'run', item: 'preset sha256', value: run.presetHash },
    { section: 'run', item: 'tool version', value: run.toolVersion },
    { section: 'run', item: 'run id', value: run.runId },
    { section: 'run', item: 'review decisions applied', number: run.reviewDecisions ?? 0, unit: 'decisions' },
    ...(run.earnedAutonomy ? [{ section: 'run', item: 'earned autonomy', value: 'outcomes reported; no results payment is claimed' }] : []),
    { section: 'claims', item: 'families claimed (total)', ...families(s.claims), amount: s.amount },
    { section: 'route', item: 'SSP: significant and sustained progress', ...families(s.byRoute.SSP.count), amount: s.byRoute.SSP.amount },
    { section: 'route', item: 'CE: continuous employment', ...families(s.byRoute.CE.count), amount: s.byRoute.CE.amount },
    ...s.byHeadline.flatMap((h): Row[] => [
      { section: 'headline', item: `${h.headline}: had it at attachment`, ...families(h.atAttachment) },
      { section: 'headline', item: `${h.headline}: outcome achieved`, ...families(h.achieved) },
    ]),
    ...(s.withdrawn.count === 0 ? [] : [{ section: 'claims', item: 'withdrawn since submitted', ...families(s.withdrawn.count), amount: s.withdrawn.amount }]),
    ...set.withdrawals.map((w): Row => ({ section: 'withdrawn', item: w.familyRef, date: w.at, value: `by ${w.by}: ${w.reason}` })),
    { section: 'not claimed', item: 'families not claimed', ...families(s.notClaimedFamilies) },
    ...s.notClaimedByCode.map((c): Row => ({ section: 'not claimed', item: c.code, ...families(c.families) })),
    { section: 'spot check', item: 'families in the sample', ...families(s.spotCheck) },
    ...(s.capRemaining === null ? [] : [{ section: 'cap', item: 'families still claimable', ...families(s.capRemaining) }]),
    ...run.inputs.map((f): Row => ({ section: 'input', item: f.name, number: f.read, unit: 'rows', value: `sha256 ${f.sha256}` })),
    ...(run.coverage ?? []).map((c): Row => ({ section: 'coverage', item: c.source, date: c.date, value: c.basis === 'given' ? 'given (--extract-date)' : 'latest date in the extract' })),
    ...set.issues.map((i): Row => ({ section: 'issue', item: i.code, value: `${i.familyRef}: ${i.message}` })),
  ];
  return {
    name: 'Summary',
    purpose: 'the status (draft or submitted), the window, totals by route and headline, why families were not claimed, and the inputs',
    columns: SUMMARY_COLUMNS,
    rows: rows.map((r): Record<string, CellValue> => ({
      section: r.section, item: r.item, number: r.number ?? null, unit: r.unit ?? null, amount: r.amount ?? null, date: r.date ?? null, value: r.value ?? null,
    })),
  };
}
