import type { Command } from 'commander';
import { EXIT } from '../../shared/errors.ts';
import type { CliContext } from '../cli-io.ts';
import { dbFrom, dbOption, pathFrom } from './options.ts';

const auditing = () => import('../../pipeline/claim-audit.ts');

/** `claim withdraw` and `claim checked`: the audit side of a submitted claim. */
export function registerClaimAudit(claim: Command, ctx: CliContext): void {
  claim.command('withdraw')
    .description('record the withdrawal of a submitted claim (after a failed spot check or audit); the ledger keeps both')
    .requiredOption('--window <window>', 'the window the claim was submitted in')
    .requiredOption('--family <ref>', 'the family_ref of the claim')
    .requiredOption('--reason <text>', 'why it is withdrawn')
    .requiredOption('--by <name>', 'who withdraws it')
    .addOption(dbOption())
    .action(async (o: { window: string; family: string; reason: string; by: string; db: string }) => {
      await (await auditing()).runWithdrawCommand({ dbPath: dbFrom(ctx, o.db), clock: ctx.clock, log: ctx.logger() },
        { window: o.window, familyRef: o.family, reason: o.reason, by: o.by });
      ctx.stdout.write(`withdrawn: ${o.family} (${o.window})\n`);
    });

  claim.command('checked')
    .description("read the auditor's checked_by / result back from a claim workbook's Spot check sheet; failed checks are listed for withdrawal (exit 1)")
    .requiredOption('--file <xlsx>', 'the claim workbook with the Spot check sheet filled in')
    .action(async (o: { file: string }) => {
      const r = await (await auditing()).runCheckedCommand(pathFrom(ctx, o.file));
      ctx.stdout.write(`spot check${r.window ? ` ${r.window}` : ''}: ${r.passed.length} passed, ${r.failed.length} failed, ${r.unchecked.length} not yet checked\n`);
      for (const f of r.failed) {
        ctx.stdout.write(`failed: ${f.familyRef} (checked by ${f.checkedBy}): withdraw with tfpbr claim withdraw --window ${r.window ?? 'W'} --family ${f.familyRef} --reason "failed spot check" --by NAME\n`);
      }
      if (r.failed.length > 0) ctx.setExitCode(EXIT.dataPolicy);
    });
}
