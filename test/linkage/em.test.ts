import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/shared/random.ts';
import { expectationMaximisation, initialM, patternCounts } from '../../src/core/linkage/estimate-parameters.ts';
import type { ComparisonName } from '../../src/core/linkage/types.ts';

// Simulated comparison vectors from known m/u (levels 1.. of each comparison; level 0 = null unused).
const comps: ComparisonName[] = ['sex', 'dob', 'postcode'];
const trueM = [[0, 0.95, 0.05], [0, 0.85, 0.05, 0.05, 0.03, 0.02], [0, 0.7, 0.15, 0.1, 0.05]];
const trueU = [[0, 0.5, 0.5], [0, 0.002, 0.001, 0.02, 0.1, 0.877], [0, 0.01, 0.05, 0.1, 0.84]];

function draw(p: number[], x: number): number {
  let acc = 0;
  for (let l = 1; l < p.length; l++) { acc += p[l]; if (x < acc) return l; }
  return p.length - 1;
}

describe('expectationMaximisation', () => {
  it('recovers known m and λ from simulated comparison vectors (u fixed)', () => {
    const rnd = createRandom('em-test');
    const n = 60_000, lambda = 0.2;
    const patterns = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const match = rnd.next() < lambda;
      let p = 0;
      comps.forEach((_, c) => { p |= draw(match ? trueM[c] : trueU[c], rnd.next()) << (c * 4); });
      patterns[i] = p;
    }
    const u = trueU.map((x) => Float64Array.from(x));
    const res = expectationMaximisation(comps, patternCounts(patterns), u, initialM(comps), [true, true, true], 200, 1e-7);
    expect(res.converged).toBe(true);
    expect(res.lambda).toBeGreaterThan(lambda - 0.01);
    expect(res.lambda).toBeLessThan(lambda + 0.01);
    comps.forEach((_, c) => {
      for (let l = 1; l < trueM[c].length; l++) expect(Math.abs(res.m[c][l] - trueM[c][l])).toBeLessThan(0.02);
    });
  });

  it('leaves a comparison that is not free at its starting m', () => {
    const patterns = Uint32Array.from([1 | (1 << 4) | (1 << 8), 2 | (5 << 4) | (4 << 8)]);
    const m0 = initialM(comps);
    const res = expectationMaximisation(comps, patternCounts(patterns), trueU.map((x) => Float64Array.from(x)), m0, [false, true, true], 5, 1e-9);
    expect(Array.from(res.m[0])).toEqual(Array.from(m0[0]));
  });
});
