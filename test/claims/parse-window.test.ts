import { describe, expect, it } from 'vitest';
import { parseWindow } from '../../src/core/claims/parse-window.ts';
import { UsageError } from '../../src/shared/errors.ts';

describe('parseWindow', () => {
  it.each([
    ['2024-Q1', '2024-01-01', '2024-03-31'],
    ['2024-Q2', '2024-04-01', '2024-06-30'],
    ['2024-Q3', '2024-07-01', '2024-09-30'],
    ['2023-Q4', '2023-10-01', '2023-12-31'],
  ])('%s runs from %s to %s, claim date = last day', (w, start, end) => {
    expect(parseWindow(w)).toEqual({ window: w, start, end, claimDate: end });
  });

  it('takes a claim date override inside the window', () => {
    expect(parseWindow('2024-Q3', '2024-08-15').claimDate).toBe('2024-08-15');
  });

  it.each(['2024Q3', '2024-Q5', '2024-Q0', '24-Q1', '', 'Q3-2024', '2024-q3x'])('rejects window %j with a UsageError', (w) => {
    expect(() => parseWindow(w)).toThrow(UsageError);
  });

  it.each(['2024-02-30', '30/09/2024', '2024-10-01', '2024-06-30', 'soon'])('rejects claim date %j', (d) => {
    expect(() => parseWindow('2024-Q3', d)).toThrow(UsageError);
  });
});
