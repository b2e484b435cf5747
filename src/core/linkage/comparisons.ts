/**
 * Multi-level comparisons per field. Level 0 of every comparison is "null" (either side missing:
 * no evidence either way, weight 0). A pair's comparison vector is packed into one number
 * (each comparison in just enough bits for its levels, at most 53 bits in all, exact in a
 * double), so EM runs over distinct patterns and scoring is a table lookup.
 */
import { withinOneEdit } from './damerau-levenshtein.ts';
import { jaroWinkler } from './jaro-winkler.ts';
import { shareNicknameGroup, type LinkTable } from './link-table.ts';
import { SimilarityCache } from './similarity-cache.ts';
import type { ComparisonName, LinkSettings } from './types.ts';

export const LEVELS: Record<ComparisonName, readonly string[]> = {
  forename: ['null', 'exact', 'swapped', 'nickname', 'jw-high', 'phonetic', 'jw-low', 'initial', 'else'],
  middle_names: ['null', 'exact', 'first-name-or-initial', 'else'],
  surname: ['null', 'exact', 'swapped', 'former-surname', 'jw-high', 'phonetic', 'token', 'jw-low', 'else'],
  dob: ['null', 'exact', 'transposed-day-month', 'one-digit', 'two-of-three', 'within-a-year', 'within-5-years', 'else'],
  sex: ['null', 'exact', 'else'],
  address: [
    'null', 'uprn', 'line+postcode', 'line+postcode-close', 'line+town', 'line', 'postcode+town', 'postcode',
    'postcode-close', 'street', 'town-or-district', 'else',
  ],
  phone: ['null', 'exact', 'close', 'else'],
  email: ['null', 'exact', 'close', 'else'],
  ids: ['null', 'agree', 'disagree'],
};

/**
 * Levels of the address comparison that mean "the same dwelling": a pair there is scored in the
 * same-address regime (non-match shares estimated among people who share an address).
 */
export const SAME_ADDRESS_LEVELS: readonly number[] = [1, 2, 3, 4, 5];

/** Bits each comparison takes in a packed pattern. */
export const BITS: Record<ComparisonName, number> = Object.fromEntries(
  Object.entries(LEVELS).map(([k, v]) => [k, Math.ceil(Math.log2(v.length))]),
) as Record<ComparisonName, number>;

/** Where each comparison of a settings' list sits in a packed pattern. */
export interface PatternLayout { readonly scale: Float64Array; readonly size: Int32Array }

export function patternLayout(comparisons: readonly ComparisonName[]): PatternLayout {
  const scale = new Float64Array(comparisons.length), size = new Int32Array(comparisons.length);
  let bits = 0;
  comparisons.forEach((c, i) => { scale[i] = 2 ** bits; size[i] = 2 ** BITS[c]; bits += BITS[c]; });
  if (bits > 53) throw new Error(`linkage: ${bits} bits of comparison levels do not fit one pattern (53 at most)`);
  return { scale, size };
}

export function levelOf(pattern: number, c: number, layout: PatternLayout): number {
  return Math.floor(pattern / layout.scale[c]) % layout.size[c];
}

export type Comparator = (t: LinkTable, a: number, b: number) => number;

const textOf = (t: LinkTable, id: number): string => t.texts[id];

const close = (x: string, y: string): number => (withinOneEdit(x, y) || jaroWinkler(x, y) >= 0.88 ? 1 : 0);

/** String similarities of one table by interned id, cached per id pair (a county repeats common names millions of times). */
interface Similarity { readonly nameJw: SimilarityCache; readonly textJw: SimilarityCache; readonly textClose: SimilarityCache }

/** The similarities of the table last compared (a comparator set is used with one table at a time). */
function similarityFor(): (t: LinkTable) => Similarity {
  let table: LinkTable | null = null, sim: Similarity | null = null;
  return (t) => {
    if (table !== t || sim === null) {
      table = t;
      sim = { nameJw: new SimilarityCache(t.names, jaroWinkler), textJw: new SimilarityCache(t.texts, jaroWinkler), textClose: new SimilarityCache(t.texts, close) };
    }
    return sim;
  };
}

