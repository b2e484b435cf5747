import type { ClaimSet, NotClaimedRow } from '../core/claims/types.ts';
import { buildClaimsTable } from './build-claims-table.ts';
import { buildDataQualityTable } from './build-data-quality-table.ts';
import { buildEvidenceTable, evidenceCells } from './build-evidence-table.ts';
import { buildIdentificationTable } from './build-identification-table.ts';
import { buildLinksTable } from './build-links-table.ts';
import { buildNotClaimedTable, notClaimedCells } from './build-not-claimed-table.ts';
import { buildReadMe } from './build-read-me.ts';
import { buildRejectsTable } from './build-rejects-table.ts';
import { buildReviewTable } from './build-review-table.ts';
import { buildSpotCheckTable } from './build-spot-check-table.ts';
import { buildSummaryTable } from './build-summary-table.ts';
import { mapIterable } from '../shared/map-iterable.ts';
import type { EvidenceFact } from '../shared/verdict.ts';
import type { CellValue, DataQualityRow, IdentificationRow, LinkRow, RejectRow, ReviewRow, RunInfo, TableModel, WorkbookModel } from './types.ts';

export interface ReportInput {
  readonly claimSet: ClaimSet;
  readonly run: RunInfo;
  readonly dataQuality: readonly DataQualityRow[];
  readonly review: readonly ReviewRow[];
  readonly identification: readonly IdentificationRow[];
  readonly rejects: readonly RejectRow[];
  /** Omitted when the caller writes links.csv itself, row by row (a county's links do not fit in memory). */
  readonly links?: readonly LinkRow[];
  /** Person id → a name, so identification lists people an early-help team recognises. */
  readonly personNames?: ReadonlyMap<string, string>;
  /**
   * The claimed families' evidence when it is too much to hold (a county's): `claimSet.evidence`
   * is then empty, and the Evidence sheet (its first rows) and evidence.csv each read it from `all`, a fact at a time.
   */
  readonly evidence?: { readonly all: () => Iterable<EvidenceFact> | AsyncIterable<EvidenceFact> };
  /**
   * The not-claimed rows when they are too many to hold (a county's): `claimSet.notClaimed` is
   * then empty, and the sheet and not-claimed.csv each read them from `all`, in the table's order.
   */
  readonly notClaimed?: { readonly all: () => AsyncIterable<NotClaimedRow> };
}

/** A CSV output: `rows`, when given, are written one at a time in place of `table.rows` (which is then empty). */
export interface CsvOutput {
  readonly name: string;
  readonly table: TableModel;
  readonly rows?: () => AsyncIterable<Readonly<Record<string, CellValue>>>;
  /** The workbook sheet whose `stream` is these same `rows`: a writer may read them once for both. */
  readonly sheet?: string;
}

export interface Report {
  /** `claim-<window>.xlsx` */
  readonly workbookName: string;
  readonly workbook: WorkbookModel;
  /** File name → table, in a fixed order. */
  readonly csv: readonly CsvOutput[];
}

/**
 * Every table of spec §6, built once: the workbook sheets and the CSV files share the same
 * builders, so a column means the same thing in both.
 */
export function buildReport(input: ReportInput): Report {
  const { claimSet: set, run } = input;
  const claims = buildClaimsTable(set.claims);
  const facts = input.evidence;
  const evidence: TableModel = facts ? { ...buildEvidenceTable([], run.inputs), stream: () => mapIterable(facts.all(), evidenceCells(run.inputs)) } : buildEvidenceTable(set.evidence, run.inputs);
  const streamed = input.notClaimed;
  const notClaimed: TableModel = streamed ? { ...buildNotClaimedTable([]), stream: () => mapIterable(streamed.all(), notClaimedCells) } : buildNotClaimedTable(set.notClaimed);
  const title = `Results claim ${set.window.window} (${run.status === 'submitted' ? 'submitted' : 'draft'})`;
  const sheets = [
    buildSummaryTable(set, run), claims, evidence, notClaimed, buildSpotCheckTable(set.spotCheck),
    buildDataQualityTable(input.dataQuality, set.summary.notClaimedByCode.find((c) => c.code === 'family/attached-twice')?.families ?? 0),
    buildRejectsTable(input.rejects, { raw: false }), buildReviewTable(input.review),
  ];
  return {
    workbookName: `claim-${set.window.window}.xlsx`,
    workbook: { date: set.window.claimDate, title, sheets: [sheets[0], buildReadMe(sheets, title), ...sheets.slice(1)] },
    csv: [
      { name: 'claims.csv', table: claims },
      facts ? { name: 'evidence.csv', table: { ...evidence, stream: undefined }, rows: evidence.stream, sheet: evidence.name }
        : { name: 'evidence.csv', table: evidence },
      streamed ? { name: 'not-claimed.csv', table: { ...notClaimed, stream: undefined }, rows: notClaimed.stream, sheet: notClaimed.name }
        : { name: 'not-claimed.csv', table: notClaimed },
      { name: 'identification.csv', table: buildIdentificationTable(input.identification, input.personNames) },
      { name: 'rejects.csv', table: buildRejectsTable(input.rejects) },
      ...(input.links ? [{ name: 'links.csv', table: buildLinksTable(input.links) }] : []),
    ],
  };
}
