import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { jaroWinkler } from '../../src/core/linkage/jaro-winkler.ts';
import { damerauLevenshtein, damerauLevenshteinSimilarity, withinOneEdit } from '../../src/core/linkage/damerau-levenshtein.ts';
import { qgramJaccard } from '../../src/core/linkage/qgram-jaccard.ts';

// talisman is a devDependency used only as a test oracle.
const require = createRequire(import.meta.url);
const oracleJw = require('talisman/metrics/jaro-winkler') as (a: string, b: string) => number;
const oracleDl = require('talisman/metrics/damerau-levenshtein') as (a: string, b: string) => number;
const oracleJaccard = require('talisman/metrics/jaccard') as (a: unknown, b: unknown) => number;

const name = fc.string({ unit: fc.constantFrom(...'ABCDEHJLMNORST'.split('')), maxLength: 12 });
const similarities: [string, (a: string, b: string) => number][] = [
  ['jaroWinkler', jaroWinkler], ['damerauLevenshteinSimilarity', damerauLevenshteinSimilarity], ['qgramJaccard', (a, b) => qgramJaccard(a, b)],
];

describe.each(similarities)('%s', (_, sim) => {
  it('is symmetric, in [0,1], and 1 on identity', () => {
    fc.assert(fc.property(name, name, (a, b) => {
      const s = sim(a, b);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1 + 1e-12);
      expect(Math.abs(s - sim(b, a))).toBeLessThan(1e-12);
      expect(sim(a, a)).toBe(1);
    }), { numRuns: 500 });
  });
});

describe('differential against talisman', () => {
  it('jaroWinkler equals the oracle', () => {
    fc.assert(fc.property(name, name, (a, b) => { expect(jaroWinkler(a, b)).toBeCloseTo(oracleJw(a, b), 12); }), { numRuns: 1000 });
  });
  it('damerauLevenshtein (optimal string alignment) equals the oracle', () => {
    fc.assert(fc.property(name, name, (a, b) => { expect(damerauLevenshtein(a, b)).toBe(oracleDl(a, b)); }), { numRuns: 1000 });
  });
  it('qgramJaccard equals the oracle on bigram sets', () => {
    const grams = (s: string): string[] => (s.length < 2 ? (s ? [s] : []) : Array.from({ length: s.length - 1 }, (_, i) => s.slice(i, i + 2)));
    fc.assert(fc.property(name, name, (a, b) => {
      fc.pre(a !== b && (a.length > 0 || b.length > 0));
      expect(qgramJaccard(a, b)).toBeCloseTo(oracleJaccard(grams(a), grams(b)), 12);
    }), { numRuns: 1000 });
  });
  it('withinOneEdit is damerauLevenshtein ≤ 1 without allocating', () => {
    const near = fc.tuple(name, fc.nat(), fc.constantFrom(...'ABCDEHJLMNORST'.split('')), fc.nat(3)).map(([s, i, c, k]) => {
      const j = s.length ? i % s.length : 0;
      return [s, k === 0 ? s.slice(0, j) + c + s.slice(j) : k === 1 ? s.slice(0, j) + s.slice(j + 1) : k === 2 ? s.slice(0, j) + c + s.slice(j + 1) : s.slice(0, j) + s.slice(j + 1, j + 2) + s.slice(j, j + 1) + s.slice(j + 2)] as const;
    });
    fc.assert(fc.property(fc.oneof(fc.tuple(name, name), near), ([a, b]) => { expect(withinOneEdit(a, b)).toBe(damerauLevenshtein(a, b) <= 1); }), { numRuns: 3000 });
  });
  it('known values', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.9611, 4);
    expect(damerauLevenshtein('SMITH', 'SMTIH')).toBe(1);
    expect(damerauLevenshtein('CA', 'ABC')).toBe(3);
  });
});
