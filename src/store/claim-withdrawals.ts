import type { LedgerEntry, Withdrawal } from '../core/claims/types.ts';
import type { Store } from './open-store.ts';

/** Every withdrawal, all windows, in family_ref order. */
export async function readWithdrawals(store: Store): Promise<Withdrawal[]> {
  const rows = await store.db.selectFrom('claim_withdrawals').selectAll().orderBy('family_ref').execute();
  return rows.map((r) => ({ familyRef: r.family_ref, window: r.window, reason: r.reason, by: r.withdrawn_by, at: r.withdrawn_at }));
}

/** The family's ledger entry, or null. */
export async function readLedgerEntry(store: Store, familyRef: string): Promise<LedgerEntry | null> {
  const e = await store.db.selectFrom('claim_ledger').selectAll().where('family_ref', '=', familyRef).executeTakeFirst();
  return e ? { familyRef: e.family_ref, window: e.window, route: e.route as LedgerEntry['route'], amount: e.amount, submitted: e.submitted === 1, claimDate: e.claim_date } : null;
}

export async function insertWithdrawal(store: Store, w: Withdrawal, runId: number): Promise<void> {
  await store.db.insertInto('claim_withdrawals').values({
    family_ref: w.familyRef, window: w.window, reason: w.reason, withdrawn_by: w.by, withdrawn_at: w.at, run_id: runId,
  }).execute();
}
