import type { Command } from 'commander';
import { filesOverRejectLimit, filesWithRowDrop } from '../../pipeline/ingest/prepare-ingest.ts';
import type { IngestedFile } from '../../pipeline/ingest/run-ingest.ts';
import type { Logger } from '../../shared/context.ts';
import { EXIT, UsageError } from '../../shared/errors.ts';
import type { CliContext } from '../cli-io.ts';
import { addIngestOptions, parseLimits, dbFrom, pathFrom, type LimitOptions } from './options.ts';

export interface IngestOptions extends LimitOptions { inputs: string; db: string; mappings?: string; maxRejectRate: string; maxRowDrop: string }

export function registerIngest(program: Command, ctx: CliContext): void {
  addIngestOptions(program.command('ingest')
    .description('load every extract in a folder into the workspace database (nothing is written if any file is unusable)')
    .requiredOption('--inputs <dir>', 'folder holding the extracts (CSV or XLSX)'))
    .action(async (opts: IngestOptions) => {
      const limit = parseRejectRate(opts.maxRejectRate);
      const maxDrop = parseFraction('--max-row-drop', opts.maxRowDrop);
      const limits = parseLimits(opts);
      const log = ctx.logger();
      const { runIngestCommand } = await import('../../pipeline/run-ingest-command.ts');
      const files = await runIngestCommand({ dbPath: dbFrom(ctx, opts.db), clock: ctx.clock, log },
        { inputs: pathFrom(ctx, opts.inputs), mappings: opts.mappings && pathFrom(ctx, opts.mappings), limits });
      applyRejectPolicy(ctx, files, limit, log, maxDrop);
    });
}

/**
 * Sets exit code 1 when a file rejected more than the policy allows (saying which, by how much, and what
 * to do), or loaded far fewer rows than its source did last time (`--max-row-drop`).
 */
export function applyRejectPolicy(ctx: CliContext, files: readonly IngestedFile[], limit: number, log: Logger, maxDrop = 1): void {
  const over = filesOverRejectLimit(files, limit);
  if (over.length > 0) {
    log.event('ingest', 'reject-policy-exceeded', {
      files: over.map((f) => `${f.name} (${f.rejected} of ${f.read} rows rejected, ${((f.rejected / Math.max(f.read, 1)) * 100).toFixed(1)}%)`),
      limit: `${(limit * 100).toFixed(1)}%`,
      note: 'the outputs were written, but check these files (rejects.csv gives each row and reason) or raise --max-reject-rate',
    });
    ctx.setExitCode(EXIT.dataPolicy);
  }
  for (const f of filesWithRowDrop(files, maxDrop)) {
    // file/row-drop: counts only; the data-quality figure the analyst checks before the claim goes out.
    log.event('ingest', 'row-drop', { file: f.name, source: f.source, loaded: f.loaded, previousLoaded: f.previousLoaded ?? 0, limit: maxDrop });
    ctx.setExitCode(EXIT.dataPolicy);
  }
}

export function parseFraction(flag: string, text: string): number {
  const n = Number(text);
  if (!(text.trim() !== '' && n >= 0 && n <= 1)) throw new UsageError(`${flag} must be a fraction between 0 and 1, not "${text}"`);
  return n;
}

/** Checked before anything runs, so a typo in the option never costs a whole ingest. */
export function parseRejectRate(text: string): number {
  return parseFraction('--max-reject-rate', text);
}
