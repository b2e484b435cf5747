/**
 * A seeded pseudo-random source (xoshiro128**), so that everything "random" — the synthetic
 * data, u-estimation pairs, the spot-check sample — is reproducible from its seed. The core
 * never uses the global random source: it is handed one of these.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** A fresh, independent stream derived from this one and a label. */
  fork(label: string): Random;
}

function hashSeed(seed: number | string): number {
  const s = String(seed);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function splitmix32(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x9e3779b9) >>> 0;
    let z = a;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRandom(seed: number | string): Random {
  const sm = splitmix32(hashSeed(seed));
  let s0 = sm(), s1 = sm(), s2 = sm(), s3 = sm();
  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
    return result;
  };
  const rnd: Random = {
    next: () => nextU32() / 4294967296,
    int: (n) => Math.floor((nextU32() / 4294967296) * n),
    fork: (label) => createRandom(`${nextU32()}:${label}`),
  };
  return rnd;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
