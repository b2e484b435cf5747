/**
 * The claim as data: what assembleClaims takes and returns. Money is in pounds (numbers with at
 * most two decimals); dates are ISO `YYYY-MM-DD`.
 */
import type { EvidenceFact, Headline, Route } from '../../shared/verdict.ts';

export interface ClaimWindow {
  /** `YYYY-Qn`, calendar quarters (Q1 = January–March). */
  readonly window: string;
  readonly start: string;
  readonly end: string;
  /** The window's last day unless overridden; outcomes are measured at this date. */
  readonly claimDate: string;
}

/** One row of the claim ledger as the store holds it. */
export interface LedgerEntry {
  readonly familyRef: string;
  readonly window: string;
  readonly route: Route;
  readonly amount: number;
  readonly submitted: boolean;
  /** The claim date the entry was filed with; when given, a re-run of a submitted window must use the same. */
  readonly claimDate?: string;
}

/**
 * A submitted claim withdrawn after a failed spot check or internal audit. The ledger keeps both
 * the claim and its withdrawal; a withdrawn family is not claimed again.
 */
export interface Withdrawal {
  readonly familyRef: string;
  /** The window the withdrawn claim was submitted in. */
  readonly window: string;
  readonly reason: string;
  /** Who withdrew it (staff name, as given). */
  readonly by: string;
  /** ISO date of the withdrawal. */
  readonly at: string;
}

/** Results payment in pounds; `byFinancialYear` (`2024/25` → pounds) overrides it for claim dates in that year. */
export interface Payments {
  readonly resultsPayment: number;
  readonly byFinancialYear?: Readonly<Record<string, number>>;
  /** By financial year of the attachment date (phase 1); overrides `byFinancialYear`. */
  readonly byAttachmentFinancialYear?: Readonly<Record<string, number>>;
  /** Earned Autonomy: outcomes are reported, no results payment is claimed. */
  readonly earnedAutonomy?: boolean;
}

export interface ClaimRow {
  readonly familyRef: string;
  readonly window: string;
  readonly route: Route;
  /** Null only for a reproduced ledger claim whose family has no verdict in this run. */
  readonly attachmentDate: string | null;
  readonly claimDate: string;
  readonly problemsAtAttachment: readonly Headline[];
  readonly problemsAchieved: readonly Headline[];
  readonly amount: number;
  /** `new`: claimed by this run; `ledger`: reproduced from the ledger (window already recorded as submitted). */
  readonly status: 'new' | 'ledger';
}

export interface NotClaimedRow {
  readonly familyRef: string;
  readonly attachmentDate: string;
  readonly eligible: boolean;
  readonly headline: Headline | 'CE' | 'FAMILY' | 'CLAIM';
  /** `rule/...` from the verdict's unmet outcomes, or `claim/...` from the ledger, window and cap. */
  readonly code: string;
  readonly reason: string;
  /** For `claim/already-claimed`: the window the family was claimed in. */
  readonly claimedInWindow: string | null;
}

export interface SpotCheckRow {
  readonly familyRef: string;
  readonly route: Route;
  readonly attachmentDate: string | null;
  readonly amount: number;
  /** 1-based order in which the seeded draw picked the family (the auditor's worklist order). */
  readonly drawOrder: number;
}

export interface RouteTotal { readonly count: number; readonly amount: number }

export interface ClaimSummary {
  readonly window: string;
  readonly claimDate: string;
  readonly claims: number;
  readonly amount: number;
  readonly newClaims: number;
  readonly ledgerClaims: number;
  readonly byRoute: Readonly<Record<Route, RouteTotal>>;
  /** Per headline, over the claimed families: how many had it at attachment and how many achieved it. */
  readonly byHeadline: readonly { readonly headline: Headline; readonly atAttachment: number; readonly achieved: number }[];
  /** Distinct families not claimed, and not-claimed rows counted by code. */
  readonly notClaimedFamilies: number;
  readonly notClaimedByCode: readonly { readonly code: string; readonly families: number }[];
  readonly spotCheck: number;
  /** Claims of this window withdrawn since it was submitted, and their amount. */
  readonly withdrawn: RouteTotal;
  /** Families still claimable under the allocation cap after this window; null when no cap. */
  readonly capRemaining: number | null;
}

/** Something the analyst should know about the claim that is not a reason for one family. */
export interface ClaimIssue {
  readonly code: 'claim/verdict-missing' | 'claim/verdict-changed';
  readonly familyRef: string;
  readonly message: string;
}

export interface ClaimSet {
  readonly window: ClaimWindow;
  /** Withdrawals of this window's submitted claims. */
  readonly withdrawals: readonly Withdrawal[];
  /** True when the window was already submitted: its claims are reproduced, none added. */
  readonly submitted: boolean;
  readonly claims: readonly ClaimRow[];
  /** The facts the claimed families' verdicts rest on. */
  readonly evidence: readonly EvidenceFact[];
  readonly notClaimed: readonly NotClaimedRow[];
  readonly spotCheck: readonly SpotCheckRow[];
  readonly summary: ClaimSummary;
  readonly issues: readonly ClaimIssue[];
}
