/** Pairwise and cluster-level accuracy of predicted person ids against true ones. */
export interface LinkMetrics {
  precision: number; recall: number; f1: number;
  truePersons: number; predictedPersons: number; exactClusters: number; clusterExactRate: number;
}

export function linkMetrics(truth: ReadonlyMap<string, string>, predicted: ReadonlyMap<string, string>): LinkMetrics {
  const c2 = (n: number): number => (n * (n - 1)) / 2;
  const t = new Map<string, number>(), pr = new Map<string, number>(), both = new Map<string, number>();
  const trueMembers = new Map<string, Set<string>>();
  const predMembers = new Map<string, Set<string>>();
  for (const [k, tid] of truth) {
    const pid = predicted.get(k)!;
    t.set(tid, (t.get(tid) ?? 0) + 1);
    pr.set(pid, (pr.get(pid) ?? 0) + 1);
    const cell = `${tid}\u0000${pid}`;
    both.set(cell, (both.get(cell) ?? 0) + 1);
    (trueMembers.get(tid) ?? trueMembers.set(tid, new Set()).get(tid)!).add(pid);
    (predMembers.get(pid) ?? predMembers.set(pid, new Set()).get(pid)!).add(tid);
  }
  let tp = 0, tpairs = 0, ppairs = 0;
  for (const n of both.values()) tp += c2(n);
  for (const n of t.values()) tpairs += c2(n);
  for (const n of pr.values()) ppairs += c2(n);
  const precision = ppairs ? tp / ppairs : 1, recall = tpairs ? tp / tpairs : 1;
  let exact = 0;
  for (const [tid, pids] of trueMembers) {
    if (pids.size === 1) { const pid = [...pids][0]; if (predMembers.get(pid)!.size === 1) exact++; }
    void tid;
  }
  return {
    precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    truePersons: t.size, predictedPersons: pr.size, exactClusters: exact, clusterExactRate: exact / t.size,
  };
}
