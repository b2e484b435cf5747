import { financialYear } from './financial-year.ts';
import type { Payments } from './types.ts';

/** The results payment for a claim dated `claimDate`: the financial year's amount when the preset sets one. */
export function evaluatePayment(payments: Payments, claimDate: string): number {
  const byYear = payments.byFinancialYear?.[financialYear(claimDate)];
  const amount = byYear ?? payments.resultsPayment;
  if (!Number.isFinite(amount) || amount < 0) {
    throw new Error(`results payment for ${financialYear(claimDate)} is not a non-negative number`);
  }
  return amount;
}
