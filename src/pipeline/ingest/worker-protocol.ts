import type { SourceMapping } from '../../core/ingest/mapping.ts';
import type { FileInfo } from '../../io/inspect-file.ts';
import type { SourceName } from '../../shared/extracts.ts';

/** Separates values in a batch string; never in a value, as readRecords reads it as a space. */
export const FIELD_SEP = '\x1f';

export interface WorkerJob {
  readonly name: string;
  readonly source: SourceName;
  readonly mapping: SourceMapping;
  readonly info: FileInfo;
  readonly header: readonly string[];
}

export interface RejectMessage {
  readonly issues: { line: number; field: string | null; code: string; detail: string | null }[];
  /** The row's raw values by the file's own column names, as JSON. */
  readonly raw: string;
}

export type WorkerMessage =
  /** `data`: per row its line then one value per canonical field ('' = null), all joined by FIELD_SEP. */
  | { type: 'batch'; data: string; rows: number; rejects: RejectMessage[] }
  | { type: 'done'; read: number; loaded: number; rejected: number }
  | { type: 'error'; message: string; exitCode: number | null; stack: string };
