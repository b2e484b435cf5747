/** assembleClaims as it was before the ClaimAssembler (main at decision 64), kept as the reference the streaming assembler must equal. */
import { UsageError } from '../../src/shared/errors.ts';
import type { Random } from '../../src/shared/random.ts';
import type { FamilyVerdict } from '../../src/shared/verdict.ts';
import { buildClaimSummary } from '../../src/core/claims/build-claim-summary.ts';
import { buildSpotCheck, DEFAULT_SPOT_CHECK_FRACTION } from '../../src/core/claims/build-spot-check.ts';
import { compareText } from '../../src/core/claims/compare-text.ts';
import { evaluatePayment } from '../../src/core/claims/evaluate-payment.ts';
import type { ClaimIssue, ClaimRow, ClaimSet, ClaimWindow, LedgerEntry, NotClaimedRow, Payments, Withdrawal } from '../../src/core/claims/types.ts';

interface AssembleClaimsInput {
  readonly window: ClaimWindow;
  /** One per attached family, evaluated at `window.claimDate`. */
  readonly verdicts: readonly FamilyVerdict[];
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

/**
 * The window's claim. Ledger rules (spec §5): a family is claimed for results at most once,
 * ever. Submitted entries of another window block the family (`claim/already-claimed`). If this
 * window is already submitted, its ledger entries are reproduced as they were filed and nothing
 * is added, so a re-run with the same inputs gives the same claim, reasons and sample, byte for
 * byte. Unsubmitted (draft) entries bind nothing: a draft window is simply recomputed.
 */
export function referenceAssembleClaims(input: AssembleClaimsInput): ClaimSet {
  const { window, ledger, payments } = input;
  const verdicts = [...input.verdicts].sort((a, b) => compareText(a.familyRef, b.familyRef));
  assertVerdicts(verdicts, window);
  const byFamily = new Map(verdicts.map((v) => [v.familyRef, v]));

  const own = ledger.filter((e) => e.window === window.window);
  const submitted = own.some((e) => e.submitted);
  // A submitted window is reproduced as it was filed: claims submitted in later windows did not
  // exist then, so only earlier ones count (for reasons and the cap). An open window must avoid
  // every submitted claim, earlier or later, or a family could be claimed twice.
  const blocking = new Map<string, string>();
  for (const e of [...ledger].sort((a, b) => compareText(a.window, b.window))) {
    if (!e.submitted || e.window === window.window || blocking.has(e.familyRef)) continue;
    if (submitted && e.window > window.window) continue;
    blocking.set(e.familyRef, e.window);
  }
  // A withdrawal blocks the family wherever it was claimed; a filed window is reproduced as filed.
  const withdrawals = [...(input.withdrawals ?? [])].sort((a, b) => compareText(a.familyRef, b.familyRef) || compareText(a.at, b.at));
  const ownWithdrawals = withdrawals.filter((w) => w.window === window.window);
  const issues: ClaimIssue[] = [];
  const claims: ClaimRow[] = [];
  const notClaimed: NotClaimedRow[] = [];

  if (submitted) {
    const filedAt = own.find((e) => e.submitted && e.claimDate !== undefined && e.claimDate !== window.claimDate)?.claimDate;
    if (filedAt) throw new UsageError(`window ${window.window} was submitted with claim date ${filedAt}; re-run it with --claim-date ${filedAt} to reproduce it`);
    for (const e of dedupeLedger(own.filter((x) => x.submitted).sort((a, b) => compareText(a.familyRef, b.familyRef)))) {
      const v = byFamily.get(e.familyRef);
      claims.push({
        familyRef: e.familyRef, window: window.window, route: e.route, attachmentDate: v?.attachmentDate ?? null,
        claimDate: window.claimDate, problemsAtAttachment: v?.problemsAtAttachment ?? [],
        problemsAchieved: v?.problemsAchieved ?? [], amount: e.amount, status: 'ledger',
      });
      if (!v) issues.push({ code: 'claim/verdict-missing', familyRef: e.familyRef, message: 'submitted claim reproduced from the ledger, but the family is not in this run\'s inputs' });
      else if (v.route !== e.route) issues.push({ code: 'claim/verdict-changed', familyRef: e.familyRef, message: `submitted as ${e.route}; this run's data give ${v.route ?? 'no claimable route'}` });
    }
  }
  const claimedHere = new Set(claims.map((c) => c.familyRef));
  let remaining = input.cap == null ? null : Math.max(0, input.cap - blocking.size - claims.length);

  const candidates: FamilyVerdict[] = [];
  for (const v of verdicts) {
    if (claimedHere.has(v.familyRef)) continue;
    const base = { familyRef: v.familyRef, attachmentDate: v.attachmentDate, eligible: v.eligible, claimedInWindow: null };
    const elsewhere = blocking.get(v.familyRef);
    const withdrawn = withdrawals.find((w) => w.familyRef === v.familyRef);
    if (withdrawn) {
      notClaimed.push({ ...base, headline: 'CLAIM', code: 'claim/withdrawn', reason: `claimed in ${withdrawn.window} and withdrawn on ${withdrawn.at}; a withdrawn claim is not claimed again`, claimedInWindow: withdrawn.window });
    } else if (elsewhere) {
      notClaimed.push({ ...base, headline: 'CLAIM', code: 'claim/already-claimed', reason: `already claimed for results in ${elsewhere}; a family is claimed once only`, claimedInWindow: elsewhere });
    } else if (!v.eligible) {
      notClaimed.push(...unmetRows(v, base, 'claim/not-eligible', 'not eligible at attachment'));
    } else if (window.claimDate <= v.attachmentDate) {
      notClaimed.push({ ...base, headline: 'CLAIM', code: 'claim/before-attachment', reason: `claim date ${window.claimDate} is not after the attachment date` });
    } else if (v.route === null) {
      notClaimed.push(...unmetRows(v, base, 'claim/no-outcome', 'neither SSP nor continuous employment achieved'));
    } else {
      candidates.push(v);
    }
  }

  // Under a cap, families attached earliest are claimed first; family_ref breaks ties.
  candidates.sort((a, b) => compareText(a.attachmentDate, b.attachmentDate) || compareText(a.familyRef, b.familyRef));
  for (const v of candidates) {
    const base = { familyRef: v.familyRef, attachmentDate: v.attachmentDate, eligible: true, claimedInWindow: null, headline: 'CLAIM' } as const;
    if (remaining !== null && remaining <= 0) {
      notClaimed.push({ ...base, code: 'claim/cap-reached', reason: `the allocation cap of ${input.cap} families is reached` });
      continue;
    }
    // Checked after the cap so that, with unchanged inputs, a re-run explains each family as the filed run did.
    if (submitted) {
      notClaimed.push({ ...base, code: 'claim/window-submitted', reason: `window ${window.window} is already submitted; claim this family in a later window` });
      continue;
    }
    if (remaining !== null) remaining--;
    claims.push({
      familyRef: v.familyRef, window: window.window, route: v.route!, attachmentDate: v.attachmentDate, claimDate: window.claimDate,
      problemsAtAttachment: v.problemsAtAttachment, problemsAchieved: v.problemsAchieved, amount: evaluatePayment(payments, window.claimDate, v.attachmentDate), status: 'new',
    });
  }

  claims.sort((a, b) => compareText(a.familyRef, b.familyRef));
  notClaimed.sort((a, b) => compareText(a.familyRef, b.familyRef) || compareText(a.headline, b.headline) || compareText(a.code, b.code));
  const claimed = new Set(claims.map((c) => c.familyRef));
  const evidence = verdicts.filter((v) => claimed.has(v.familyRef)).flatMap((v) => v.evidence)
    .sort((a, b) => compareText(a.familyRef, b.familyRef) || compareText(a.headline, b.headline) || compareText(a.ruleId, b.ruleId)
      || a.fileId - b.fileId || a.line - b.line || compareText(a.values, b.values));
  const spotCheck = buildSpotCheck(claims, input.random, input.spotCheckFraction ?? DEFAULT_SPOT_CHECK_FRACTION);
  return {
    window, withdrawals: ownWithdrawals, submitted, claims, evidence, notClaimed, spotCheck, issues: issues.sort((a, b) => compareText(a.familyRef, b.familyRef)),
    summary: buildClaimSummary(window, claims, notClaimed, spotCheck.length, remaining, ownWithdrawals.map((w) => w.familyRef)),
  };
}

function unmetRows(v: FamilyVerdict, base: Omit<NotClaimedRow, 'headline' | 'code' | 'reason'>, fallbackCode: string, fallbackReason: string): NotClaimedRow[] {
  if (v.unmet.length === 0) return [{ ...base, headline: 'FAMILY', code: fallbackCode, reason: fallbackReason }];
  return v.unmet.map((u) => ({ ...base, headline: u.headline, code: u.code, reason: u.reason }));
}

/** One entry per family: the ledger should never hold two, but a reproduction must not double-count if it does. */
function dedupeLedger(entries: readonly LedgerEntry[]): LedgerEntry[] {
  const seen = new Map<string, LedgerEntry>();
  for (const e of entries) if (!seen.has(e.familyRef)) seen.set(e.familyRef, e);
  return [...seen.values()];
}

function assertVerdicts(verdicts: readonly FamilyVerdict[], window: ClaimWindow): void {
  for (let i = 0; i < verdicts.length; i++) {
    const v = verdicts[i];
    if (i > 0 && verdicts[i - 1].familyRef === v.familyRef) throw new Error(`two verdicts for one family (index ${i}); the rule engine must give one per family`);
    if (v.claimDate !== window.claimDate) throw new Error(`a verdict was evaluated at ${v.claimDate}, not at the window's claim date ${window.claimDate}`);
  }
}
