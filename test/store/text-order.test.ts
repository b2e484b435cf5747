import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textOrder } from '../../src/store/text-order.ts';

describe('textOrder', () => {
  it('orders ascending integers as their decimal texts sort ("10" before "9")', () => {
    const ids = [1, 2, 9, 10, 11, 19, 100, 101, 1000];
    expect([...textOrder(ids)].map((i) => ids[i])).toEqual([1, 10, 100, 1000, 101, 11, 19, 2, 9]);
    expect([...textOrder([])]).toEqual([]);
  });

  it('agrees with sorting the texts, for any set of row ids', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 50_000_000 }), { maxLength: 300 }), (raw) => {
      const ids = [...raw].sort((a, b) => a - b);
      const byText = ids.map(String).sort();
      expect([...textOrder(ids)].map((i) => String(ids[i]))).toEqual(byText);
    }));
  });
});
