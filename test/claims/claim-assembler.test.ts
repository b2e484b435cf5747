import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleClaims } from '../../src/core/claims/assemble-claims.ts';
import { ClaimAssembler } from '../../src/core/claims/claim-assembler.ts';
import { parseWindow } from '../../src/core/claims/parse-window.ts';
import type { LedgerEntry, Withdrawal } from '../../src/core/claims/types.ts';
import { createRandom } from '../../src/shared/random.ts';
import { HEADLINES } from '../../src/shared/verdict.ts';
import { verdict } from './fixtures.ts';
import { referenceAssembleClaims } from './reference-assemble-claims.ts';

const SEED = 20261127;
const Q3 = parseWindow('2024-Q3');
const WINDOWS = ['2024-Q2', '2024-Q3', '2024-Q4'];

const cases = fc.record({
  verdicts: fc.uniqueArray(fc.record({
    ref: fc.stringMatching(/^F[0-9]{1,2}$/),
    route: fc.constantFrom('SSP', 'CE', null),
    eligible: fc.boolean(),
    attached: fc.constantFrom('2023-01-01', '2024-01-15', '2024-09-30'),
    unmet: fc.subarray(['rule/threshold-missed', 'rule/no-data', 'family/attached-twice']),
  }), { selector: (v) => v.ref, maxLength: 40 }),
  ledger: fc.array(fc.record({ ref: fc.stringMatching(/^F[0-9]{1,2}$/), window: fc.constantFrom(...WINDOWS), submitted: fc.boolean(), route: fc.constantFrom('SSP', 'CE') }), { maxLength: 12 }),
  withdrawals: fc.array(fc.record({ ref: fc.stringMatching(/^F[0-9]{1,2}$/), window: fc.constantFrom(...WINDOWS), at: fc.constantFrom('2024-10-01', '2024-11-01') }), { maxLength: 4 }),
  cap: fc.option(fc.nat(30)),
});

describe('ClaimAssembler', () => {
  it('gives what assembleClaims gave before it (claims, reasons, sample, summary, issues), family by family', () => {
    fc.assert(fc.property(cases, (c) => {
      const verdicts = c.verdicts.map((v) => verdict(v.ref, {
        route: v.eligible ? v.route as 'SSP' | 'CE' | null : null, eligible: v.eligible, attachmentDate: v.attached,
        unmet: v.unmet.map((code, i) => ({ headline: HEADLINES[i], code, reason: `unmet ${code}` })) as never,
      }));
      const ledger: LedgerEntry[] = c.ledger.map((e) => ({ familyRef: e.ref, window: e.window, route: e.route as 'SSP' | 'CE', amount: 800, submitted: e.submitted }));
      const withdrawals: Withdrawal[] = c.withdrawals.map((w) => ({ familyRef: w.ref, window: w.window, at: w.at, by: 'x', reason: 'audit' }));
      const input = { window: Q3, verdicts, ledger, withdrawals, payments: { resultsPayment: 800 }, cap: c.cap, random: createRandom('r') };
      const expected = referenceAssembleClaims({ ...input, random: createRandom('r') });
      expect(assembleClaims({ ...input, random: createRandom('r') })).toEqual(expected);

      // Streamed: the verdicts once in order, then each family's final rows from a second pass.
      const sorted = [...verdicts].sort((a, b) => (a.familyRef < b.familyRef ? -1 : a.familyRef > b.familyRef ? 1 : 0));
      const assembler = new ClaimAssembler(input);
      for (const v of sorted) assembler.add({ ...v, evidence: [] });
      const { evidence, notClaimed, ...rest } = expected;
      expect(assembler.finish()).toEqual(rest);
      expect(sorted.flatMap((v) => assembler.notClaimedOf({ ...v, evidence: [] }))).toEqual(notClaimed);
      expect(evidence.length).toBeGreaterThanOrEqual(0);
    }), { seed: SEED, numRuns: 300 });
  });

  it('refuses verdicts out of family_ref order, twice for one family, or after finish', () => {
    const a = new ClaimAssembler({ window: Q3, ledger: [], payments: { resultsPayment: 800 }, random: createRandom('r') });
    a.add(verdict('F2'));
    expect(() => a.add(verdict('F2'))).toThrow(/two verdicts for one family/);
    expect(() => a.add(verdict('F1'))).toThrow(/family_ref order/);
    a.finish();
    expect(() => a.add(verdict('F3'))).toThrow(/finished/);
  });
});
