import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayOfIso, isoOfDay, shiftDays, shiftYears } from '../../src/generator/fast-dates.ts';
import { addDays, addMonths, fromDayNumber, toDayNumber } from '../../src/shared/dates.ts';

describe('fast-dates agree with the shared date helpers', () => {
  it('day numbers both ways, 1900–2100', () => {
    fc.assert(fc.property(fc.integer({ min: toDayNumber('1900-01-01'), max: toDayNumber('2100-12-31') }), (n) => {
      expect(isoOfDay(n)).toBe(fromDayNumber(n));
      expect(dayOfIso(fromDayNumber(n))).toBe(n);
    }), { numRuns: 5000 });
  });

  it('shifting by days and by whole years', () => {
    fc.assert(fc.property(fc.integer({ min: toDayNumber('1920-01-01'), max: toDayNumber('2090-12-31') }), fc.integer({ min: -900, max: 900 }), fc.integer({ min: -90, max: 9 }), (n, d, y) => {
      const iso = fromDayNumber(n);
      expect(shiftDays(iso, d)).toBe(addDays(iso, d));
      expect(shiftYears(iso, y)).toBe(addMonths(iso, 12 * y));
    }), { numRuns: 5000 });
    expect(shiftYears('2024-02-29', -1)).toBe('2023-02-28');
  });
});
