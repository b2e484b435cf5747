import fc from 'fast-check';
import { expect, it } from 'vitest';
import { FirstSeen } from '../../src/pipeline/ingest/first-seen.ts';

it('answers as a Map of first lines would, through growth, for hashes across the 53-bit range (property)', () => {
  const hash = fc.oneof(fc.integer({ min: 0, max: 50 }), fc.maxSafeInteger().filter((h) => h >= 0), fc.constant(2 ** 53 - 1));
  fc.assert(fc.property(fc.array(hash, { maxLength: 300_000 / 100 }), (hashes) => {
    const seen = new FirstSeen();
    const model = new Map<number, number>();
    hashes.forEach((h, i) => {
      const line = i + 2;
      if (!model.has(h)) model.set(h, line);
      expect(seen.firstLine(h, line)).toBe(model.get(h));
    });
  }), { numRuns: 50 });
  // Past the first growth (the table starts at 65,536 slots).
  const seen = new FirstSeen();
  for (let i = 0; i < 100_000; i++) expect(seen.firstLine(i * 7919, i)).toBe(i);
  for (let i = 0; i < 100_000; i++) expect(seen.firstLine(i * 7919, -1)).toBe(i);
});
