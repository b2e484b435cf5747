import type { SourceMapping } from '../../core/ingest/mapping.ts';
import type { FileInfo } from '../../io/inspect-file.ts';
import type { SourceName } from '../../shared/extracts.ts';

/** Separates rows in a batch string: a stored row is JSON, where a line break is always escaped. */
export const ROW_SEP = '\n';

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
  /** `data`: the good rows as stored (see encodeStagingRow) joined by ROW_SEP; `lines`: their lines. */
  | { type: 'batch'; data: string; lines: number[]; rejects: RejectMessage[] }
  | { type: 'done'; read: number; loaded: number; rejected: number }
  | { type: 'error'; message: string; exitCode: number | null; stack: string };
