import { readSpotCheck, type SpotCheckResult } from '../io/read-spot-check.ts';
import { UsageError } from '../shared/errors.ts';
import { insertWithdrawal, readLedgerEntry, readWithdrawals } from '../store/claim-withdrawals.ts';
import { runCommand, type CommandEnv } from './run-command.ts';

export interface WithdrawOptions {
  readonly window: string;
  readonly familyRef: string;
  readonly reason: string;
  readonly by: string;
}

/**
 * `tfpbr claim withdraw`: records the withdrawal of a submitted claim (after a failed spot check
 * or internal audit). The ledger keeps the claim and adds the withdrawal; the family is not
 * claimed again. Only a submitted claim of that window can be withdrawn, and only once.
 */
export async function runWithdrawCommand(env: CommandEnv, o: WithdrawOptions): Promise<void> {
  if (o.reason.trim() === '' || o.by.trim() === '') throw new UsageError('claim withdraw needs a non-empty --reason and --by');
  await runCommand(env, 'claim-withdraw', { window: o.window }, async () => undefined, async (ctx) => {
    const entry = await readLedgerEntry(ctx.store, o.familyRef);
    if (!entry || !entry.submitted || entry.window !== o.window) {
      throw new UsageError(`no submitted claim in window ${o.window} for that family (the ledger ${entry ? `has it in ${entry.submitted ? '' : 'draft '}window ${entry.window}` : 'has no claim for it'})`);
    }
    if ((await readWithdrawals(ctx.store)).some((w) => w.familyRef === o.familyRef)) throw new UsageError(`that family's claim in ${o.window} is already withdrawn`);
    await insertWithdrawal(ctx.store, { familyRef: o.familyRef, window: o.window, reason: o.reason.trim(), by: o.by.trim(), at: ctx.clock().toISOString().slice(0, 10) }, ctx.runId);
    // Counts only in the log: a family reference identifies a family.
    ctx.log.event('claim', 'withdrawn', { window: o.window });
  });
}

export interface CheckedResult {
  readonly window: string | null;
  readonly passed: readonly SpotCheckResult[];
  readonly failed: readonly SpotCheckResult[];
  readonly unchecked: readonly SpotCheckResult[];
}

/** `tfpbr claim checked`: the auditor's results read back from the Spot check sheet. */
export async function runCheckedCommand(file: string): Promise<CheckedResult> {
  const { window, rows } = await readSpotCheck(file);
  return {
    window,
    passed: rows.filter((r) => r.result === 'pass'),
    failed: rows.filter((r) => r.result === 'fail'),
    unchecked: rows.filter((r) => r.result === null),
  };
}
