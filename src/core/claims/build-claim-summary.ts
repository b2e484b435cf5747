import { HEADLINES, type Headline, type Route } from '../../shared/verdict.ts';
import { compareText } from './compare-text.ts';
import { sumPounds } from './sum-pounds.ts';
import type { ClaimRow, ClaimSummary, ClaimWindow, NotClaimedRow } from './types.ts';

/** The not-claimed rows as the Summary counts them: distinct families, and distinct families per code. */
export interface NotClaimedTally { families: number; readonly byCode: Map<string, number> }

export function tallyNotClaimed(notClaimed: readonly NotClaimedRow[]): NotClaimedTally {
  const byCode = new Map<string, Set<string>>();
  for (const n of notClaimed) {
    const set = byCode.get(n.code) ?? new Set<string>();
    set.add(n.familyRef);
    byCode.set(n.code, set);
  }
  return { families: new Set(notClaimed.map((n) => n.familyRef)).size, byCode: new Map([...byCode].map(([code, fams]) => [code, fams.size])) };
}

/**
 * Totals computed from the rows themselves, so the Summary sheet always equals the sum of the Claims sheet.
 * The not-claimed rows may come counted already (a county's are not held).
 */
export function buildClaimSummary(
  window: ClaimWindow, claims: readonly ClaimRow[], notClaimed: readonly NotClaimedRow[] | NotClaimedTally,
  spotCheck: number, capRemaining: number | null, withdrawn: readonly string[] = [],
): ClaimSummary {
  const route = (r: Route) => {
    const rows = claims.filter((c) => c.route === r);
    return { count: rows.length, amount: sumPounds(rows.map((c) => c.amount)) };
  };
  const headlines = orderHeadlines(claims.flatMap((c) => [...c.problemsAtAttachment, ...c.problemsAchieved]));
  const tally = 'byCode' in notClaimed ? notClaimed : tallyNotClaimed(notClaimed);
  return {
    window: window.window,
    claimDate: window.claimDate,
    claims: claims.length,
    amount: sumPounds(claims.map((c) => c.amount)),
    newClaims: claims.filter((c) => c.status === 'new').length,
    ledgerClaims: claims.filter((c) => c.status === 'ledger').length,
    byRoute: { SSP: route('SSP'), CE: route('CE') },
    byHeadline: headlines.map((headline) => ({
      headline,
      atAttachment: claims.filter((c) => c.problemsAtAttachment.includes(headline)).length,
      achieved: claims.filter((c) => c.problemsAchieved.includes(headline)).length,
    })),
    notClaimedFamilies: tally.families,
    notClaimedByCode: [...tally.byCode].sort(([a], [b]) => compareText(a, b)).map(([code, families]) => ({ code, families })),
    spotCheck,
    withdrawn: { count: withdrawn.length, amount: sumPounds(claims.filter((c) => withdrawn.includes(c.familyRef)).map((c) => c.amount)) },
    capRemaining,
  };
}

/** The preset's known headlines in programme order, then any others alphabetically. */
export function orderHeadlines(headlines: Iterable<Headline>): Headline[] {
  const known = HEADLINES as readonly string[];
  const set = new Set(headlines);
  return [...set].sort((a, b) => {
    const ia = known.indexOf(a), ib = known.indexOf(b);
    if (ia >= 0 || ib >= 0) return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib);
    return compareText(a, b);
  });
}
