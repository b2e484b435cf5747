/**
 * Multi-level comparisons per field. Level 0 of every comparison is "null" (either side missing:
 * no evidence either way, weight 0). A pair's comparison vector is packed 4 bits per comparison
 * into one integer, so EM runs over distinct patterns and scoring is a table lookup.
 */
import { jaroWinkler } from './jaro-winkler.ts';
import type { LinkTable } from './link-table.ts';
import type { ComparisonName, LinkSettings } from './types.ts';

export const LEVELS: Record<ComparisonName, readonly string[]> = {
  forename: ['null', 'exact', 'swapped', 'nickname', 'jw-high', 'phonetic', 'jw-low', 'initial', 'else'],
  surname: ['null', 'exact', 'swapped', 'former-surname', 'jw-high', 'phonetic', 'token', 'jw-low', 'else'],
  dob: ['null', 'exact', 'transposed-day-month', 'two-of-three', 'within-5-years', 'else'],
  postcode: ['null', 'unit', 'sector', 'district', 'else'],
  sex: ['null', 'exact', 'else'],
  ids: ['null', 'agree', 'disagree'],
};

export const BITS = 4;

export type Comparator = (t: LinkTable, a: number, b: number) => number;

export function comparatorsFor(settings: LinkSettings): Comparator[] {
  const [hi, lo] = settings.jaroWinklerBands;
  const K = settings.strongIds.length;
  const make: Record<ComparisonName, Comparator> = {
    forename: (t, a, b) => {
      const x = t.forename[a], y = t.forename[b];
      if (x < 0 || y < 0) return 0;
      if (x === y) return 1;
      if (x === t.surname[b] && y === t.surname[a]) return 2;
      if (t.nameCanon[x] === t.nameCanon[y]) return 3;
      const sx = t.names[x], sy = t.names[y];
      const jw = jaroWinkler(sx, sy);
      if (jw >= hi) return 4;
      if (t.nameNysiis[x] === t.nameNysiis[y]) return 5;
      if (jw >= lo) return 6;
      if ((sx.length === 1 || sy.length === 1) && sx.charCodeAt(0) === sy.charCodeAt(0)) return 7;
      return 8;
    },
    surname: (t, a, b) => {
      const x = t.surname[a], y = t.surname[b];
      if (x < 0 || y < 0) return 0;
      if (x === y) return 1;
      if (x === t.forename[b] && y === t.forename[a]) return 2;
      if (x === t.former[b] || y === t.former[a]) return 3;
      const sx = t.names[x], sy = t.names[y];
      const jw = jaroWinkler(sx, sy);
      if (jw >= hi) return 4;
      if (t.nameNysiis[x] === t.nameNysiis[y]) return 5;
      if (sharesToken(sx, sy)) return 6;
      if (jw >= lo) return 7;
      return 8;
    },
    dob: (t, a, b) => {
      if (t.dobY[a] < 0 || t.dobY[b] < 0) return 0;
      const ey = t.dobY[a] === t.dobY[b], em = t.dobM[a] === t.dobM[b], ed = t.dobD[a] === t.dobD[b];
      if (ey && em && ed) return 1;
      if (ey && t.dobM[a] === t.dobD[b] && t.dobD[a] === t.dobM[b]) return 2;
      if ((ey ? 1 : 0) + (em ? 1 : 0) + (ed ? 1 : 0) === 2) return 3;
      // Far-apart dates (parent and child namesakes) must weigh much more against than near ones.
      return Math.abs(t.dobDay[a] - t.dobDay[b]) <= 1826 ? 4 : 5;
    },
    postcode: (t, a, b) => {
      if (t.pcUnit[a] < 0 || t.pcUnit[b] < 0) return 0;
      if (t.pcUnit[a] === t.pcUnit[b]) return 1;
      if (t.pcSector[a] === t.pcSector[b]) return 2;
      if (t.pcDistrict[a] === t.pcDistrict[b]) return 3;
      return 4;
    },
    sex: (t, a, b) => (t.sex[a] < 0 || t.sex[b] < 0 ? 0 : t.sex[a] === t.sex[b] ? 1 : 2),
    ids: (t, a, b) => {
      let shared = 0, agree = 0;
      for (let k = 0, ia = a * K, ib = b * K; k < K; k++) {
        const x = t.ids[ia + k], y = t.ids[ib + k];
        if (x < 0 || y < 0) continue;
        shared++;
        if (x === y) agree++;
      }
      return shared === 0 ? 0 : agree === shared ? 1 : 2;
    },
  };
  return settings.comparisons.map((c) => make[c]);
}

function sharesToken(a: string, b: string): boolean {
  if (a.indexOf(' ') < 0 && b.indexOf(' ') < 0) return false;
  const ta = a.split(' ');
  for (const tok of b.split(' ')) if (tok.length > 1 && ta.includes(tok)) return true;
  return false;
}

/** Comparison vectors for pairs [from, to) of (left, right), packed BITS per comparison. */
export function comparePairs(
  t: LinkTable, comparators: readonly Comparator[], left: Uint32Array, right: Uint32Array,
  out: Uint32Array, from = 0, to = left.length,
): void {
  const C = comparators.length;
  for (let p = from; p < to; p++) {
    const a = left[p], b = right[p];
    let pattern = 0;
    for (let c = 0; c < C; c++) pattern |= comparators[c](t, a, b) << (c * BITS);
    out[p] = pattern >>> 0;
  }
}

export function levelOf(pattern: number, c: number): number {
  return (pattern >>> (c * BITS)) & ((1 << BITS) - 1);
}
