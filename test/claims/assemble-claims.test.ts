import { describe, expect, it } from 'vitest';
import { assembleClaims, type AssembleClaimsInput } from '../../src/core/claims/assemble-claims.ts';
import { buildLedgerEntries } from '../../src/core/claims/build-ledger-entries.ts';
import { parseWindow } from '../../src/core/claims/parse-window.ts';
import type { LedgerEntry } from '../../src/core/claims/types.ts';
import { createRandom } from '../../src/shared/random.ts';
import { verdict } from './fixtures.ts';

const Q2 = parseWindow('2024-Q2');
const Q3 = parseWindow('2024-Q3');
const at = (w: typeof Q2) => ({ claimDate: w.claimDate });

function run(over: Partial<AssembleClaimsInput>) {
  return assembleClaims({ window: Q3, verdicts: [], ledger: [], payments: { resultsPayment: 800 }, random: createRandom('t'), ...over });
}

/** What `claim --submit` stores for a claim set. */
const submit = (set: ReturnType<typeof run>): LedgerEntry[] => buildLedgerEntries(set, true);

describe('assembleClaims', () => {
  it('claims claimable families at the preset amount and explains the rest', () => {
    const set = run({
      verdicts: [
        verdict('F3', { route: 'CE', ssp: false, ce: true }),
        verdict('F1'),
        verdict('F2', { route: null, unmet: [{ headline: 'EDUCATION', code: 'rule/threshold-missed', reason: 'absence 12% in summer term' }] }),
        verdict('F4', { eligible: false, route: null, unmet: [] }),
      ],
    });
    expect(set.claims.map((c) => [c.familyRef, c.route, c.amount, c.status])).toEqual([['F1', 'SSP', 800, 'new'], ['F3', 'CE', 800, 'new']]);
    expect(set.notClaimed.map((n) => [n.familyRef, n.headline, n.code])).toEqual([
      ['F2', 'EDUCATION', 'rule/threshold-missed'], ['F4', 'FAMILY', 'claim/not-eligible'],
    ]);
    expect(set.evidence.map((e) => e.familyRef)).toEqual(['F1', 'F1', 'F3', 'F3']);
    expect(set.summary).toMatchObject({ claims: 2, amount: 1600, byRoute: { SSP: { count: 1, amount: 800 }, CE: { count: 1, amount: 800 } }, notClaimedFamilies: 2 });
  });

  it('takes the payment for the claim date\'s financial year when the preset has one', () => {
    const payments = { resultsPayment: 800, byFinancialYear: { '2024/25': 850, '2023/24': 780 } };
    expect(run({ verdicts: [verdict('F1')], payments }).claims[0].amount).toBe(850);
    const q1 = parseWindow('2024-Q1');
    expect(run({ window: q1, verdicts: [verdict('F1', at(q1))], payments }).claims[0].amount).toBe(780);
  });

  it('never claims a family whose claim date is not after attachment', () => {
    const set = run({ verdicts: [verdict('F1', { attachmentDate: '2024-09-30' }), verdict('F2', { attachmentDate: '2024-10-02' })] });
    expect(set.claims).toEqual([]);
    expect(set.notClaimed.map((n) => n.code)).toEqual(['claim/before-attachment', 'claim/before-attachment']);
  });

  it('a family claimed and submitted in Q2 is not claimed again in Q3, and says where it was claimed', () => {
    const q2 = run({ window: Q2, verdicts: [verdict('F1', at(Q2)), verdict('F2', { ...at(Q2), route: null })] });
    expect(q2.claims.map((c) => c.familyRef)).toEqual(['F1']);
    const q3 = run({ window: Q3, verdicts: [verdict('F1'), verdict('F2')], ledger: submit(q2) });
    expect(q3.claims.map((c) => c.familyRef)).toEqual(['F2']);
    expect(q3.notClaimed).toEqual([expect.objectContaining({ familyRef: 'F1', code: 'claim/already-claimed', claimedInWindow: '2024-Q2' })]);
  });

  it('re-running a submitted Q2 reproduces it exactly and adds no one, even after Q3 is submitted', () => {
    const q2Verdicts = [verdict('F1', at(Q2)), verdict('F2', at(Q2))];
    const first = run({ window: Q2, verdicts: q2Verdicts });
    const q3 = run({ window: Q3, verdicts: [verdict('F1'), verdict('F2'), verdict('F3')], ledger: submit(first) });
    const ledger = [...submit(first), ...submit(q3)];
    // New data since: F3 now looks claimable in Q2 too, F2's outcome has lapsed.
    const again = run({ window: Q2, verdicts: [verdict('F3', at(Q2)), verdict('F2', { ...at(Q2), route: null }), verdict('F1', at(Q2))], ledger });
    expect(again.claims).toEqual(first.claims.map((c) => ({ ...c, status: 'ledger' })));
    expect(again.spotCheck).toEqual(first.spotCheck);
    expect(again.summary.amount).toBe(first.summary.amount);
    expect(again.notClaimed.map((n) => [n.familyRef, n.code, n.claimedInWindow])).toEqual([['F3', 'claim/window-submitted', null]]);
    expect(again.issues.map((i) => [i.familyRef, i.code])).toEqual([['F2', 'claim/verdict-changed']]);
  });

  it('ledger entries carry the claim as filed', () => {
    const set = run({ verdicts: [verdict('F1', { route: 'CE' })], payments: { resultsPayment: 812.5 } });
    expect(buildLedgerEntries(set, false)).toEqual([{ familyRef: 'F1', window: '2024-Q3', route: 'CE', amount: 812.5, submitted: false, claimDate: '2024-09-30' }]);
  });

  it('a submitted window must be re-run at the claim date it was filed with', () => {
    const early = parseWindow('2024-Q3', '2024-09-15');
    const filed = buildLedgerEntries(run({ window: early, verdicts: [verdict('F1', at(early))] }), true);
    expect(() => run({ verdicts: [verdict('F1')], ledger: filed })).toThrow(/--claim-date 2024-09-15/);
    expect(run({ window: early, verdicts: [verdict('F1', at(early))], ledger: filed }).claims).toHaveLength(1);
  });

  it('with unchanged inputs, a submitted window re-runs to the same claim set even after later windows are submitted', () => {
    const q2Verdicts = [
      verdict('A', at(Q2)), verdict('B', at(Q2)), verdict('C', { ...at(Q2), attachmentDate: '2024-01-01' }),
      verdict('D', { ...at(Q2), route: null, unmet: [{ headline: 'HEALTH', code: 'rule/threshold-missed', reason: 'still open' }] }),
    ];
    const first = run({ window: Q2, verdicts: q2Verdicts, cap: 2 });
    expect(first.notClaimed.map((n) => [n.familyRef, n.code])).toEqual([['C', 'claim/cap-reached'], ['D', 'rule/threshold-missed']]);
    const q3 = run({ verdicts: [verdict('D')], ledger: submit(first), cap: 3 });
    expect(q3.claims.map((c) => c.familyRef)).toEqual(['D']);
    const again = run({ window: Q2, verdicts: [...q2Verdicts].reverse(), cap: 2, ledger: [...submit(q3), ...submit(first)] });
    const strip = (set: typeof first) => ({ ...set, submitted: undefined, claims: set.claims.map((c) => ({ ...c, status: undefined })), summary: { ...set.summary, newClaims: 0, ledgerClaims: 0 } });
    expect(strip(again)).toEqual(strip(first));
  });

  it('an open window avoids families submitted in a later window too', () => {
    const ledger: LedgerEntry[] = [{ familyRef: 'F1', window: '2024-Q4', route: 'SSP', amount: 800, submitted: true }];
    const set = run({ verdicts: [verdict('F1')], ledger });
    expect(set.claims).toEqual([]);
    expect(set.notClaimed.map((n) => [n.code, n.claimedInWindow])).toEqual([['claim/already-claimed', '2024-Q4']]);
  });

  it('a draft (unsubmitted) ledger binds nothing: the window is recomputed', () => {
    const draft: LedgerEntry[] = [{ familyRef: 'F9', window: '2024-Q2', route: 'SSP', amount: 800, submitted: false }];
    const set = run({ verdicts: [verdict('F9')], ledger: draft });
    expect(set.claims.map((c) => c.familyRef)).toEqual(['F9']);
    const ownDraft = run({ verdicts: [verdict('F1')], ledger: [{ ...draft[0], window: Q3.window }] });
    expect(ownDraft.submitted).toBe(false);
    expect(ownDraft.claims.map((c) => c.familyRef)).toEqual(['F1']);
  });

  it('respects the allocation cap, counting earlier submitted claims, earliest attachment first', () => {
    const ledger: LedgerEntry[] = [{ familyRef: 'OLD', window: '2024-Q1', route: 'SSP', amount: 800, submitted: true }];
    const set = run({
      cap: 3, ledger,
      verdicts: [verdict('A', { attachmentDate: '2023-05-01' }), verdict('B', { attachmentDate: '2023-01-01' }), verdict('C', { attachmentDate: '2023-03-01' })],
    });
    expect(set.claims.map((c) => c.familyRef)).toEqual(['B', 'C']);
    expect(set.notClaimed.map((n) => [n.familyRef, n.code])).toEqual([['A', 'claim/cap-reached']]);
    expect(set.summary.capRemaining).toBe(0);
    expect(run({ cap: 1, ledger, verdicts: [verdict('A')] }).claims).toEqual([]);
    expect(run({ cap: null, ledger, verdicts: [verdict('A')] }).summary.capRemaining).toBeNull();
  });

  it('refuses verdicts evaluated at another claim date, or two for one family', () => {
    expect(() => run({ verdicts: [verdict('F1', { claimDate: '2024-09-29' })] })).toThrow(/claim date/);
    expect(() => run({ verdicts: [verdict('F1'), verdict('F1')] })).toThrow(/two verdicts/);
  });

  it('reproduces a submitted claim whose family vanished from the inputs, flagging it', () => {
    const ledger: LedgerEntry[] = [{ familyRef: 'GONE', window: Q3.window, route: 'CE', amount: 800, submitted: true }];
    const set = run({ ledger });
    expect(set.claims).toEqual([expect.objectContaining({ familyRef: 'GONE', route: 'CE', attachmentDate: null, status: 'ledger' })]);
    expect(set.issues.map((i) => i.code)).toEqual(['claim/verdict-missing']);
  });
});
