/**
 * Blocking: each rule keys every unit on a few derived columns; units sharing a key form a block
 * and every pair within it is a candidate. Rules are unioned without a hash set: a pair found by
 * rule r is skipped when an earlier rule would have produced it too (splink's method). A block
 * larger than maxBlockSize is skipped with an issue, so one common value cannot explode the run.
 */
import type { LinkTable } from './link-table.ts';
import type { KeyField, KeyRule, LinkIssue } from './types.ts';

/** `postcode_district_or_none`'s value for a unit without a district: no text id reaches it (and a rule's key stays exact, below 2^26). */
const NO_DISTRICT = 2 ** 26 - 1;

export function keyColumn(t: LinkTable, field: KeyField): Int32Array {
  const U = t.unitCount;
  const out = new Int32Array(U).fill(-1);
  // Derived strings (prefixes) are interned per column.
  const ids = new Map<string, number>();
  const intern = (s: string): number => { let v = ids.get(s); if (v === undefined) { v = ids.size; ids.set(s, v); } return v; };
  for (let u = 0; u < U; u++) {
    const f = t.forename[u], s = t.surname[u];
    let v = -1;
    switch (field) {
      case 'forename': v = f; break;
      case 'forename_canonical': v = f < 0 ? -1 : t.nameCanon[f]; break;
      case 'forename_nysiis': v = f < 0 ? -1 : t.nameNysiis[f]; break;
      case 'forename_initial': v = f < 0 ? -1 : t.names[f].charCodeAt(0); break;
      case 'forename_prefix': v = f < 0 ? -1 : intern(t.names[f].slice(0, 3)); break;
      case 'surname': v = s; break;
      case 'surname_nysiis': v = s < 0 ? -1 : t.nameNysiis[s]; break;
      case 'surname_prefix': v = s < 0 ? -1 : intern(t.names[s].slice(0, 3)); break;
      case 'names_nysiis_unordered': {
        if (f < 0 || s < 0) break;
        const x = t.nameNysiis[f], y = t.nameNysiis[s];
        v = intern(x < y ? `${x},${y}` : `${y},${x}`);
        break;
      }
      case 'dob': v = t.dobDay[u]; break;
      case 'dob_year': v = t.dobY[u]; break;
      case 'dob_month_day': v = t.dobM[u] < 0 ? -1 : t.dobM[u] * 32 + t.dobD[u]; break;
      case 'postcode': v = t.pcUnit[u]; break;
      case 'postcode_sector': v = t.pcSector[u]; break;
      case 'postcode_district': v = t.pcDistrict[u]; break;
      // The district, or "none" (a value of its own) for a unit with no UK postcode: a rule keyed on it
      // splits an address shared across a county's towns by district without dropping the units that
      // have no postcode, which pair among themselves on the rule's other keys.
      case 'postcode_district_or_none': v = t.pcDistrict[u] >= 0 ? t.pcDistrict[u] : NO_DISTRICT; break;
      case 'sex': v = t.sex[u]; break;
      case 'address_number': v = t.addrNumber[u]; break;
      case 'address_street_prefix': v = t.addrStreet[u] < 0 ? -1 : intern(t.texts[t.addrStreet[u]].slice(0, 4)); break;
      case 'address_line': v = t.addrLine[u]; break;
      case 'town': v = t.town[u]; break;
      // The postcode sector (a few thousand addresses) where there is a postcode, else the town: a
      // county's towns hold tens of thousands of people, too many to pair within one key.
      case 'locality': v = t.pcSector[u] >= 0 ? t.pcSector[u] : t.town[u]; break;
    }
    out[u] = v;
  }
  return out;
}

/** One number per unit for a rule (NaN when a key column is missing). Exact for ≤ 2 columns, a 52-bit hash beyond. */
export function ruleKeys(t: LinkTable, rule: KeyRule, cache: Map<KeyField, Int32Array>): Float64Array {
  const cols = rule.keys.map((k) => {
    let c = cache.get(k);
    if (!c) { c = keyColumn(t, k); cache.set(k, c); }
    return c;
  });
  const U = t.unitCount;
  const out = new Float64Array(U);
  for (let u = 0; u < U; u++) {
    let missing = false;
    for (const c of cols) if (c[u] < 0) { missing = true; break; }
    if (missing) { out[u] = NaN; continue; }
    if (cols.length === 1) out[u] = cols[0][u];
    else if (cols.length === 2) out[u] = cols[0][u] * 2 ** 26 + cols[1][u];
    else {
      let h1 = 0x9e3779b9, h2 = 0x85ebca6b;
      for (const c of cols) {
        h1 = Math.imul(h1 ^ c[u], 0x01000193) ^ (h1 >>> 13);
        h2 = Math.imul(h2 ^ c[u], 0x2c1b3c6d) ^ (h2 >>> 15);
      }
      out[u] = (h1 >>> 0) * 2 ** 20 + ((h2 >>> 0) & 0xfffff);
    }
  }
  return out;
}

