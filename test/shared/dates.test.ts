import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, fromDayNumber, toDayNumber } from '../../src/shared/dates.ts';

/** The obvious Date-based versions: the integer arithmetic must agree with them everywhere. */
const reference = {
  toDay: (iso: string) => Math.floor(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000),
  fromDay: (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10),
  addMonths: (iso: string, months: number) => {
    const total = Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1 + months;
    const y = Math.floor(total / 12), m = total - y * 12;
    const d = Math.min(Number(iso.slice(8, 10)), new Date(Date.UTC(y, m + 1, 0)).getUTCDate());
    return new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);
  },
};

describe('shared dates agree with Date-based arithmetic', () => {
  const day = fc.integer({ min: reference.toDay('1900-01-01'), max: reference.toDay('2100-12-31') });

  it('day numbers both ways, 1900–2100', () => {
    fc.assert(fc.property(day, (n) => {
      expect(fromDayNumber(n)).toBe(reference.fromDay(n));
      expect(toDayNumber(reference.fromDay(n))).toBe(n);
    }), { numRuns: 5000, seed: 20261123 });
  });

  it('shifting by days and by months', () => {
    fc.assert(fc.property(day, fc.integer({ min: -900, max: 900 }), fc.integer({ min: -240, max: 240 }), (n, d, months) => {
      const iso = reference.fromDay(n);
      expect(addDays(iso, d)).toBe(reference.fromDay(n + d));
      if (n > reference.toDay('1925-01-01') && n < reference.toDay('2075-01-01')) expect(addMonths(iso, months)).toBe(reference.addMonths(iso, months));
    }), { numRuns: 5000, seed: 20261123 });
    expect(addMonths('2024-02-29', -12)).toBe('2023-02-28');
    expect(addMonths('2024-03-31', 1)).toBe('2024-04-30');
  });
});
