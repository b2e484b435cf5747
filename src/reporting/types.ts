/**
 * The reports as data. The pipeline maps database rows onto these inputs; the builders turn them
 * into tables (`TableModel`) that the XLSX and CSV writers render without knowing what they mean.
 */

/** `decimal`: a measured quantity (a match weight) shown to three places. */
export type ColumnFormat = 'text' | 'int' | 'decimal' | 'date' | 'money' | 'percent';
export type CellValue = string | number | null;

export interface ColumnModel {
  /** What the sheet shows: words an analyst reads (`Family ref`). */
  readonly header: string;
  /** The canonical name: the CSV header and the key of the row objects (`family_ref`). */
  readonly key: string;
  /** Excel character widths. */
  readonly width: number;
  /** `date` cells hold ISO `YYYY-MM-DD` strings; `money` pounds; `percent` a fraction (0.1 = 10%). */
  readonly format: ColumnFormat;
  /** Sheet only: long text wraps within `width` instead of widening the column. */
  readonly wrap?: boolean;
}

export interface TableModel {
  readonly name: string;
  readonly columns: readonly ColumnModel[];
  readonly rows: readonly Readonly<Record<string, CellValue>>[];
  /** One sentence on what the sheet is for (the Read me sheet lists it). */
  readonly purpose?: string;
  /** Sheet only: a last row labelled in the first column with the sums of these columns (keys). */
  readonly totals?: { readonly label: string; readonly sum: readonly string[] };
  /** Sheet only: dropdown choices for columns the analyst fills in, by column key. */
  readonly choices?: Readonly<Record<string, readonly string[]>>;
  /** Sheet only: beyond this many rows the sheet stops with a row pointing at the CSV file that holds them all. */
  readonly sheetLimit?: { readonly rows: number; readonly csv: string };
  /** Sheet only: the rows there are in all, when `rows` holds only the first of them (the rest are in `sheetLimit.csv`). */
  readonly totalRows?: number;
  /**
   * Sheet only: the rows read afresh, a few at a time, when there are too many to hold (a county's
   * not-claimed rows); `rows` is then empty. No totals row. The CSV takes the same rows from its own source.
   * A stream may stop once the sheet has the rows it shows (its `sheetLimit`) and return how many
   * rows there are in all; one that yields every row returns nothing.
   */
  readonly stream?: () => AsyncIterable<Readonly<Record<string, CellValue>>, number | void>;
}

export interface WorkbookModel {
  readonly sheets: readonly TableModel[];
  /** Written as the workbook's created/modified dates (ISO date); fixed so the bytes never depend on the clock. */
  readonly date?: string;
  readonly title?: string;
}

/** One input file of the run (the shape of the store's `RunInputFile`, so its rows can be passed as they are). */
export interface InputFileInfo {
  readonly fileId: number;
  /** File name without folder: what an auditor looks for in the archived inputs. */
  readonly name: string;
  readonly source: string;
  readonly sha256: string;
  readonly read: number;
  readonly loaded: number;
  readonly rejected: number;
}

export interface RunInfo {
  /** Derived from the inputs, never the clock (see `buildRunId` in src/io/write-manifest.ts). */
  readonly runId: string;
  readonly toolVersion: string;
  readonly presetId: string;
  readonly presetHash: string;
  readonly inputs: readonly InputFileInfo[];
  /** `submitted` once the window's claim is in the ledger; a draft can still change. */
  readonly status?: 'submitted' | 'draft';
  /** How many clerical-review decisions the linkage applied. */
  readonly reviewDecisions?: number;
  /** Each extract's coverage end date: outcomes needing data past it are not met (`rule/data-stale`). */
  readonly coverage?: readonly { readonly source: string; readonly date: string; readonly basis: 'given' | 'latest' }[];
  /** Earned Autonomy: outcomes are reported and no results payment is claimed. */
  readonly earnedAutonomy?: boolean;
}

export interface DataQualityRow {
  readonly file: string;
  readonly source: string;
  readonly read: number;
  readonly loaded: number;
  readonly rejected: number;
  /** Issue code → rows rejected for it. */
  readonly byReason: Readonly<Record<string, number>>;
}

export interface RejectRow {
  readonly file: string;
  readonly line: number;
  readonly field: string | null;
  readonly code: string;
  readonly message: string;
  /** The raw values of the row as read (personal data: goes to rejects.csv only, never a log). */
  readonly raw: string;
}

/** One input record's place in a person cluster (links.csv). */
export interface LinkRow {
  readonly source: string;
  readonly file: string;
  readonly line: number;
  /** The record's own id in its source (person_ref, upn…), when it has one. */
  readonly recordId: string | null;
  readonly personId: string;
  readonly matchProbability: number | null;
  readonly method: 'deterministic' | 'probabilistic' | 'clerical' | 'singleton';
  /** Which rule or which per-field weights made the link. */
  readonly explanation: string;
}

/** One side of an uncertain pair; the reviewer needs to see the people to decide. */
export interface ReviewSide {
  readonly source: string;
  readonly file: string;
  readonly line: number;
  readonly name: string;
  readonly dob: string | null;
  readonly postcode: string | null;
  readonly identifiers: string;
}

export interface ReviewRow {
  readonly pairId: string;
  readonly left: ReviewSide;
  readonly right: ReviewSide;
  readonly matchWeight: number;
  readonly matchProbability: number;
  readonly explanation: string;
  /** Why the pair is uncertain (or why an accept could not be applied), in plain words. */
  readonly reason: string;
  /** A decision already imported for this pair, else null. */
  readonly decision: 'accept' | 'reject' | null;
}

/** A household that meets the eligibility criteria but is not attached to the programme. */
export interface IdentificationRow {
  readonly householdId: string;
  /** How the household was formed: `uprn`, `address`, `parent-child`. */
  readonly basis: string;
  readonly members: number;
  readonly children: number;
  readonly problems: readonly string[];
  readonly personIds: readonly string[];
  /** Latest evidence date among the problems, ISO. */
  readonly latestEvidence: string | null;
}
