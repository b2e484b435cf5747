/** Jaro-Winkler similarity in [0,1] (prefix scale 0.1, prefix up to 4, boost above 0.7). */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  if (j < 0.7) return j;
  let l = 0;
  const max = Math.min(4, a.length, b.length);
  while (l < max && a.charCodeAt(l) === b.charCodeAt(l)) l++;
  return j + l * 0.1 * (1 - j);
}

// Reused across calls: names are short, and allocation per pair dominates at millions of pairs.
let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

export function jaro(x: string, y: string): number {
  if (x === y) return 1;
  // Match from the shorter string and halve transpositions with floor, as talisman and
  // most library implementations do, so weights agree with them.
  const a = x.length > y.length ? y : x, b = x.length > y.length ? x : y;
  const la = a.length, lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (la > flagsA.length || lb > flagsB.length) {
    flagsA = new Uint8Array(Math.max(la, lb) * 2);
    flagsB = new Uint8Array(Math.max(la, lb) * 2);
  }
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  const range = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - range), hi = Math.min(i + range + 1, lb);
    const c = a.charCodeAt(i);
    for (let k = lo; k < hi; k++) {
      if (flagsB[k] === 0 && b.charCodeAt(k) === c) { flagsA[i] = 1; flagsB[k] = 1; matches++; break; }
    }
  }
  if (matches === 0) return 0;
  let t = 0, k = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) t++;
    k++;
  }
  return (matches / la + matches / lb + (matches - Math.floor(t / 2)) / matches) / 3;
}
