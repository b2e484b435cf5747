import type { Command } from 'commander';
import { filesOverRejectLimit } from '../../pipeline/ingest/prepare-ingest.ts';
import type { IngestedFile } from '../../pipeline/ingest/run-ingest.ts';
import type { Logger } from '../../shared/context.ts';
import { EXIT, UsageError } from '../../shared/errors.ts';
import type { CliContext } from '../cli-io.ts';
import { addIngestOptions, parseLimits, pathFrom, type LimitOptions } from './options.ts';

export interface IngestOptions extends LimitOptions { inputs: string; db: string; mappings?: string; maxRejectRate: string }

export function registerIngest(program: Command, ctx: CliContext): void {
  addIngestOptions(program.command('ingest')
    .description('load every extract in a folder into the workspace database (nothing is written if any file is unusable)')
    .requiredOption('--inputs <dir>', 'folder holding the extracts (CSV or XLSX)'))
    .action(async (opts: IngestOptions) => {
      const limit = parseRejectRate(opts.maxRejectRate);
      const limits = parseLimits(opts);
      const log = ctx.logger();
      const { runIngestCommand } = await import('../../pipeline/run-ingest-command.ts');
      const files = await runIngestCommand({ dbPath: pathFrom(ctx, opts.db), clock: ctx.clock, log },
        { inputs: pathFrom(ctx, opts.inputs), mappings: opts.mappings && pathFrom(ctx, opts.mappings), limits });
      applyRejectPolicy(ctx, files, limit, log);
    });
}

/** Prints the per-file summary and sets exit code 1 when a file rejected more than the policy allows. */
export function applyRejectPolicy(ctx: CliContext, files: readonly IngestedFile[], limit: number, log: Logger): void {
  const total = files.reduce((t, f) => ({ read: t.read + f.read, loaded: t.loaded + f.loaded, rejected: t.rejected + f.rejected }),
    { read: 0, loaded: 0, rejected: 0 });
  log.event('ingest', 'summary', { files: files.length, ...total });
  const over = filesOverRejectLimit(files, limit);
  if (over.length > 0) {
    log.event('ingest', 'reject-policy-exceeded', { files: over.map((f) => f.name), limit });
    ctx.setExitCode(EXIT.dataPolicy);
  }
}

/** Checked before anything runs, so a typo in the option never costs a whole ingest. */
export function parseRejectRate(text: string): number {
  const limit = Number(text);
  if (!(text.trim() !== '' && limit >= 0 && limit <= 1)) throw new UsageError(`--max-reject-rate must be a fraction between 0 and 1, not "${text}"`);
  return limit;
}
