/**
 * Batches of items handed from a producer to a consumer that takes them at its own pace, holding
 * at most about `room` items: `push` resolves once fewer than that wait (the producer's
 * back-pressure), `items` yields them one at a time and, after `end`, returns the count `end` gave.
 * `fail` rejects the producer's waits and the consumer's reads from then on.
 */
export class BatchQueue<T> {
  readonly #batches: T[][] = [];
  #waiting = 0;
  #ended: number | null = null;
  #failed: { error: unknown } | null = null;
  #wakeConsumer: (() => void) | null = null;
  readonly #producers: { resolve: () => void; reject: (e: unknown) => void }[] = [];

  constructor(private readonly room: number) {}

  push(batch: T[]): Promise<void> {
    if (this.#failed) return Promise.reject(this.#failed.error);
    if (this.#ended !== null) return Promise.reject(new Error('a batch was pushed after the end'));
    this.#batches.push(batch);
    this.#waiting += batch.length;
    this.#wake();
    if (this.#waiting < this.room) return Promise.resolve();
    return new Promise((resolve, reject) => { this.#producers.push({ resolve, reject }); });
  }

  /** No more batches; `total` is what `items` returns. */
  end(total: number): void {
    this.#ended = total;
    this.#wake();
  }

  fail(error: unknown): void {
    this.#failed ??= { error };
    for (const p of this.#producers.splice(0)) p.reject(error);
    this.#wake();
  }

  async* items(): AsyncGenerator<T, number> {
    for (;;) {
      if (this.#failed) throw this.#failed.error;
      const batch = this.#batches.shift();
      if (batch) {
        this.#waiting -= batch.length;
        if (this.#waiting < this.room) for (const p of this.#producers.splice(0)) p.resolve();
        yield* batch;
      } else if (this.#ended !== null) {
        return this.#ended;
      } else {
        await new Promise<void>((resolve) => { this.#wakeConsumer = resolve; });
      }
    }
  }

  #wake(): void {
    const wake = this.#wakeConsumer;
    this.#wakeConsumer = null;
    wake?.();
  }
}
