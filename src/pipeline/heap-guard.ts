import { getHeapStatistics } from 'node:v8';
import { TfpbrError, EXIT } from '../shared/errors.ts';

/** Below this share of the heap limit still free, a stage stops rather than let Node abort. */
const MIN_FREE_SHARE = 0.1;

export class OutOfMemoryError extends TfpbrError {
  constructor(message: string) { super(message, EXIT.internal); }
}

/**
 * Called between chunks of work: when the JavaScript heap is nearly full, fail with exit 70 and
 * say what to do, instead of Node aborting with "heap out of memory" (which skips the rollback and
 * leaves the lock file behind). The run's transaction is rolled back.
 */
export function checkHeap(stage: string, limits: { used: number; limit: number } = heapNow()): void {
  if (limits.limit - limits.used >= limits.limit * MIN_FREE_SHARE) return;
  const mib = (n: number) => Math.round(n / 2 ** 20);
  throw new OutOfMemoryError(`${stage}: the JavaScript heap is nearly full (${mib(limits.used)} of ${mib(limits.limit)} MiB); `
    + 'nothing was saved. Run again with more heap (TFPBR_HEAP_LIMIT_MIB=8192 or NODE_OPTIONS=--max-old-space-size=8192 tfpbr …) on a machine with that much free memory, '
    + 'and report the county size to the tfpbr maintainers');
}

/**
 * The limit the guard works to: the process's heap limit, which run-in-child.mjs sets from
 * TFPBR_HEAP_LIMIT_MIB (`--max-old-space-size`); TFPBR_HEAP_LIMIT_MIB also lowers it when the command
 * runs in-process (tests, benches) with a larger heap.
 */
function heapNow(): { used: number; limit: number } {
  const h = getHeapStatistics();
  const own = Number(process.env.TFPBR_HEAP_LIMIT_MIB);
  return { used: h.used_heap_size, limit: own > 0 ? Math.min(h.heap_size_limit, own * 2 ** 20) : h.heap_size_limit };
}