/** Units grouped by key: [start, end) ranges over `order`, only blocks of 2+ units. */
export interface Blocks { order: Uint32Array; starts: number[]; ends: number[] }

export function blocksOf(keys: Float64Array): Blocks {
  // Units sorted by (key, unit) with a stable LSD radix sort of the keys (integers below 2^53, NaN
  // for none), 11 bits a pass: every pass reads and writes in order, where a hash table of a
  // county's units missed the cache on nearly every probe (measured: blocksOf was 16% of the link
  // stage's main thread at 100,000 families).
  const U = keys.length;
  let n = 0;
  for (let u = 0; u < U; u++) if (!Number.isNaN(keys[u])) n++;
  let units = new Uint32Array(n), hi = new Uint32Array(n), lo = new Uint32Array(n);
  for (let u = 0, i = 0; u < U; u++) {
    const v = keys[u];
    if (Number.isNaN(v)) continue;
    const h = Math.floor(v / 2 ** 32);
    units[i] = u; hi[i] = h; lo[i] = v - h * 2 ** 32; i++;
  }
  let units2 = new Uint32Array(n), hi2 = new Uint32Array(n), lo2 = new Uint32Array(n);
  const count = new Int32Array(RADIX);
  for (let pass = 0; pass < 5; pass++) {
    // Bits 0–10, 11–21, 22–31 of the low word, then 0–10, 11–20 of the high one.
    const word = pass < 3 ? lo : hi, shift = pass < 3 ? pass * 11 : (pass - 3) * 11;
    count.fill(0);
    let spread = false;
    const d0 = n > 0 ? (word[0] >>> shift) & (RADIX - 1) : 0;
    for (let i = 0; i < n; i++) { const d = (word[i] >>> shift) & (RADIX - 1); count[d]++; if (d !== d0) spread = true; }
    if (!spread) continue; // every key has the same digit: the order stands
    for (let d = 0, at = 0; d < RADIX; d++) { const c = count[d]; count[d] = at; at += c; }
    for (let i = 0; i < n; i++) {
      const j = count[(word[i] >>> shift) & (RADIX - 1)]++;
      units2[j] = units[i]; hi2[j] = hi[i]; lo2[j] = lo[i];
    }
    [units, units2] = [units2, units]; [hi, hi2] = [hi2, hi]; [lo, lo2] = [lo2, lo];
  }
  // Runs of one key, of two units or more (into the spare buffer).
  const starts: number[] = [], ends: number[] = [];
  let kept = 0;
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && hi[j] === hi[i] && lo[j] === lo[i]) j++;
    if (j - i > 1) { starts.push(kept); for (let x = i; x < j; x++) units2[kept++] = units[x]; ends.push(kept); }
    i = j;
  }
  return { order: units2.slice(0, kept), starts, ends };
}

/** Digits of the radix sort in `blocksOf`: 11 bits. */
const RADIX = 2048;

export class PairBuffer {
  left = new Uint32Array(1024);
  right = new Uint32Array(1024);
  length = 0;
  push(a: number, b: number): void {
    if (this.length === this.left.length) {
      const l = new Uint32Array(this.left.length * 2); l.set(this.left); this.left = l;
      const r = new Uint32Array(this.right.length * 2); r.set(this.right); this.right = r;
    }
    this.left[this.length] = a; this.right[this.length++] = b;
  }
  done(): { left: Uint32Array; right: Uint32Array } {
    return { left: this.left.slice(0, this.length), right: this.right.slice(0, this.length) };
  }
}

export interface CandidatePairs { left: Uint32Array; right: Uint32Array; pairsByRule: Record<string, number> }

