/**
 * Worker thread: reads one extract, validates every row, drops duplicates and posts the good rows
 * in batches, already encoded as stored, as one string (cheap to pass between threads), so
 * parsing here overlaps the inserts on the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compileSource } from '../../core/ingest/compile-source.ts';
import { readRecords } from '../../io/read-records.ts';
import { SOURCES } from '../../shared/extracts.ts';
import type { Issue } from '../../shared/issues.ts';
import { encodeStagingRow } from '../../store/staging-row.ts';
import { ROW_SEP, type RejectMessage, type WorkerJob, type WorkerMessage } from './worker-protocol.ts';

const BATCH_ROWS = 4096;
const MAX_IN_FLIGHT = 4;

const job = (workerData as { job: WorkerJob }).job;
const port = parentPort!;
const compiled = compileSource(SOURCES[job.source], job.header, job.mapping, job.name);
const out: (string | null)[] = new Array(compiled.source.fields.length).fill(null);
const seen = new Map<number, number>();

let parts: string[] = [];
let lines: number[] = [];
let read = 0, loaded = 0, rejectedRows = 0;
let rejects: RejectMessage[] = [];
let inFlight = 0;
let wake: (() => void) | null = null;
port.on('message', () => { inFlight--; wake?.(); wake = null; });

function flush(): void {
  if (lines.length === 0 && rejects.length === 0) return;
  port.postMessage({ type: 'batch', data: parts.join(ROW_SEP), lines, rejects } satisfies WorkerMessage);
  inFlight++;
  parts = []; lines = []; rejects = [];
}

function reject(values: string[], issues: Issue[]): void {
  rejectedRows++;
  const raw = JSON.stringify(Object.fromEntries(job.header.map((h, i) => [h, values[i] ?? ''])));
  rejects.push({ issues: issues.map(({ line, field, code, detail }) => ({ line, field, code, detail: detail ?? null })), raw });
}

let first = true;
try {
  await readRecords(job.info, job.name, (values, line) => {
    if (first) { first = false; return; }
    read++;
    const issues = compiled.validate(values, line, out);
    if (issues) { reject(values, issues); return; }
    // One string per row: it is both what is hashed for duplicates and what is stored.
    const row = encodeStagingRow(out);
    const h = cyrb53(row);
    const earlier = seen.get(h);
    if (earlier !== undefined) {
      reject(values, [{ code: 'row/duplicate', file: job.name, line, field: null, detail: `same as line ${earlier}` }]);
      return;
    }
    seen.set(h, line);
    loaded++;
    parts.push(row);
    lines.push(line);
    if (lines.length >= BATCH_ROWS) flush();
  }, {
    sheet: job.mapping.sheet,
    pause: () => inFlight < MAX_IN_FLIGHT ? undefined : new Promise<void>((r) => { wake = r; }),
  });
  flush();
  port.postMessage({ type: 'done', read, loaded, rejected: rejectedRows } satisfies WorkerMessage);
} catch (e) {
  const err = e as Error & { exitCode?: number };
  port.postMessage({ type: 'error', message: err.message, exitCode: err.exitCode ?? null, stack: err.stack ?? '' } satisfies WorkerMessage);
}

/** 53-bit hash of a row's canonical values: duplicates are found without keeping the rows in memory. */
function cyrb53(text: string): number {
  let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
