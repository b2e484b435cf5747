/** Jaccard similarity of the sets of q-grams (default bigrams); two empty strings are identical. */
export function qgramJaccard(a: string, b: string, q = 2): number {
  if (a === b) return 1;
  const sa = grams(a, q), sb = grams(b, q);
  if (sa.size === 0 && sb.size === 0) return 1;
  let inter = 0;
  for (const g of sa) if (sb.has(g)) inter++;
  return inter / (sa.size + sb.size - inter);
}

function grams(s: string, q: number): Set<string> {
  const out = new Set<string>();
  if (s.length < q) { if (s.length > 0) out.add(s); return out; }
  for (let i = 0; i + q <= s.length; i++) out.add(s.slice(i, i + q));
  return out;
}
