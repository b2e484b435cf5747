/**
 * Worker: is sent the link table first (while the main thread is still blocking), then one slice
 * of the pairs to compare into shared memory; answers 'done'.
 */
import { parentPort } from 'node:worker_threads';
import { comparatorsFor, comparePairs, patternLayout } from '../../core/linkage/comparisons.ts';
import type { CompareTable, ComparePairs } from './link-records-parallel.ts';

parentPort!.once('message', (setup: CompareTable) => {
  parentPort!.once('message', (job: ComparePairs) => {
    comparePairs(setup.table, comparatorsFor(setup.settings), patternLayout(setup.settings.comparisons),
      new Uint32Array(job.left), new Uint32Array(job.right), new Float64Array(job.out), job.from, job.to);
    parentPort!.postMessage('done');
  });
});
