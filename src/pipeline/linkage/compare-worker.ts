/**
 * Worker: is sent the link table first (while the main thread is still blocking), then slices
 * of pair batches to compare into shared memory, one at a time; answers 'done' to each.
 */
import { parentPort } from 'node:worker_threads';
import { comparatorsFor, comparePairs, patternLayout } from '../../core/linkage/comparisons.ts';
import type { CompareTable, ComparePairs } from './link-records-parallel.ts';

parentPort!.once('message', (setup: CompareTable) => {
  const comparators = comparatorsFor(setup.settings), layout = patternLayout(setup.settings.comparisons);
  parentPort!.on('message', (job: ComparePairs) => {
    comparePairs(setup.table, comparators, layout, new Uint32Array(job.left), new Uint32Array(job.right), new Float64Array(job.out), job.from, job.to);
    parentPort!.postMessage('done');
  });
});