/** Every candidate pair at once (tests and benches; the linker streams them). */
export function generateCandidates(t: LinkTable, rules: readonly KeyRule[], maxBlockSize: number, issues: LinkIssue[], checkpoint?: () => void): CandidatePairs {
  const stream = new CandidateStream(t, rules, maxBlockSize, issues, checkpoint);
  const buf = new PairBuffer();
  const left = new Uint32Array(1 << 16), right = new Uint32Array(1 << 16);
  for (let n = stream.fill(left, right); n > 0; n = stream.fill(left, right)) for (let i = 0; i < n; i++) buf.push(left[i], right[i]);
  return { ...buf.done(), pairsByRule: stream.pairsByRule };
}

/**
 * The candidate pairs, rule by rule and block by block, handed out a bounded batch at a time
 * (`fill`), so that a county's tens of millions of pairs are compared and scored as they come
 * and never held at once. The pairs and their order are the same whatever the batch size.
 */
export class CandidateStream {
  readonly pairsByRule: Record<string, number> = {};
  private readonly cache = new Map<KeyField, Int32Array>();
  private readonly keysByRule: Float64Array[] = [];
  private readonly oversized: Uint8Array[] = [];
  /** The rule being paired (-1 before the first), its keys, oversized marks and blocks, and where pairing stopped. */
  private r = -1;
  private keys: Float64Array = new Float64Array(0);
  private big = new Uint8Array(0);
  private blocks: Blocks = { order: new Uint32Array(0), starts: [], ends: [] };
  private bi = 0;
  private i = 0;
  private j = 0;
  private count = 0;

  constructor(private readonly t: LinkTable, private readonly rules: readonly KeyRule[], private readonly maxBlockSize: number,
    private readonly issues: LinkIssue[], private readonly checkpoint?: () => void) {}

  /** Writes the next pairs (left < right) into the arrays from index 0 and returns how many; 0 when every rule is done. */
  fill(left: Uint32Array, right: Uint32Array): number {
    const cap = Math.min(left.length, right.length);
    let n = 0;
    while (n < cap) {
      if (this.r < 0 || this.bi >= this.blocks.starts.length) {
        if (!this.nextRule()) break;
        continue;
      }
      const { order, starts, ends } = this.blocks;
      const s = starts[this.bi], e = ends[this.bi];
      if (this.i === 0 && this.j === 0) {
        if (e - s > this.maxBlockSize) {
          for (let k = s; k < e; k++) this.big[order[k]] = 1;
          this.issues.push({ code: 'link/oversized-block', key: null, field: this.rules[this.r].name, detail: `block of ${e - s} records skipped (limit ${this.maxBlockSize})` });
          this.bi++;
          continue;
        }
        this.i = s; this.j = s + 1;
      }
      const r = this.r, keysByRule = this.keysByRule, oversized = this.oversized;
      let i = this.i, j = this.j;
      for (; i < e && n < cap; i++, j = i + 1) {
        for (; j < e && n < cap; j++) {
          const a = order[i], b = order[j];
          let seen = false;
          for (let q = 0; q < r; q++) {
            const kq = keysByRule[q];
            if (kq[a] === kq[b] && oversized[q][a] === 0) { seen = true; break; }
          }
          if (seen) continue;
          if (a < b) { left[n] = a; right[n] = b; } else { left[n] = b; right[n] = a; }
          n++;
          this.count++;
        }
        if (j < e) break; // the batch is full inside this row
      }
      if (i >= e) { this.bi++; this.i = 0; this.j = 0; } else { this.i = i; this.j = j; }
    }
    return n;
  }

  /** Closes the rule being paired and opens the next; false when there is none. */
  private nextRule(): boolean {
    if (this.r >= this.rules.length) return false;
    if (this.r >= 0) {
      this.keysByRule.push(this.keys);
      this.oversized.push(this.big);
      this.pairsByRule[this.rules[this.r].name] = this.count;
      this.checkpoint?.();
    }
    if (this.r + 1 >= this.rules.length) {
      // Done: what only pairing needed goes.
      this.r = this.rules.length;
      this.blocks = { order: new Uint32Array(0), starts: [], ends: [] };
      this.keysByRule.length = 0; this.oversized.length = 0; this.cache.clear();
      return false;
    }
    this.r++;
    this.keys = ruleKeys(this.t, this.rules[this.r], this.cache);
    this.big = new Uint8Array(this.t.unitCount);
    this.blocks = blocksOf(this.keys);
    this.bi = 0; this.i = 0; this.j = 0; this.count = 0;
    return true;
  }
}
