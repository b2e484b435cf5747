import { parentPort, workerData, type Transferable, type Worker } from 'node:worker_threads';
import { OutOfMemoryError } from './heap-guard.ts';
import { startWorker } from './start-worker.ts';

type Answer = { ok: true; result: unknown } | { ok: false; error: { name: string; message: string; stack?: string } };

/**
 * A worker thread that is sent jobs and answers them in the order they were sent (its module
 * serves them with `serveInTurn`). A job the worker fails rejects with the worker's error (a
 * heap guard's stays an OutOfMemoryError, exit 70); a worker that errs or stops rejects every job
 * waiting and every later one, as does a closed one.
 */
export class WorkerInTurn<Job, Result> {
  readonly #worker: Worker;
  readonly #waiting: { resolve: (r: Result) => void; reject: (e: unknown) => void }[] = [];
  #failed: unknown = null;

  /** `what` names the worker in its errors ("the evaluate worker stopped"); `youngMib`: see `startWorker`. */
  constructor(entry: URL, setup: unknown, private readonly what: string, youngMib?: number) {
    this.#worker = startWorker(entry, setup, youngMib);
    this.#worker.on('message', (m: Answer) => {
      const w = this.#waiting.shift()!;
      if (m.ok) w.resolve(m.result as Result);
      else w.reject(Object.assign(m.error.name === 'OutOfMemoryError' ? new OutOfMemoryError(m.error.message) : new Error(m.error.message), { stack: m.error.stack }));
    });
    const fail = (e: unknown) => {
      this.#failed ??= e;
      for (const w of this.#waiting.splice(0)) w.reject(e);
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', (code) => fail(new Error(`the ${what} worker stopped (exit ${code})`)));
  }

  /** Sends a job (`transfer`: buffers moved to the worker, not copied); its answer comes in turn. */
  run(job: Job, transfer: readonly Transferable[] = []): Promise<Result> {
    if (this.#failed) return Promise.reject(this.#failed);
    return new Promise((resolve, reject) => {
      this.#waiting.push({ resolve, reject });
      this.#worker.postMessage(job, transfer);
    });
  }

  async close(): Promise<void> {
    this.#failed ??= new Error(`the ${this.what} worker was closed`);
    await this.#worker.terminate();
  }
}

/**
 * A worker module's side of `WorkerInTurn`: `start` makes the job handler from the setup it was
 * started with. A handler may answer later (a promise): the jobs after it wait their turn.
 */
export function serveInTurn<Setup, Job>(start: (setup: Setup) => (job: Job) => unknown): void {
  const handle = start(workerData.job as Setup);
  let turn = Promise.resolve();
  parentPort!.on('message', (job: Job) => {
    turn = turn.then(async () => {
      let answer: Answer;
      try {
        answer = { ok: true, result: await handle(job) };
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        answer = { ok: false, error: { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) } };
      }
      parentPort!.postMessage(answer);
    });
  });
}
