import { UsageError } from '../../shared/errors.ts';
import type { Random } from '../../shared/random.ts';
import type { FamilyVerdict } from '../../shared/verdict.ts';
import { buildClaimSummary, type NotClaimedTally } from './build-claim-summary.ts';
import { buildSpotCheck, DEFAULT_SPOT_CHECK_FRACTION } from './build-spot-check.ts';
import { compareText } from './compare-text.ts';
import { evaluatePayment } from './evaluate-payment.ts';
import type { ClaimIssue, ClaimRow, ClaimSet, ClaimWindow, LedgerEntry, NotClaimedRow, Payments, Withdrawal } from './types.ts';

export interface ClaimAssemblerInput {
  readonly window: ClaimWindow;
  /** Every ledger entry in the database, all windows. */
  readonly ledger: readonly LedgerEntry[];
  /** Every withdrawal in the database, all windows. */
  readonly withdrawals?: readonly Withdrawal[];
  readonly payments: Payments;
  /** Most families the LA may ever claim for results, counting other windows' submitted claims; null/undefined = no cap. */
  readonly cap?: number | null;
  /** Seeded; derive the seed from the window and preset, never the clock, so a re-run draws the same sample. */
  readonly random: Random;
  readonly spotCheckFraction?: number;
}

/** The claim without its not-claimed rows, which `ClaimAssembler.notClaimedOf` gives family by family. */
export type AssembledClaim = Omit<ClaimSet, 'notClaimed' | 'evidence'>;

/**
 * The window's claim, a family at a time (spec §5), so that a county's verdicts need not be held:
 * `add` each verdict in family_ref order (compareText), then `finish`. `add` returns the family's
 * not-claimed rows as far as they are known then; a claimable family's fate waits for the cap, so
 * after `finish`, `notClaimedOf` gives any family's final rows again (for writing them a second
 * time, from a second read of the verdicts, without holding them). Only the claimable families
 * (the candidates) are held. `assembleClaims` is this over an array; see it for the ledger rules.
 */
export class ClaimAssembler {
  readonly #input: ClaimAssemblerInput;
  readonly #own: readonly LedgerEntry[];
  readonly #submitted: boolean;
  /** This window's submitted entries by family (reproduced as filed), first one per family. */
  readonly #filed = new Map<string, LedgerEntry>();
  readonly #blocking = new Map<string, string>();
  /** Each family's first withdrawal, by (family_ref, at). */
  readonly #withdrawn = new Map<string, Withdrawal>();
  readonly #ownWithdrawals: readonly Withdrawal[];
  readonly #claims: ClaimRow[] = [];
  readonly #issues: ClaimIssue[] = [];
  readonly #candidates: FamilyVerdict[] = [];
  readonly #tally: NotClaimedTally = { families: 0, byCode: new Map() };
  /** After `finish`: the rows of the candidates that were not claimed (cap reached, window submitted). */
  #late: Map<string, NotClaimedRow> | null = null;
  #last: string | null = null;

