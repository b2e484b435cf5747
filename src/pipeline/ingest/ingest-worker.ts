/**
 * Ingest worker thread: parses and validates pieces of extracts for the main thread, which stores
 * them. Several run at once on one CSV file (each gets whole-record chunks, see readCsvChunks); a
 * workbook is read whole by one. Rows cross back as one string per batch, already encoded as
 * stored, with a hash per row so the main thread can find duplicates across the whole file.
 */
import { parentPort } from 'node:worker_threads';
import { compileSource, type CompiledSource } from '../../core/ingest/compile-source.ts';
import { DelimitedParser, UnterminatedQuoteError } from '../../io/delimited-parser.ts';
import { decodeChunk, readRecords, unterminatedQuote } from '../../io/read-records.ts';
import { RowDatesOf } from '../../core/rules/evaluate-coverage.ts';
import { encodeStagingRow } from '../../store/staging-row.ts';
import { rawJson, ROW_SEP, type BatchMessage, type FileJob, type RejectMessage, type WorkerMessage, type WorkerRequest } from './worker-protocol.ts';

const WORKBOOK_BATCH_ROWS = 4096;
const WORKBOOK_BATCHES_IN_FLIGHT = 4;

const port = parentPort!;
let job: FileJob;
let compiled: CompiledSource;
let out: (string | null)[];
let storedUpTo = -1;
let wake: (() => void) | null = null;

port.on('message', (req: WorkerRequest) => {
  try {
    if (req.type === 'file') {
      job = req.job;
      compiled = compileSource(job.def, job.header, job.mapping, job.name, job.checks);
      out = new Array(compiled.source.fields.length).fill(null);
      storedUpTo = -1;
    } else if (req.type === 'chunk') {
      const batch = new Batch(req.seq, false);
      let header = req.seq === 0;
      const parser = new DelimitedParser((values, line) => {
        if (header) header = false;
        else batch.add(values, line);
      }, req.delimiter, req.firstLine);
      parser.push(decodeChunk(req.bytes, req.encoding));
      parser.end();
      batch.post();
    } else if (req.type === 'read-file') {
      readWorkbook().catch(fail);
    } else {
      storedUpTo = req.seq;
      wake?.();
    }
  } catch (e) {
    fail(e);
  }
});

async function readWorkbook(): Promise<void> {
  let batch = new Batch(0, true);
  let header = true;
  await readRecords(job.info, job.name, (values, line, unusable) => {
    if (header) { header = false; return; }
    batch.add(values, line, unusable);
    if (batch.lines.length >= WORKBOOK_BATCH_ROWS) { batch.post(); batch = new Batch(batch.seq + 1, true); }
  }, {
    sheet: job.mapping.sheet, limits: job.checks.limits,
    pause: () => batch.seq - storedUpTo <= WORKBOOK_BATCHES_IN_FLIGHT ? undefined : new Promise<void>((r) => { wake = r; }),
  });
  batch.post();
  port.postMessage({ type: 'done', batches: batch.seq + 1 } satisfies WorkerMessage);
}

class Batch {
  read = 0;
  readonly rows: string[] = [];
  readonly lines: number[] = [];
  readonly hashes: number[] = [];
  readonly raws: string[] | null;
  readonly rejects: RejectMessage[] = [];
  readonly dates = new RowDatesOf(compiled.source);

  constructor(readonly seq: number, keepRaw: boolean) {
    this.raws = keepRaw ? [] : null;
  }

  add(values: string[], line: number, unusable?: readonly number[]): void {
    this.read++;
    const issues = unusable
      ? unusable.map((c) => ({ line, field: compiled.fieldOfColumn(c), code: 'row/formula-without-value', detail: null }))
      : compiled.validate(values, line, out);
    if (issues) {
      const max = job.checks.limits.maxFieldLength;
      this.rejects.push({ issues: issues.map(({ line, field, code, detail }) => ({ line, field, code, detail: detail ?? null })), raw: rawJson(job.header, values, max) });
      return;
    }
    const row = encodeStagingRow(out);
    this.dates.add(out);
    this.rows.push(row);
    this.lines.push(line);
    this.hashes.push(cyrb53(row));
    this.raws?.push(rawJson(job.header, values));
  }

  post(): void {
    const { seq, read, lines, hashes, raws, rejects } = this;
    port.postMessage({ type: 'batch', seq, read, data: this.rows.join(ROW_SEP), lines, hashes, raws, rejects, dates: this.dates.result() } satisfies BatchMessage);
  }
}

function fail(e: unknown): void {
  const err = e instanceof UnterminatedQuoteError ? unterminatedQuote(job.name, e.line) : e as Error & { exitCode?: number };
  port.postMessage({ type: 'error', message: err.message, exitCode: err.exitCode ?? null, stack: err.stack ?? '' } satisfies WorkerMessage);
}

/** 53-bit hash of a row's stored text: duplicates are found without keeping the rows in memory. */
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
