import type { LedgerEntry } from '../core/claims/types.ts';
import type { Store } from './open-store.ts';

/** A ledger row as stored (and as `audit archive` copies it). */
export interface StoredLedgerEntry {
  readonly family_ref: string; readonly window: string; readonly route: string; readonly amount: number;
  readonly claim_date: string; readonly submitted: number;
}

/** Every ledger entry, all windows, in family_ref order. */
export async function readLedger(store: Store): Promise<LedgerEntry[]> {
  return (await readStoredLedger(store)).map((e) => ({ familyRef: e.family_ref, window: e.window, route: e.route as LedgerEntry['route'],
    amount: e.amount, submitted: e.submitted === 1, claimDate: e.claim_date }));
}

/**
 * The ledger rows as stored, in family_ref order: every row, or (`upTo`) the submitted ones, of
 * windows up to `upTo.window` when given (what a submitted window saw) or of every window.
 */
export async function readStoredLedger(store: Store, upTo?: { readonly window: string | null }): Promise<StoredLedgerEntry[]> {
  const where = !upTo ? '' : upTo.window === null ? 'WHERE submitted = 1' : 'WHERE submitted = 1 AND "window" <= ?';
  return store.sql.all<StoredLedgerEntry>(`SELECT family_ref, "window", route, amount, claim_date, submitted FROM claim_ledger ${where} ORDER BY family_ref`,
    upTo?.window ? [upTo.window] : []);
}

/** The one place a claim enters the ledger; the primary key (family_ref) refuses a second entry for a family. */
export async function insertLedgerEntries(store: Store, entries: readonly StoredLedgerEntry[], runId: number): Promise<void> {
  const writer = store.sql.bulkWriter('claim_ledger', ['family_ref', '"window"', 'route', 'amount', 'claim_date', 'run_id', 'submitted']);
  for (const e of entries) writer.add([e.family_ref, e.window, e.route, e.amount, e.claim_date, runId, e.submitted]);
  await writer.end();
}