/**
 * Where a person lives, as ONE comparison: UPRN, address lines, town and postcode are facts about
 * the household, so everyone in a household agrees on all of them at once. Scored as separate
 * comparisons their weights would add up (conditional independence does not hold among
 * non-matches) and outweigh a different name and date of birth; as levels of one comparison the
 * household is counted once. A postcode that is not UK-shaped is compared as text (exact, one
 * character apart); sector and district levels apply to UK postcodes only.
 */
function compareAddress(t: LinkTable, a: number, b: number, sim: Similarity): number {
  const ua = t.uprn[a], ub = t.uprn[b];
  if (ua >= 0 && ua === ub) return 1;
  const la = t.addrLine[a], lb = t.addrLine[b], pa = t.pcUnit[a], pb = t.pcUnit[b], ta = t.town[a], tb = t.town[b];
  const l2a = t.line2[a], l2b = t.line2[b];
  const hasLine = la >= 0 && lb >= 0, hasPc = pa >= 0 && pb >= 0, hasTown = ta >= 0 && tb >= 0;
  if (!hasLine && !hasPc && !hasTown && !(ua >= 0 && ub >= 0) && !(l2a >= 0 && l2b >= 0)) return 0;
  let line = false, street = false;
  if (hasLine) {
    if (la === lb) line = true;
    else {
      const sa = t.addrStreet[a], sb = t.addrStreet[b];
      street = sa >= 0 && sb >= 0 && (sa === sb || sim.textJw.get(sa, sb) >= 0.88);
      line = street && t.addrNumber[a] >= 0 && t.addrNumber[a] === t.addrNumber[b];
    }
  }
  const pcExact = hasPc && pa === pb;
  const pcClose = hasPc && !pcExact && ((t.pcSector[a] >= 0 && t.pcSector[a] === t.pcSector[b]) || withinOneEdit(t.texts[pa], t.texts[pb]));
  const town = hasTown && (ta === tb || sim.textClose.get(ta, tb) === 1);
  if (line && pcExact) return 2;
  if (line && pcClose) return 3;
  if (line && town) return 4;
  if (line) return 5;
  if (pcExact && town) return 6;
  if (pcExact) return 7;
  if (pcClose) return 8;
  if (street) return 9;
  if (town || (t.pcDistrict[a] >= 0 && t.pcDistrict[a] === t.pcDistrict[b])) return 10;
  return 11;
}

function sharesToken(a: string, b: string): boolean {
  if (a.indexOf(' ') < 0 && b.indexOf(' ') < 0) return false;
  const ta = a.split(' ');
  for (const tok of b.split(' ')) if (tok.length > 1 && ta.includes(tok)) return true;
  return false;
}

/** One digit of YYYYMMDD different, or two adjacent digits transposed (a typing slip); no strings made. */
function oneDigitApart(t: LinkTable, a: number, b: number): boolean {
  let x = t.dobY[a] * 10000 + t.dobM[a] * 100 + t.dobD[a], y = t.dobY[b] * 10000 + t.dobM[b] * 100 + t.dobD[b];
  // No arrays: this runs for most candidate pairs, and an allocation per pair fed the GC.
  let diffs = 0, last = -1, xFirst = 0, yFirst = 0, xLast = 0, yLast = 0;
  for (let i = 0; i < 8; i++) {
    const cx = x % 10, cy = y % 10;
    if (cx !== cy) {
      diffs++;
      if (diffs === 1) { xFirst = cx; yFirst = cy; } else if (diffs === 2) { if (i !== last + 1) return false; xLast = cx; yLast = cy; } else return false;
      last = i;
    }
    x = Math.floor(x / 10); y = Math.floor(y / 10);
  }
  if (diffs <= 1) return true;
  return xFirst === yLast && xLast === yFirst;
}

