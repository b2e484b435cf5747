import { Worker } from 'node:worker_threads';

/**
 * Starts a TypeScript worker module; it reads its job from `workerData.job`. `youngMib`: the
 * most its heap's space for new objects may grow to (V8's default otherwise).
 */
export function startWorker(entry: URL, job: unknown, youngMib?: number): Worker {
  return new Worker(new URL('./ts-worker.mjs', import.meta.url), {
    workerData: { entry: entry.href, job }, ...(youngMib ? { resourceLimits: { maxYoungGenerationSizeMb: youngMib } } : {}),
  });
}
