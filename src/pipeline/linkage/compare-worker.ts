/** Worker: computes comparison vectors for one slice of the pairs, into shared memory. */
import { parentPort, workerData } from 'node:worker_threads';
import { comparatorsFor, comparePairs, patternLayout } from '../../core/linkage/comparisons.ts';
import type { CompareJob } from './link-records-parallel.ts';

const job = workerData.job as CompareJob;
comparePairs(job.table, comparatorsFor(job.settings), patternLayout(job.settings.comparisons), new Uint32Array(job.left), new Uint32Array(job.right), new Float64Array(job.out), job.from, job.to);
parentPort!.postMessage('done');
