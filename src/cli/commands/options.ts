import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { UsageError } from '../../shared/errors.ts';
import { DEFAULT_LIMITS, type InputLimits } from '../../shared/limits.ts';
import type { CliContext } from '../cli-io.ts';
import { isPostgresTarget } from '../../store/sql.ts';

export const dbOption = () => new Option('--db <file|url>', 'the workspace: a SQLite file, or a postgres://user@host/db URL').env('TFPBR_DB').default('tfpbr.db');
export const mappingsOption = () => new Option('--mappings <dir>', "folder of per-source mapping files for the LA's own column names and codes");
export const maxRejectOption = () => new Option('--max-reject-rate <fraction>', 'exit 1 when any file rejects more than this share of its rows')
  .default('0.1');

export function pathFrom(ctx: CliContext, p: string): string {
  return resolve(ctx.cwd, p);
}

/** The workspace database: a postgres:// URL as given, a SQLite file from the working folder. */
export function dbFrom(ctx: CliContext, db: string): string {
  return isPostgresTarget(db) ? db : resolve(ctx.cwd, db);
}

export function addIngestOptions(cmd: Command): Command {
  return cmd.addOption(dbOption()).addOption(mappingsOption()).addOption(maxRejectOption())
    .addOption(new Option('--max-row-drop <fraction>', 'exit 1 when a new file loads this share fewer rows than its source did last time').default('0.5'))
    .addOption(new Option('--max-field-length <chars>', 'reject a row with a longer value (row/field-too-long)').default(String(DEFAULT_LIMITS.maxFieldLength)))
    .addOption(new Option('--max-columns <n>', 'refuse a file whose header has more columns').default(String(DEFAULT_LIMITS.maxColumns)))
    .addOption(new Option('--max-xlsx-mib <MiB>', 'refuse a workbook that would expand to more (read from its zip directory)').default(String(DEFAULT_LIMITS.maxXlsxBytes / 2 ** 20)))
    .addOption(new Option('--max-xlsx-ratio <n>', 'refuse a workbook with a part that expands more times than this').default(String(DEFAULT_LIMITS.maxXlsxRatio)));
}

export interface LimitOptions { maxFieldLength: string; maxColumns: string; maxXlsxMib: string; maxXlsxRatio: string }

/** The input limits from their options, checked before anything runs. */
export function parseLimits(o: LimitOptions): InputLimits {
  const whole = (flag: string, text: string) => {
    const n = Number(text);
    if (!(/^\d+$/.test(text.trim()) && n >= 1 && Number.isSafeInteger(n))) throw new UsageError(`${flag} must be a whole number of 1 or more, not "${text}"`);
    return n;
  };
  return {
    maxFieldLength: whole('--max-field-length', o.maxFieldLength), maxColumns: whole('--max-columns', o.maxColumns),
    maxXlsxBytes: whole('--max-xlsx-mib', o.maxXlsxMib) * 2 ** 20, maxXlsxRatio: whole('--max-xlsx-ratio', o.maxXlsxRatio),
  };
}
