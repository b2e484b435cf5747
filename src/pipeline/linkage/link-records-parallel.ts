/**
 * linkRecords with the comparisons (the expensive step) spread over worker threads, a batch of
 * candidate pairs at a time. Planning, blocking, estimation, scoring and clustering stay on the
 * main thread and every pair's comparison vector is a pure function of the table, so the result is
 * bit-identical to linkRecords.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { comparatorsFor, comparePairs, patternLayout } from '../../core/linkage/comparisons.ts';
import { finishLinkage, fitLinkModel } from '../../core/linkage/finish-linkage.ts';
import { CANDIDATE_BATCH, type LinkOptions } from '../../core/linkage/link-records.ts';
import { buildLinkTable, type LinkTable } from '../../core/linkage/link-table.ts';
import { StringKeys } from '../../core/linkage/record-keys.ts';
import { planLinkage, type LinkInput, type PairSet } from '../../core/linkage/plan-linkage.ts';
import { CandidateScores } from '../../core/linkage/score-candidates.ts';
import type { LinkIssue, LinkResult, LinkSettings } from '../../core/linkage/types.ts';
import { startWorker } from '../start-worker.ts';

export interface CompareTable { table: LinkTable; settings: LinkSettings }
export interface ComparePairs { left: SharedArrayBuffer; right: SharedArrayBuffer; out: SharedArrayBuffer; from: number; to: number }

export interface ParallelOptions extends LinkOptions {
  /** Worker threads (default: available cores). */
  readonly workers?: number;
  /** Below this many pairs to compare, workers cost more than they save. */
  readonly minPairsForWorkers?: number;
}

export async function linkRecordsParallel(input: LinkInput, settings: LinkSettings, opts: ParallelOptions): Promise<LinkResult> {
  const workers = Math.max(1, opts.workers ?? availableParallelism());
  const minPairs = opts.minPairsForWorkers ?? 200_000;
  let pool: ComparePool | null = null;
  try {
    // Workers start (and receive the table) as soon as the table is built, so that loading them
    // overlaps sampling and blocking on the main thread; a small input compares inline until it
    // has compared `minPairs` pairs.
    const startPool = (table: LinkTable): void => { if (workers > 1 && !pool) pool = new ComparePool(workers, table, settings); };
    // A table built here has its columns in shared memory, which the workers read rather than each
    // holding a copy (the link stage builds its own so).
    const issues: LinkIssue[] = 'table' in input ? input.issues : [];
    const table = 'table' in input ? input.table : buildLinkTable(input, settings.strongIds, issues, true);
    const plan = planLinkage({ table, issues }, settings, opts.seed, {
      tableBuilt: (t) => { if (minPairs === 0 || t.unitCount >= EARLY_WORKERS_MIN_UNITS) startPool(t); },
      ...(opts.checkpoint ? { checkpoint: opts.checkpoint } : {}),
    });
    const comparators = comparatorsFor(settings), layout = patternLayout(settings.comparisons);
    let compared = 0;
    const compare = async (b: Batch, n: number): Promise<void> => {
      if (!pool && compared + n >= minPairs) startPool(plan.table);
      compared += n;
      if (pool) await (pool as ComparePool).compare(b.left, b.right, b.out, n);
      else comparePairs(plan.table, comparators, layout, b.left, b.right, b.out, 0, n);
    };
    // The estimation samples first (the model scores the candidates as they come).
    const samples = batchOf([...plan.training, plan.random]);
    await compare(samples.batch, samples.total);
    const model = fitLinkModel(plan, samples.slices.slice(0, -1), samples.slices[samples.slices.length - 1]);
    // Candidates in batches, two in turn: blocking fills one while the workers compare the other.
    const scores = new CandidateScores(model.scorer, CandidateScores.floorFor(settings, opts.keepScoredPairs ?? false));
    const size = opts.candidateBatch ?? CANDIDATE_BATCH;
    const batches = [emptyBatch(size), emptyBatch(size)];
    let at = 0;
    let n = plan.candidates.fill(batches[at].left, batches[at].right);
    while (n > 0) {
      const b = batches[at];
      const comparing = compare(b, n);
      const next = plan.candidates.fill(batches[1 - at].left, batches[1 - at].right);
      await comparing;
      scores.add(b.left, b.right, b.out, n);
      at = 1 - at; n = next;
    }
    return finishLinkage(plan, model, scores, opts.decisions ?? [], opts.keepScoredPairs ?? false);
  } finally {
    (pool as ComparePool | null)?.close();
  }
}

/** Pairs and their comparison patterns, in memory the workers share. */
interface Batch { left: Uint32Array; right: Uint32Array; out: Float64Array }

function emptyBatch(n: number): Batch {
  const size = Math.max(1, n);
  return {
    left: new Uint32Array(new SharedArrayBuffer(size * 4)), right: new Uint32Array(new SharedArrayBuffer(size * 4)),
    out: new Float64Array(new SharedArrayBuffer(size * 8)),
  };
}

/** Pair sets moved into one shared batch, in order, with a view of each one's patterns. */
function batchOf(sets: readonly PairSet[]): { batch: Batch; total: number; slices: Float64Array[] } {
  const total = sets.reduce((a, s) => a + s.left.length, 0);
  const batch = emptyBatch(total);
  const slices: Float64Array[] = [];
  let at = 0;
  for (const s of sets) {
    batch.left.set(s.left, at); batch.right.set(s.right, at);
    slices.push(batch.out.subarray(at, at + s.left.length));
    at += s.left.length;
  }
  return { batch, total, slices };
}

/** Units from which workers are started before the pairs are known (a 100k-record run has ~58k). */
const EARLY_WORKERS_MIN_UNITS = 20_000;

/** Compare workers, each holding a copy of the table (without keys and identifier texts, which comparing does not read). */
class ComparePool {
  private readonly workers: Worker[] = [];
  /** A worker that failed or exited before its pairs were sent (it cannot answer any more). */
  private failure: Error | null = null;

  constructor(n: number, table: LinkTable, settings: LinkSettings) {
    const setup: CompareTable = { table: { ...table, keys: new StringKeys([]), idValues: [] }, settings };
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
        from: Math.min(total, w * chunk), to: Math.min(total, (w + 1) * chunk),
      };
      if (job.from >= job.to) { resolve(); return; }
      const onExit = (code: number): void => { worker.off('error', onError); reject(new Error(`compare worker exited with ${code}`)); };
      const onError = (e: Error): void => { worker.off('exit', onExit); reject(e); };
      worker.once('message', () => { worker.off('exit', onExit); worker.off('error', onError); resolve(); });
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.postMessage(job);
    })));
  }

  close(): void {
    for (const w of this.workers) void w.terminate();
  }
}
