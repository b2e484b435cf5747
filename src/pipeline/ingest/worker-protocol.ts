import type { SourceMapping } from '../../core/ingest/mapping.ts';
import type { RowDates } from '../../core/rules/evaluate-coverage.ts';
import type { FileInfo } from '../../io/inspect-file.ts';
import type { RecordChunk } from '../../io/read-records.ts';
import type { SourceDef, SourceName } from '../../shared/extracts.ts';
import type { IngestChecks } from './plan-ingest.ts';

/** Separates rows in a batch string: a stored row never holds a line break (see encodeStagingRow). */
export const ROW_SEP = '\n';

export interface FileJob {
  readonly name: string;
  readonly source: SourceName;
  /** The source's definition, sent along: a worker knows only the built-in sources, not those registered at run time. */
  readonly def: SourceDef;
  readonly mapping: SourceMapping;
  readonly info: FileInfo;
  readonly header: readonly string[];
  readonly checks: IngestChecks;
}

/** What the main thread asks of an ingest worker. */
export type WorkerRequest =
  /** From now on, chunks are of this file. */
  | { type: 'file'; job: FileJob }
  /** Parse and validate one piece of a CSV file; answered by one batch with the same `seq`. */
  | ({ type: 'chunk'; seq: number } & RecordChunk)
  /** Read the whole file (a workbook) and answer with batches numbered from 0, then `done`. */
  | { type: 'read-file' }
  /** The batch numbered `seq` of a read-file has been stored: room for another. */
  | { type: 'stored'; seq: number };

export interface RejectMessage {
  readonly issues: { line: number; field: string | null; code: string; detail: string | null }[];
  /** The row's raw values by the file's own column names, as JSON. */
  readonly raw: string;
}

export interface BatchMessage {
  readonly type: 'batch';
  readonly seq: number;
  /** Records read (the header not counted). */
  readonly read: number;
  /** The valid rows as stored (see encodeStagingRow), joined by ROW_SEP; with their lines and hashes. */
  readonly data: string;
  readonly lines: number[];
  /** 53-bit hash of each row's stored text: the main thread finds duplicates across batches with it. */
  readonly hashes: number[];
  /** Each valid row's raw values (see RejectMessage.raw), only where the main thread cannot re-read them: workbooks. */
  readonly raws: string[] | null;
  /** The rows that failed validation. */
  readonly rejects: RejectMessage[];
  /** What the extract's coverage needs of the valid rows (their latest date, or their school terms). */
  readonly dates: RowDates;
}

export type WorkerMessage =
  | BatchMessage
  | { type: 'done'; batches: number }
  | { type: 'error'; message: string; exitCode: number | null; stack: string };

/**
 * A row's raw values by the file's column names: what a reject keeps, so the row can be found and
 * fixed. A value longer than `maxLength` keeps its start only (a 50 MiB value is not stored).
 */
export function rawJson(header: readonly string[], values: readonly string[], maxLength = Infinity): string {
  return JSON.stringify(Object.fromEntries(header.map((h, i) => {
    const v = values[i] ?? '';
    return [h, v.length > maxLength ? `${v.slice(0, maxLength)}…` : v];
  })));
}
