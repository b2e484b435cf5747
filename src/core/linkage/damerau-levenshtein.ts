/**
 * Damerau-Levenshtein distance, optimal-string-alignment variant (adjacent transpositions
 * count 1, a substring is not edited twice), the usual choice for typed names.
 */
export function damerauLevenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const la = a.length, lb = b.length;
  if (la === 0) return lb;
  if (lb === 0) return la;
  let prev2 = new Int32Array(lb + 1), prev = new Int32Array(lb + 1), cur = new Int32Array(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
    }
    const t = prev2; prev2 = prev; prev = cur; cur = t;
  }
  return prev[lb];
}

/** Similarity in [0,1]: 1 - distance / longer length. */
export function damerauLevenshteinSimilarity(a: string, b: string): number {
  const n = Math.max(a.length, b.length);
  return n === 0 ? 1 : 1 - damerauLevenshtein(a, b) / n;
}
