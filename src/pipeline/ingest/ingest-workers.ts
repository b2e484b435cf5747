import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { readCsvChunks, type RecordChunk } from '../../io/read-records.ts';
import { InputError, TfpbrError } from '../../shared/errors.ts';
import { SOURCES } from '../../shared/extracts.ts';
import { startWorker } from '../start-worker.ts';
import type { PlannedFile } from './plan-ingest.ts';
import type { BatchMessage, FileJob, WorkerMessage, WorkerRequest } from './worker-protocol.ts';

/** Chunks handed out but not yet stored, per worker: one being parsed and one waiting, so none idles. */
const PENDING_PER_WORKER = 2;

/**
 * The ingest workers of one run, started once and used for every file. A CSV file is read here in
 * whole-record chunks dealt out to all of them, so parsing runs on every core while this thread
 * stores; a workbook is read whole by one. Either way the batches are handed to `store` in file
 * order, whatever order the workers finish in, so what is stored does not depend on timing.
 */
export class IngestWorkers {
  private workers: Worker[] = [];
  private failure: unknown = null;
  private closing = false;
  private wake: (() => void) | null = null;
  private onMessage: ((m: WorkerMessage) => void) | null = null;
  private fileName = '';

  constructor(private readonly count = Math.max(1, Math.min(4, availableParallelism()))) {}

  /** Starts the threads (if not yet started): early, so they are ready when the first file is. */
  start(): this {
    if (this.workers.length > 0) return this;
    this.workers = Array.from({ length: this.count }, () => {
      const worker = startWorker(new URL('./ingest-worker.ts', import.meta.url), null);
      worker.on('message', (m: WorkerMessage) => {
        try {
          if (m.type === 'error') {
            // A bug's message may quote the row it choked on: its kind and place only (TFPBR_DEBUG=1 for all of it).
            const where = m.stack.split('\n').find((l) => l.includes('/src/'))?.trim() ?? '';
            throw m.exitCode === 3 ? new InputError(m.message, this.fileName)
              : new TfpbrError(`${this.fileName}: internal error in an ingest worker (a bug): ${process.env.TFPBR_DEBUG ? `${m.message}\n${m.stack}` : where}`, 70);
          }
          this.onMessage?.(m);
        } catch (e) {
          this.failure ??= e;
        }
        this.wake?.();
      });
      worker.on('error', (e) => { this.failure ??= e; this.wake?.(); });
      worker.on('exit', (code) => {
        if (this.closing) return;
        this.failure ??= new TfpbrError(`an ingest worker stopped with code ${code}`, 70);
        this.wake?.();
      });
      return worker;
    });
    return this;
  }

  async load(file: PlannedFile, store: (batch: BatchMessage, chunk: RecordChunk | null) => void, writable?: () => Promise<void>): Promise<void> {
    this.start();
    this.fileName = file.name;
    const job: FileJob = { name: file.name, source: file.source, def: SOURCES[file.source], mapping: file.mapping, info: file.info, header: file.header, checks: file.checks };
    this.send({ type: 'file', job });
    const chunks = new Map<number, RecordChunk>();
    const ready = new Map<number, BatchMessage>();
    let next = 0, total = Infinity;
    const workbook = file.info.kind === 'xlsx';
    this.onMessage = (m) => {
      if (m.type === 'done') { total = m.batches; return; }
      if (m.type !== 'batch') return;
      ready.set(m.seq, m);
      for (let b = ready.get(next); b; b = ready.get(next)) {
        ready.delete(next);
        store(b, chunks.get(next) ?? null);
        chunks.delete(next);
        if (workbook) this.workers[0].postMessage({ type: 'stored', seq: next } satisfies WorkerRequest);
        next++;
      }
    };
    try {
      if (workbook) {
        this.workers[0].postMessage({ type: 'read-file' } satisfies WorkerRequest);
        await this.until(() => next === total);
        return;
      }
      let sent = 0;
      for await (const chunk of readCsvChunks(file.info, file.name)) {
        await this.until(() => sent - next < PENDING_PER_WORKER * this.workers.length);
        // The store's writer may be full (a database server slower than the parsers).
        await writable?.();
        chunks.set(sent, chunk);
        this.workers[sent % this.workers.length].postMessage({ type: 'chunk', seq: sent, ...chunk } satisfies WorkerRequest);
        sent++;
      }
      await this.until(() => next === sent);
    } finally {
      this.onMessage = null;
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private send(req: WorkerRequest): void {
    for (const w of this.workers) w.postMessage(req);
  }

  private async until(done: () => boolean): Promise<void> {
    for (;;) {
      if (this.failure) throw this.failure;
      if (done()) return;
      await new Promise<void>((r) => { this.wake = r; });
    }
  }
}

/** Runs `fn` with ingest workers already starting, and stops them however it ends. */
export async function withIngestWorkers<T>(fn: (workers: IngestWorkers) => Promise<T>): Promise<T> {
  const workers = new IngestWorkers().start();
  try {
    return await fn(workers);
  } finally {
    await workers.close();
  }
}
