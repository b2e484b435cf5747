/** Worker: evaluates the chunks the evaluate stage sends it (evaluate-chunks.ts), one at a time, answering each in turn. */
import { parentPort, workerData } from 'node:worker_threads';
import { chunkWorker, type ChunkJob, type EvaluateSetup } from './evaluate-chunks.ts';

const work = chunkWorker(workerData.job as EvaluateSetup);
parentPort!.on('message', (job: ChunkJob) => {
  try {
    parentPort!.postMessage({ ok: true, result: work(job) });
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    parentPort!.postMessage({ ok: false, error: { message: error.message, stack: error.stack } });
  }
});
