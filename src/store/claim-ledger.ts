import type { LedgerEntry } from '../core/claims/types.ts';
import type { Store } from './open-store.ts';

/** A ledger row as stored (and as `audit archive` copies it). */
export interface StoredLedgerEntry {
  readonly family_ref: string; readonly window: string; readonly route: string; readonly amount: number;
  readonly claim_date: string; readonly submitted: number;
}

/** Every ledger entry, all windows, in family_ref order. */
export function readLedger(store: Store): LedgerEntry[] {
  return readStoredLedger(store, false).map((e) => ({ familyRef: e.family_ref, window: e.window, route: e.route as LedgerEntry['route'],
    amount: e.amount, submitted: e.submitted === 1, claimDate: e.claim_date }));
}

/** The ledger rows as stored, in family_ref order (only the submitted ones when asked). */
export function readStoredLedger(store: Store, submittedOnly: boolean): StoredLedgerEntry[] {
  return store.sqlite.prepare(`SELECT family_ref, window, route, amount, claim_date, submitted FROM claim_ledger
    ${submittedOnly ? 'WHERE submitted = 1' : ''} ORDER BY family_ref`).all() as StoredLedgerEntry[];
}

/** The one place a claim enters the ledger; the primary key (family_ref) refuses a second entry for a family. */
export function insertLedgerEntries(store: Store, entries: readonly StoredLedgerEntry[], runId: number): void {
  const insert = store.sqlite.prepare('INSERT INTO claim_ledger (family_ref, window, route, amount, claim_date, run_id, submitted) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const e of entries) insert.run(e.family_ref, e.window, e.route, e.amount, e.claim_date, runId, e.submitted);
}
