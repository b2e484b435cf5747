import { DEFAULT_LIMITS, type InputLimits } from '../shared/limits.ts';
import { withIngestWorkers } from './ingest/ingest-workers.ts';
import { prepareIngest } from './ingest/prepare-ingest.ts';
import { runIngest } from './ingest/run-ingest.ts';
import { logIngestSummary } from './ingest-summary.ts';
import type { CommandEnv } from './run-command.ts';

/**
 * `tfpbr ingest`: load the extracts of a folder. Apart from run-pipeline.ts so that ingest loads
 * none of the linkage, rules and reporting code; and the workers start and the files are checked
 * while the store's code (kysely) is still loading.
 */
export async function runIngestCommand(env: CommandEnv, opts: { inputs: string; mappings?: string; limits?: InputLimits }) {
  return withIngestWorkers(async (workers) => {
    const checks = { limits: opts.limits ?? DEFAULT_LIMITS, today: env.clock().toISOString().slice(0, 10) };
    const [files, { runCommand }] = await Promise.all([prepareIngest(opts.inputs, opts.mappings, env.log, checks), import('./run-command.ts')]);
    const ingested = await runCommand(env, 'ingest', { inputs: opts.inputs, mappings: opts.mappings }, async () => files, (ctx, planned) => runIngest(ctx, planned, workers));
    logIngestSummary(env.log, ingested);
    return ingested;
  });
}
