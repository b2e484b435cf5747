import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/shared/random.ts';
import { patternLayout } from '../../src/core/linkage/comparisons.ts';
import { estimateU, expectationMaximisation, initialM, patternCounts } from '../../src/core/linkage/estimate-parameters.ts';
import type { ComparisonName } from '../../src/core/linkage/types.ts';

// Simulated comparison vectors from known m, u and λ, with no identifier comparison at all
// (levels 1.. of each comparison; level 0 = null is the missing value).
const comps: ComparisonName[] = ['forename', 'surname', 'dob', 'sex', 'address'];
const layout = patternLayout(comps);
const trueM = [
  [0, 0.8, 0.01, 0.04, 0.06, 0.02, 0.03, 0.01, 0.03],
  [0, 0.85, 0.01, 0.02, 0.05, 0.01, 0.01, 0.02, 0.03],
  [0, 0.88, 0.03, 0.03, 0.02, 0.01, 0.01, 0.02],
  [0, 0.97, 0.03],
  [0, 0.1, 0.55, 0.05, 0.05, 0.04, 0.04, 0.02, 0.03, 0.02, 0.05, 0.05],
];
const trueU = [
  [0, 0.01, 0.0005, 0.003, 0.004, 0.005, 0.03, 0.0005, 0.947],
  [0, 0.008, 0.0005, 0.001, 0.003, 0.004, 0.001, 0.02, 0.9625],
  [0, 0.002, 0.001, 0.004, 0.01, 0.03, 0.1, 0.853],
  [0, 0.5, 0.5],
  [0, 0.001, 0.002, 0.002, 0.004, 0.005, 0.005, 0.005, 0.01, 0.02, 0.2, 0.746],
];

function draw(p: number[], x: number): number {
  let acc = 0;
  for (let l = 1; l < p.length; l++) { acc += p[l]; if (x < acc) return l; }
  return p.length - 1;
}

function simulate(n: number, lambda: number, missing: number, seed: string): Float64Array {
  const rnd = createRandom(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const match = rnd.next() < lambda;
    let p = 0;
    comps.forEach((_, c) => {
      const level = rnd.next() < missing ? 0 : draw(match ? trueM[c] : trueU[c], rnd.next());
      p += level * layout.scale[c];
    });
    out[i] = p;
  }
  return out;
}

describe('expectationMaximisation', () => {
  it('recovers known m and λ (and u from random pairs) from simulated vectors with no identifier field', () => {
    const lambda = 0.2;
    const blocked = simulate(80_000, lambda, 0.05, 'em-blocked');
    const random = simulate(200_000, 0.0005, 0.05, 'em-random');
    const u = estimateU(comps, layout, random);
    comps.forEach((_, c) => {
      for (let l = 1; l < trueU[c].length; l++) expect(Math.abs(u[c][l] - trueU[c][l])).toBeLessThan(Math.max(0.004, trueU[c][l] * 0.25));
    });
    const res = expectationMaximisation(comps, layout, patternCounts(blocked), u, initialM(comps), comps.map(() => true), 300, 1e-7);
    expect(res.converged).toBe(true);
    expect(Math.abs(res.lambda - lambda)).toBeLessThan(0.01);
    comps.forEach((_, c) => {
      for (let l = 1; l < trueM[c].length; l++) expect(Math.abs(res.m[c][l] - trueM[c][l])).toBeLessThan(0.02);
    });
  });

  it('leaves a comparison that is not free at its starting m', () => {
    const patterns = simulate(2000, 0.3, 0, 'em-fixed');
    const m0 = initialM(comps);
    const u = trueU.map((x) => Float64Array.from(x));
    const res = expectationMaximisation(comps, layout, patternCounts(patterns), u, m0, [false, true, true, true, true], 5, 1e-9);
    expect(Array.from(res.m[0])).toEqual(Array.from(m0[0]));
    expect(Array.from(res.m[1])).not.toEqual(Array.from(m0[1]));
  });
});
