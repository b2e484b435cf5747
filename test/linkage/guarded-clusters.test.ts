import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GuardedClusters } from '../../src/core/linkage/guarded-clusters.ts';

/** Naive reference: repeated relabelling until connected components are stable. */
function naiveComponents(n: number, edges: [number, number][]): number[] {
  const label = Array.from({ length: n }, (_, i) => i);
  for (let changed = true; changed;) {
    changed = false;
    for (const [a, b] of edges) {
      const m = Math.min(label[a], label[b]);
      if (label[a] !== m || label[b] !== m) { label[a] = label[b] = m; changed = true; }
    }
  }
  return label;
}

const graph = fc.integer({ min: 1, max: 30 }).chain((n) => fc.record({
  n: fc.constant(n),
  edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 60 }),
  ids: fc.array(fc.integer({ min: -1, max: 3 }), { minLength: n, maxLength: n }),
}));

describe('GuardedClusters', () => {
  it('without identifiers equals connected components', () => {
    fc.assert(fc.property(graph, ({ n, edges }) => {
      const c = new GuardedClusters(n, new Int32Array(n).fill(-1), 1);
      for (const [a, b] of edges) c.tryUnion(a, b);
      const ref = naiveComponents(n, edges);
      for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) expect(c.find(a) === c.find(b)).toBe(ref[a] === ref[b]);
    }));
  });

  it('never lets a cluster hold two different identifier values of one kind', () => {
    fc.assert(fc.property(graph, ({ n, edges, ids }) => {
      const c = new GuardedClusters(n, Int32Array.from(ids), 1);
      for (const [a, b] of edges) c.tryUnion(a, b);
      const valueOf = new Map<number, number>();
      for (let u = 0; u < n; u++) {
        if (ids[u] < 0) continue;
        const r = c.find(u);
        if (valueOf.has(r)) expect(valueOf.get(r)).toBe(ids[u]);
        valueOf.set(r, ids[u]);
      }
    }));
  });

  it('keeps cannot-link pairs apart, also through other units', () => {
    const c = new GuardedClusters(3, new Int32Array(3).fill(-1), 1);
    c.addCannotLink(0, 2);
    expect(c.tryUnion(0, 1)).toBe('merged');
    expect(c.tryUnion(1, 2)).toBe('cannot-link');
    expect(c.find(0)).not.toBe(c.find(2));
  });
});
