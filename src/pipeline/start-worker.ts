import { Worker } from 'node:worker_threads';

/** Starts a TypeScript worker module; it reads its job from `workerData.job`. */
export function startWorker(entry: URL, job: unknown): Worker {
  return new Worker(new URL('./ts-worker.mjs', import.meta.url), { workerData: { entry: entry.href, job } });
}
