/**
 * Union-find over units with guards against chaining: a cluster never holds two different
 * values of the same strong identifier kind, never joins two units a reviewer rejected, and
 * (for weak edges) never joins two units of the same source directly.
 */
export type UnionOutcome = 'merged' | 'same' | 'id-conflict' | 'cannot-link';

export class GuardedClusters {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;
  private readonly ids: Int32Array;
  private readonly cannot = new Map<number, number[]>();

  constructor(unitCount: number, ids: Int32Array, private readonly K: number) {
    this.parent = Int32Array.from({ length: unitCount }, (_, i) => i);
    this.size = new Int32Array(unitCount).fill(1);
    this.ids = Int32Array.from(ids);
  }

  find(u: number): number {
    let r = u;
    while (this.parent[r] !== r) r = this.parent[r];
    while (this.parent[u] !== r) { const n = this.parent[u]; this.parent[u] = r; u = n; }
    return r;
  }

  addCannotLink(a: number, b: number): void {
    const ra = this.find(a), rb = this.find(b);
    if (!this.cannot.has(ra)) this.cannot.set(ra, []);
    if (!this.cannot.has(rb)) this.cannot.set(rb, []);
    this.cannot.get(ra)!.push(b);
    this.cannot.get(rb)!.push(a);
  }

  /** The strong identifier kind on which the clusters of a and b hold different values, or -1: what tryUnion would refuse. */
  idConflict(a: number, b: number): number {
    const ra = this.find(a), rb = this.find(b), K = this.K;
    for (let k = 0; ra !== rb && k < K; k++) {
      const x = this.ids[ra * K + k], y = this.ids[rb * K + k];
      if (x >= 0 && y >= 0 && x !== y) return k;
    }
    return -1;
  }

  tryUnion(a: number, b: number): UnionOutcome {
    let ra = this.find(a), rb = this.find(b);
    if (ra === rb) return 'same';
    const K = this.K;
    for (let k = 0; k < K; k++) {
      const x = this.ids[ra * K + k], y = this.ids[rb * K + k];
      if (x >= 0 && y >= 0 && x !== y) return 'id-conflict';
    }
    const ca = this.cannot.get(ra), cb = this.cannot.get(rb);
    if (ca) for (const p of ca) if (this.find(p) === rb) return 'cannot-link';
    if (cb) for (const p of cb) if (this.find(p) === ra) return 'cannot-link';
    if (this.size[ra] < this.size[rb]) { const t = ra; ra = rb; rb = t; }
    this.parent[rb] = ra;
    this.size[ra] += this.size[rb];
    for (let k = 0; k < K; k++) if (this.ids[ra * K + k] < 0) this.ids[ra * K + k] = this.ids[rb * K + k];
    if (ca || cb) this.cannot.set(ra, [...(ca ?? []), ...(cb ?? [])]);
    if (ra !== rb) this.cannot.delete(rb);
    return 'merged';
  }
}
