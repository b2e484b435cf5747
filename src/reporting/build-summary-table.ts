import type { ClaimSet } from '../core/claims/types.ts';
import { column } from './column.ts';
import type { CellValue, RunInfo, TableModel } from './types.ts';

export const SUMMARY_COLUMNS = [
  column('section', 'text', 14), column('item', 'text', 34), column('count', 'int'), column('amount', 'money', 14),
  column('date', 'date'), column('value', 'text', 66),
];

type Row = { section: string; item: string; count?: number; amount?: number; date?: string; value?: string };

/**
 * Key figures as rows, one kind of value per column, so every cell keeps a real number or date
 * format. Nothing here depends on whether the window was already submitted, so re-running a
 * filed window reproduces the filed workbook byte for byte.
 */
export function buildSummaryTable(set: ClaimSet, run: RunInfo): TableModel {
  const s = set.summary;
  const rows: Row[] = [
    { section: 'run', item: 'run id', value: run.runId },
    { section: 'run', item: 'tool version', value: run.toolVersion },
    { section: 'run', item: 'preset', value: run.presetId },
    { section: 'run', item: 'preset sha256', value: run.presetHash },
    { section: 'run', item: 'window', value: set.window.window },
    { section: 'run', item: 'window start', date: set.window.start },
    { section: 'run', item: 'window end', date: set.window.end },
    { section: 'run', item: 'claim date', date: set.window.claimDate },
    { section: 'claims', item: 'total', count: s.claims, amount: s.amount },
    { section: 'route', item: 'SSP', count: s.byRoute.SSP.count, amount: s.byRoute.SSP.amount },
    { section: 'route', item: 'CE', count: s.byRoute.CE.count, amount: s.byRoute.CE.amount },
    ...s.byHeadline.flatMap((h): Row[] => [
      { section: 'headline', item: `${h.headline} at attachment`, count: h.atAttachment },
      { section: 'headline', item: `${h.headline} achieved`, count: h.achieved },
    ]),
    ...(s.withdrawn.count === 0 ? [] : [{ section: 'claims', item: 'withdrawn since submitted', count: s.withdrawn.count, amount: s.withdrawn.amount }]),
    ...set.withdrawals.map((w): Row => ({ section: 'withdrawn', item: w.familyRef, date: w.at, value: `by ${w.by}: ${w.reason}` })),
    { section: 'not claimed', item: 'families', count: s.notClaimedFamilies },
    ...s.notClaimedByCode.map((c): Row => ({ section: 'not claimed', item: c.code, count: c.families })),
    { section: 'spot check', item: 'sample size', count: s.spotCheck },
    ...(s.capRemaining === null ? [] : [{ section: 'cap', item: 'families still claimable', count: s.capRemaining }]),
    ...run.inputs.map((f): Row => ({ section: 'input', item: f.name, count: f.read, value: `sha256 ${f.sha256}` })),
    ...(run.coverage ?? []).map((c): Row => ({ section: 'coverage', item: c.source, date: c.date, value: c.basis === 'given' ? 'given (--extract-date)' : 'latest date in the extract' })),
    ...set.issues.map((i): Row => ({ section: 'issue', item: i.code, value: `${i.familyRef}: ${i.message}` })),
  ];
  return {
    name: 'Summary',
    columns: SUMMARY_COLUMNS,
    rows: rows.map((r): Record<string, CellValue> => ({
      section: r.section, item: r.item, count: r.count ?? null, amount: r.amount ?? null, date: r.date ?? null, value: r.value ?? null,
    })),
  };
}
