import type { Command } from 'commander';
import type { CliContext } from '../cli-io.ts';
import { registerExplain } from './explain.ts';
import { registerIngest } from './ingest.ts';
import { registerPresets } from './presets.ts';
import { registerStages } from './stages.ts';
import { registerReview, registerTools } from './tools.ts';

/** Every command of spec §7, in the order `--help` lists them. */
export function registerCommands(program: Command, ctx: CliContext): void {
  registerStages(program, ctx);
  registerIngest(program, ctx);
  registerReview(program, ctx);
  registerExplain(program, ctx);
  registerPresets(program, ctx);
  registerTools(program, ctx);
}
