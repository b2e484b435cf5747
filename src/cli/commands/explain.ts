import type { Command } from 'commander';
import type { CliContext } from '../cli-io.ts';
import { dbFrom, dbOption, pathFrom } from './options.ts';

export function registerExplain(program: Command, ctx: CliContext): void {
  program.command('explain <familyRef>')
    .description("a family's story: members, every linked record (file:line), each headline's evidence and verdict, and whether it was claimed")
    .option('--window <window>', "at this window's claim date (default: the latest evaluation)")
    .addOption(dbOption())
    .action(async (familyRef: string, o: { window?: string; db: string }) => {
      const { explainFamily } = await import('../../pipeline/explain.ts');
      ctx.stdout.write(await explainFamily(dbFrom(ctx, o.db), familyRef, o.window));
    });
}
