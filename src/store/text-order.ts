/**
 * Positions of ascending non-negative integers in the order of their decimal texts ("10" before
 * "9"), as keys such as `source:row_id` sort as strings, without making a string of each. Numbers
 * of one length keep their order; lengths are merged by their digits padded with zeros on the
 * right, a tie going to the shorter (its text is a prefix of the other's).
 */
export function textOrder(ascending: readonly number[]): Uint32Array {
  const n = ascending.length;
  const out = new Uint32Array(n);
  if (n === 0) return out;
  const digits = (v: number): number => { let d = 1; while (v >= 10) { v = Math.floor(v / 10); d++; } return d; };
  const D = digits(ascending[n - 1]);
  // Runs of one length are contiguous in ascending input: run d is [start[d], start[d + 1]).
  const start = new Array<number>(D + 2).fill(n);
  for (let i = n - 1; i >= 0; i--) start[digits(ascending[i])] = i;
  for (let d = D; d >= 1; d--) if (start[d] > start[d + 1]) start[d] = start[d + 1];
  const at = start.slice(0, D + 1), scale = Array.from({ length: D + 1 }, (_, d) => 10 ** (D - d));
  for (let k = 0; k < n; k++) {
    let best = -1, bestValue = Infinity;
    for (let d = 1; d <= D; d++) {
      if (at[d] >= start[d + 1]) continue;
      const v = ascending[at[d]] * scale[d];
      if (v < bestValue) { bestValue = v; best = d; }
    }
    out[k] = at[best]++;
  }
  return out;
}
