import { describe, expect, it } from 'vitest';
import { evaluatePayment } from '../../src/core/claims/evaluate-payment.ts';
import { financialYear } from '../../src/core/claims/financial-year.ts';

describe('financialYear', () => {
  it.each([['2024-03-31', '2023/24'], ['2024-04-01', '2024/25'], ['2099-12-31', '2099/00'], ['2000-01-15', '1999/00']])('%s is in %s', (d, fy) => {
    expect(financialYear(d)).toBe(fy);
  });
});

describe('evaluatePayment', () => {
  const payments = { resultsPayment: 800, byFinancialYear: { '2024/25': 850 } };
  it('uses the year\'s amount when set, else the default', () => {
    expect(evaluatePayment(payments, '2024-04-01')).toBe(850);
    expect(evaluatePayment(payments, '2024-03-31')).toBe(800);
  });
  it('refuses a negative or missing amount', () => {
    expect(() => evaluatePayment({ resultsPayment: -1 }, '2024-04-01')).toThrow();
    expect(() => evaluatePayment({ resultsPayment: Number.NaN }, '2024-04-01')).toThrow();
  });
});

describe('evaluatePayment by year of attachment, and Earned Autonomy', () => {
  it('an attachment-year amount wins over the claim year', () => {
    const p = { resultsPayment: 800, byFinancialYear: { '2014/15': 999 }, byAttachmentFinancialYear: { '2013/14': 1600 } };
    expect(evaluatePayment(p, '2014-06-30', '2013-06-01')).toBe(1600);
    expect(evaluatePayment(p, '2014-06-30', '2012-06-01')).toBe(999);
  });
  it('Earned Autonomy reports outcomes with no payment', () => {
    expect(evaluatePayment({ resultsPayment: 800, earnedAutonomy: true }, '2024-06-30', '2023-06-01')).toBe(0);
  });
});