  constructor(input: ClaimAssemblerInput) {
    this.#input = input;
    const { window, ledger } = input;
    this.#own = ledger.filter((e) => e.window === window.window);
    this.#submitted = this.#own.some((e) => e.submitted);
    // A submitted window is reproduced as it was filed: claims submitted in later windows did not
    // exist then, so only earlier ones count (for reasons and the cap). An open window must avoid
    // every submitted claim, earlier or later, or a family could be claimed twice.
    for (const e of [...ledger].sort((a, b) => compareText(a.window, b.window))) {
      if (!e.submitted || e.window === window.window || this.#blocking.has(e.familyRef)) continue;
      if (this.#submitted && e.window > window.window) continue;
      this.#blocking.set(e.familyRef, e.window);
    }
    // A withdrawal blocks the family wherever it was claimed; a filed window is reproduced as filed.
    const withdrawals = [...(input.withdrawals ?? [])].sort((a, b) => compareText(a.familyRef, b.familyRef) || compareText(a.at, b.at));
    for (const w of withdrawals) if (!this.#withdrawn.has(w.familyRef)) this.#withdrawn.set(w.familyRef, w);
    this.#ownWithdrawals = withdrawals.filter((w) => w.window === window.window);
    if (this.#submitted) {
      const filedAt = this.#own.find((e) => e.submitted && e.claimDate !== undefined && e.claimDate !== window.claimDate)?.claimDate;
      if (filedAt) throw new UsageError(`window ${window.window} was submitted with claim date ${filedAt}; re-run it with --claim-date ${filedAt} to reproduce it`);
      for (const e of [...this.#own].sort((a, b) => compareText(a.familyRef, b.familyRef))) {
        if (e.submitted && !this.#filed.has(e.familyRef)) this.#filed.set(e.familyRef, e);
      }
    }
  }

  /** The next family's verdict (family_ref order, one per family); its not-claimed rows so far. */
  add(v: FamilyVerdict): readonly NotClaimedRow[] {
    if (this.#late) throw new Error('a verdict was added to a finished claim');
    if (this.#last !== null && compareText(this.#last, v.familyRef) >= 0) {
      throw new Error(this.#last === v.familyRef ? 'two verdicts for one family; the rule engine must give one per family' : 'verdicts must come in family_ref order');
    }
    this.#last = v.familyRef;
    if (v.claimDate !== this.#input.window.claimDate) throw new Error(`a verdict was evaluated at ${v.claimDate}, not at the window's claim date ${this.#input.window.claimDate}`);
    const filed = this.#filed.get(v.familyRef);
    if (filed) {
      this.#claims.push(this.#ledgerClaim(filed, v));
      if (v.route !== filed.route) this.#issues.push({ code: 'claim/verdict-changed', familyRef: filed.familyRef, message: `submitted as ${filed.route}; this run's data give ${v.route ?? 'no claimable route'}` });
      return [];
    }
    const rows = this.#rowsOf(v);
    if (rows === null) this.#candidates.push(v);
    else this.#count(rows);
    return rows ?? [];
  }

  /** Decides the claimable families (cap, submitted window) once every verdict is in. */
  finish(): AssembledClaim {
    if (this.#late) throw new Error('a claim was finished twice');
    const { window, payments, cap } = this.#input;
    // Filed claims whose family has no verdict in this run are reproduced from the ledger alone.
    const seen = new Set(this.#claims.map((c) => c.familyRef));
    for (const e of this.#filed.values()) {
      if (seen.has(e.familyRef)) continue;
      this.#claims.push(this.#ledgerClaim(e, undefined));
      this.#issues.push({ code: 'claim/verdict-missing', familyRef: e.familyRef, message: 'submitted claim reproduced from the ledger, but the family is not in this run\'s inputs' });
    }
    let remaining = cap == null ? null : Math.max(0, cap - this.#blocking.size - this.#claims.length);
    const late = new Map<string, NotClaimedRow>();
    // Under a cap, families attached earliest are claimed first; family_ref breaks ties.
    const candidates = this.#candidates.sort((a, b) => compareText(a.attachmentDate, b.attachmentDate) || compareText(a.familyRef, b.familyRef));
    for (const v of candidates) {
      const base = { familyRef: v.familyRef, attachmentDate: v.attachmentDate, eligible: true, claimedInWindow: null, headline: 'CLAIM' } as const;
      if (remaining !== null && remaining <= 0) {
        late.set(v.familyRef, { ...base, code: 'claim/cap-reached', reason: `the allocation cap of ${cap} families is reached` });
        continue;
      }
      // Checked after the cap so that, with unchanged inputs, a re-run explains each family as the filed run did.
      if (this.#submitted) {
        late.set(v.familyRef, { ...base, code: 'claim/window-submitted', reason: `window ${window.window} is already submitted; claim this family in a later window` });
        continue;
      }
      if (remaining !== null) remaining--;
      this.#claims.push({
        familyRef: v.familyRef, window: window.window, route: v.route!, attachmentDate: v.attachmentDate, claimDate: window.claimDate,
        problemsAtAttachment: v.problemsAtAttachment, problemsAchieved: v.problemsAchieved, amount: evaluatePayment(payments, window.claimDate, v.attachmentDate), status: 'new',
      });
    }
    for (const row of late.values()) this.#count([row]);
    this.#late = late;
    this.#candidates.length = 0;
    const claims = this.#claims.sort((a, b) => compareText(a.familyRef, b.familyRef));
    const spotCheck = buildSpotCheck(claims, this.#input.random, this.#input.spotCheckFraction ?? DEFAULT_SPOT_CHECK_FRACTION);
    return {
      window, withdrawals: this.#ownWithdrawals, submitted: this.#submitted, claims, spotCheck,
      issues: this.#issues.sort((a, b) => compareText(a.familyRef, b.familyRef)),
      summary: buildClaimSummary(window, claims, this.#tally, spotCheck.length, remaining, this.#ownWithdrawals.map((w) => w.familyRef)),
    };
  }

  /** After `finish`: the family's not-claimed rows, in the order of the not-claimed table (headline, code). */
  notClaimedOf(v: FamilyVerdict): readonly NotClaimedRow[] {
    if (!this.#late) throw new Error('notClaimedOf before finish');
    if (this.#filed.has(v.familyRef)) return [];
    const late = this.#late.get(v.familyRef);
    if (late) return [late];
    return sortRows(this.#rowsOf(v) ?? []);
  }

  #ledgerClaim(e: LedgerEntry, v: FamilyVerdict | undefined): ClaimRow {
    return {
      familyRef: e.familyRef, window: this.#input.window.window, route: e.route, attachmentDate: v?.attachmentDate ?? null,
      claimDate: this.#input.window.claimDate, problemsAtAttachment: v?.problemsAtAttachment ?? [],
      problemsAchieved: v?.problemsAchieved ?? [], amount: e.amount, status: 'ledger',
    };
  }

  /** A family's not-claimed rows decided by its verdict alone, or null for a claimable family (a candidate). */
  #rowsOf(v: FamilyVerdict): NotClaimedRow[] | null {
    const { window } = this.#input;
    const base = { familyRef: v.familyRef, attachmentDate: v.attachmentDate, eligible: v.eligible, claimedInWindow: null };
    const elsewhere = this.#blocking.get(v.familyRef);
    const withdrawn = this.#withdrawn.get(v.familyRef);
    if (withdrawn) {
      return [{ ...base, headline: 'CLAIM', code: 'claim/withdrawn', reason: `claimed in ${withdrawn.window} and withdrawn on ${withdrawn.at}; a withdrawn claim is not claimed again`, claimedInWindow: withdrawn.window }];
    } else if (elsewhere) {
      return [{ ...base, headline: 'CLAIM', code: 'claim/already-claimed', reason: `already claimed for results in ${elsewhere}; a family is claimed once only`, claimedInWindow: elsewhere }];
    } else if (!v.eligible) {
      return unmetRows(v, base, 'claim/not-eligible', 'not eligible at attachment');
    } else if (window.claimDate <= v.attachmentDate) {
      return [{ ...base, headline: 'CLAIM', code: 'claim/before-attachment', reason: `claim date ${window.claimDate} is not after the attachment date` }];
    } else if (v.route === null) {
      return unmetRows(v, base, 'claim/no-outcome', 'neither SSP nor continuous employment achieved');
    }
    return null;
  }

  /** One family's rows into the Summary's counts: families not claimed, and families per code. */
  #count(rows: readonly NotClaimedRow[]): void {
    if (rows.length === 0) return;
    this.#tally.families++;
    for (const code of new Set(rows.map((r) => r.code))) this.#tally.byCode.set(code, (this.#tally.byCode.get(code) ?? 0) + 1);
  }
}

/** The not-claimed table's order within a family (its rows all share the family_ref). */
export function sortRows(rows: NotClaimedRow[]): NotClaimedRow[] {
  return rows.sort((a, b) => compareText(a.headline, b.headline) || compareText(a.code, b.code));
}

function unmetRows(v: FamilyVerdict, base: Omit<NotClaimedRow, 'headline' | 'code' | 'reason'>, fallbackCode: string, fallbackReason: string): NotClaimedRow[] {
  if (v.unmet.length === 0) return [{ ...base, headline: 'FAMILY', code: fallbackCode, reason: fallbackReason }];
  return v.unmet.map((u) => ({ ...base, headline: u.headline, code: u.code, reason: u.reason }));
}
