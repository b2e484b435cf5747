/**
 * linkRecords with the comparisons (the expensive step) spread over worker threads. Planning,
 * estimation and clustering stay on the main thread and every pair's comparison vector is a pure
 * function of the table, so the result is bit-identical to linkRecords.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { comparatorsFor, comparePairs, patternLayout } from '../../core/linkage/comparisons.ts';
import { finishLinkage } from '../../core/linkage/finish-linkage.ts';
import type { LinkOptions } from '../../core/linkage/link-records.ts';
import type { LinkTable } from '../../core/linkage/link-table.ts';
import { planLinkage, type LinkPlan, type PairSet } from '../../core/linkage/plan-linkage.ts';
import type { LinkRecord, LinkResult, LinkSettings } from '../../core/linkage/types.ts';
import { startWorker } from '../start-worker.ts';

export interface CompareTable { table: LinkTable; settings: LinkSettings }
export interface ComparePairs { left: SharedArrayBuffer; right: SharedArrayBuffer; out: SharedArrayBuffer; from: number; to: number }

export interface ParallelOptions extends LinkOptions {
  /** Worker threads (default: available cores). */
  readonly workers?: number;
  /** Below this many pairs to compare, workers cost more than they save. */
  readonly minPairsForWorkers?: number;
}

/**
 * `records` may be a function that reads them: then nothing here holds them once the plan's table
 * is built from them, and a county's person fields (the largest thing linkage reads) are freed
 * before the comparisons, instead of living until the result is returned.
 */
export async function linkRecordsParallel(records: readonly LinkRecord[] | (() => readonly LinkRecord[]), settings: LinkSettings, opts: ParallelOptions): Promise<LinkResult> {
  const workers = Math.max(1, opts.workers ?? availableParallelism());
  const minPairs = opts.minPairsForWorkers ?? 200_000;
  let pool: ComparePool | null = null;
  try {
    // Workers start (and receive the table) as soon as the table is built, so that loading them
    // overlaps blocking on the main thread; a small input compares inline.
    const startPool = (table: LinkTable): void => { if (workers > 1 && !pool) pool = new ComparePool(workers, table, settings); };
    const { plan, left, right, total } = intoShared(planLinkage(records, settings, opts.seed, {
      tableBuilt: (t) => { if (minPairs === 0 || t.unitCount >= EARLY_WORKERS_MIN_UNITS) startPool(t); },
      ...(opts.checkpoint ? { checkpoint: opts.checkpoint } : {}),
    }));
    const out = new Float64Array(new SharedArrayBuffer(Math.max(1, total) * 8));
    if (workers === 1 || total < minPairs) {
      comparePairs(plan.table, comparatorsFor(settings), patternLayout(settings.comparisons), left, right, out, 0, total);
    } else {
      startPool(plan.table);
      await pool!.compare(left, right, out, total);
    }
    const slices: Float64Array[] = [];
    let at = 0;
    for (const s of [plan.candidates, ...plan.training, plan.random]) { slices.push(out.subarray(at, at + s.left.length)); at += s.left.length; }
    return finishLinkage(plan, {
      candidates: slices[0], training: slices.slice(1, 1 + plan.training.length), random: slices[slices.length - 1],
    }, opts.decisions ?? [], opts.keepScoredPairs ?? false);
  } finally {
    (pool as ComparePool | null)?.close();
  }
}

/** Units from which workers are started before the pairs are known (a 100k-record run has ~58k). */
const EARLY_WORKERS_MIN_UNITS = 20_000;

/** Compare workers, each holding a copy of the table (without keys and identifier texts, which comparing does not read). */
class ComparePool {
  private readonly workers: Worker[] = [];
  /** A worker that failed or exited before its pairs were sent (it cannot answer any more). */
  private failure: Error | null = null;

  constructor(n: number, table: LinkTable, settings: LinkSettings) {
    const setup: CompareTable = { table: { ...table, keys: [], idValues: [] }, settings };
    for (let w = 0; w < n; w++) {
      const worker = startWorker(new URL('./compare-worker.ts', import.meta.url), null);
      worker.on('error', (e) => { this.failure ??= e; });
      worker.on('exit', (code) => { this.failure ??= new Error(`compare worker exited with ${code}`); });
      worker.postMessage(setup);
      this.workers.push(worker);
    }
  }

  async compare(left: Uint32Array, right: Uint32Array, out: Float64Array, total: number): Promise<void> {
    if (this.failure) throw this.failure;
    const chunk = Math.ceil(total / this.workers.length);
    await Promise.all(this.workers.map((worker, w) => new Promise<void>((resolve, reject) => {
      const job: ComparePairs = {
        left: left.buffer as SharedArrayBuffer, right: right.buffer as SharedArrayBuffer, out: out.buffer as SharedArrayBuffer,
        from: w * chunk, to: Math.min(total, (w + 1) * chunk),
      };
      const onExit = (code: number): void => reject(new Error(`compare worker exited with ${code}`));
      worker.once('message', () => { worker.off('exit', onExit); resolve(); });
      worker.once('error', reject);
      worker.once('exit', onExit);
      worker.postMessage(job);
    })));
  }

  close(): void {
    for (const w of this.workers) void w.terminate();
  }
}

/**
 * The plan with its pairs moved into shared memory (one left and one right array, in the order
 * candidates, training sets, random pairs) that workers read: the plan reads them there through
 * views, so a county's pairs are held once, not twice.
 */
function intoShared(planned: LinkPlan): { plan: LinkPlan; left: Uint32Array; right: Uint32Array; total: number } {
  const sets: PairSet[] = [planned.candidates, ...planned.training, planned.random];
  const total = sets.reduce((a, s) => a + s.left.length, 0);
  const shared = (n: number): Uint32Array => new Uint32Array(new SharedArrayBuffer(Math.max(1, n) * 4));
  const left = shared(total), right = shared(total);
  let at = 0;
  const moved = sets.map((s) => {
    const n = s.left.length;
    left.set(s.left, at); right.set(s.right, at);
    const view = { left: left.subarray(at, at + n), right: right.subarray(at, at + n) };
    at += n;
    return view;
  });
  const plan: LinkPlan = {
    ...planned, candidates: { ...planned.candidates, ...moved[0] },
    training: planned.training.map((tr, i) => ({ ...tr, ...moved[1 + i] })), random: moved[moved.length - 1],
  };
  return { plan, left, right, total };
}
