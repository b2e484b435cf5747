import type { ClaimSet, LedgerEntry } from './types.ts';

/**
 * The ledger rows a claim set stands for: what `tfpbr claim` stores as a draft
 * (`submitted: false`, replacing the window's previous drafts) and `claim --submit` stores as
 * submitted. Build them from a fresh assembleClaims at submit time, not from an old draft, so a
 * family submitted in another window since the draft cannot be claimed twice.
 */
export function buildLedgerEntries(set: ClaimSet, submitted: boolean): LedgerEntry[] {
  return set.claims.map((c) => ({ familyRef: c.familyRef, window: c.window, route: c.route, amount: c.amount, submitted, claimDate: c.claimDate }));
}