export function comparatorsFor(settings: LinkSettings): Comparator[] {
  const [hi, lo] = settings.jaroWinklerBands;
  const simOf = similarityFor();
  const namesClose = (t: LinkTable, x: number, y: number): boolean =>
    x >= 0 && y >= 0 && (x === y || (t.names[x].length > 1 && t.names[y].length > 1 && simOf(t).nameJw.get(x, y) >= hi));
  const K = settings.strongIds.length;
  const make: Record<ComparisonName, Comparator> = {
    forename: (t, a, b) => {
      const x = t.forename[a], y = t.forename[b];
      if (x < 0 || y < 0) return 0;
      if (x === y) return 1;
      // Forename and surname written in each other's fields (both agree crosswise, allowing a typo).
      if (namesClose(t, x, t.surname[b]) && namesClose(t, y, t.surname[a])) return 2;
      if (shareNicknameGroup(t, x, y)) return 3;
      const sx = t.names[x], sy = t.names[y];
      const jw = simOf(t).nameJw.get(x, y);
      if (jw >= hi) return 4;
      if (t.nameNysiis[x] === t.nameNysiis[y]) return 5;
      if (jw >= lo) return 6;
      if ((sx.length === 1 || sy.length === 1) && sx.charCodeAt(0) === sy.charCodeAt(0)) return 7;
      return 8;
    },
    middle_names: (t, a, b) => {
      const x = t.middle[a], y = t.middle[b];
      if (x < 0 || y < 0) return 0;
      if (x === y) return 1;
      const sx = t.names[x], sy = t.names[y];
      const fx = sx.split(' ')[0], fy = sy.split(' ')[0];
      return fx === fy || ((fx.length === 1 || fy.length === 1) && fx[0] === fy[0]) ? 2 : 3;
    },
    surname: (t, a, b) => {
      const x = t.surname[a], y = t.surname[b];
      if (x < 0 || y < 0) return 0;
      if (x === y) return 1;
      if (x === t.former[b] || y === t.former[a]) return 3;
      const sx = t.names[x], sy = t.names[y];
      const jw = simOf(t).nameJw.get(x, y);
      if (jw >= hi) return 4;
      // The surname found in the other record's forename field (names transposed, perhaps with the
      // forename also changed or missing).
      if (namesClose(t, x, t.forename[b]) || namesClose(t, y, t.forename[a])) return 2;
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
      if (oneDigitApart(t, a, b)) return 3;
      if ((ey ? 1 : 0) + (em ? 1 : 0) + (ed ? 1 : 0) === 2) return 4;
      // Far-apart dates (parent and child namesakes) must weigh much more against than near ones.
      const days = Math.abs(t.dobDay[a] - t.dobDay[b]);
      return days <= 366 ? 5 : days <= 1826 ? 6 : 7;
    },
    sex: (t, a, b) => (t.sex[a] < 0 || t.sex[b] < 0 ? 0 : t.sex[a] === t.sex[b] ? 1 : 2),
    address: (t, a, b) => compareAddress(t, a, b, simOf(t)),
    phone: (t, a, b) => {
      const x = t.phone[a], y = t.phone[b];
      if (x < 0 || y < 0) return 0;
      if (x === y) return 1;
      const sx = textOf(t, x), sy = textOf(t, y);
      return sx.slice(-6) === sy.slice(-6) || withinOneEdit(sx, sy) ? 2 : 3;
    },
    email: (t, a, b) => {
      const x = t.email[a], y = t.email[b];
      if (x < 0 || y < 0) return 0;
      if (x === y) return 1;
      const sx = textOf(t, x), sy = textOf(t, y);
      return sx.slice(0, sx.indexOf('@')) === sy.slice(0, sy.indexOf('@')) || withinOneEdit(sx, sy) ? 2 : 3;
    },
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

/** The packed comparison vector of one pair. */
export function patternOf(t: LinkTable, comparators: readonly Comparator[], layout: PatternLayout, a: number, b: number): number {
  let p = 0;
  for (let c = 0; c < comparators.length; c++) p += comparators[c](t, a, b) * layout.scale[c];
  return p;
}

/** Comparison vectors for pairs [from, to) of (left, right). */
export function comparePairs(
  t: LinkTable, comparators: readonly Comparator[], layout: PatternLayout, left: Uint32Array, right: Uint32Array,
  out: Float64Array, from = 0, to = left.length,
): void {
  for (let p = from; p < to; p++) out[p] = patternOf(t, comparators, layout, left[p], right[p]);
}
