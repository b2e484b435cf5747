import type { Logger } from '../shared/context.ts';
import type { IngestedFile } from './ingest/run-ingest.ts';

/** Rows read, loaded and rejected over every file, logged as soon as ingest ends (before any later stage's summary). */
export function logIngestSummary(log: Logger, files: readonly IngestedFile[]): void {
  const t = files.reduce((a, f) => ({ read: a.read + f.read, loaded: a.loaded + f.loaded, rejected: a.rejected + f.rejected }), { read: 0, loaded: 0, rejected: 0 });
  log.event('ingest', 'summary', { files: files.length, ...t, rejectedShare: shareText(t.rejected, t.read) });
}

/** A share as a percentage with one decimal, for logs and summaries: `0.1%`. */
export function shareText(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${((part / whole) * 100).toFixed(1)}%`;
}
