import { describe, expect, it } from 'vitest';
import { SimilarityCache } from '../../src/core/linkage/similarity-cache.ts';
import { jaroWinkler } from '../../src/core/linkage/jaro-winkler.ts';

describe('SimilarityCache', () => {
  const words = ['SMITH', 'SMYTH', 'JONES', 'JOHNS', 'ELIZABETH', 'ELISABETH', 'LIZ', 'HARPER', 'HARPUR', 'O', 'AB'];

  it('returns the function\'s own value for every ordered pair, computed once while the entry stays', () => {
    let calls = 0;
    const cache = new SimilarityCache(words, (a, b) => { calls++; return jaroWinkler(a, b); });
    for (let round = 0; round < 3; round++) {
      for (let x = 0; x < words.length; x++) for (let y = 0; y < words.length; y++) expect(cache.get(x, y)).toBe(jaroWinkler(words[x], words[y]));
    }
    // 121 ordered pairs in 2^18 slots: a few may share a slot and be computed again, never given a wrong value.
    expect(calls).toBeGreaterThanOrEqual(words.length ** 2);
    expect(calls).toBeLessThan(words.length ** 2 * 1.2);
  });

  it('stays correct when every pair collides (a one-slot cache)', () => {
    const cache = new SimilarityCache(words, jaroWinkler, 0);
    for (let round = 0; round < 2; round++) {
      for (let x = 0; x < words.length; x++) for (let y = words.length - 1; y >= 0; y--) expect(cache.get(x, y)).toBe(jaroWinkler(words[x], words[y]));
    }
  });
});
