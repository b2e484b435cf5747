import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { CliContext } from '../cli-io.ts';

export const dbOption = () => new Option('--db <file>', 'the workspace SQLite database').env('TFPBR_DB').default('tfpbr.db');
export const mappingsOption = () => new Option('--mappings <dir>', "folder of per-source mapping files for the LA's own column names and codes");
export const maxRejectOption = () => new Option('--max-reject-rate <fraction>', 'exit 1 when any file rejects more than this share of its rows')
  .default('0.1');

export function pathFrom(ctx: CliContext, p: string): string {
  return resolve(ctx.cwd, p);
}

export function addIngestOptions(cmd: Command): Command {
  return cmd.addOption(dbOption()).addOption(mappingsOption()).addOption(maxRejectOption());
}
