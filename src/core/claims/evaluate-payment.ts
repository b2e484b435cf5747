import { financialYear } from './financial-year.ts';
import type { Payments } from './types.ts';

/**
 * The results payment for a family attached on `attachmentDate` and claimed on `claimDate`: the
 * amount for the attachment's financial year when the plan sets one (Troubled Families phase 1),
 * else the claim date's financial year's, else the flat amount. Earned Autonomy pays nothing.
 */
export function evaluatePayment(payments: Payments, claimDate: string, attachmentDate?: string | null): number {
  if (payments.earnedAutonomy) return 0;
  const byAttachment = attachmentDate ? payments.byAttachmentFinancialYear?.[financialYear(attachmentDate)] : undefined;
  const amount = byAttachment ?? payments.byFinancialYear?.[financialYear(claimDate)] ?? payments.resultsPayment;
  if (!Number.isFinite(amount) || amount < 0) {
    throw new Error(`results payment for ${financialYear(claimDate)} is not a non-negative number`);
  }
  return amount;
}
