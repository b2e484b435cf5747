/**
 * Records standardised once into columns of interned integer ids, grouped into unique profiles
 * ("units": records whose standardised person fields are all identical). Every later step —
 * blocking, comparison, EM — works on units and integers. Only typed arrays and string arrays,
 * so a table can be posted to worker threads as is.
 */
import type { PersonField, StrongId } from '../../shared/extracts.ts';
import { isoDate, toDayNumber } from '../../shared/dates.ts';
import { hash64 } from './hash64.ts';
import type { LinkIssue, LinkRecord } from './types.ts';
import { SourceRowKeys, StringKeys, type RecordKeys } from './record-keys.ts';
import { grown } from './grown.ts';
import { C, FieldStandardiser, Interner, type FieldProblem, type FieldValues, type StandardisedSource, type TextParts } from './field-standardiser.ts';

export interface LinkTable {
  readonly recordCount: number;
  /** Record keys sorted ascending: record index order is key order, so results never depend on input order. */
  readonly keys: RecordKeys;
  readonly recordSource: Int32Array;
  readonly sourceNames: string[];
  readonly unitOf: Int32Array;
  readonly unitCount: number;
  /** Lowest record index of each unit. */
  readonly unitRep: Int32Array;
  /** Interned name strings (forenames, surnames, middle names) and, per name id, derived codes. */
  readonly names: string[];
  readonly nameNysiis: Int32Array;
  readonly nameCanon: Int32Array;
  /** Nickname groups of name id i: nameGroups[nameGroupStart[i] .. nameGroupStart[i+1]). */
  readonly nameGroupStart: Int32Array;
  readonly nameGroups: Int32Array;
  readonly forename: Int32Array;
  readonly middle: Int32Array;
  readonly surname: Int32Array;
  readonly former: Int32Array;
  readonly dobY: Int32Array;
  readonly dobM: Int32Array;
  readonly dobD: Int32Array;
  readonly dobDay: Int32Array;
  readonly sex: Int32Array;
  /** Interned other text: address parts, town, postcode (UK unit or compact text), phone, email, uprn. */
  readonly texts: string[];
  readonly addrLine: Int32Array;
  readonly addrNumber: Int32Array;
  readonly addrStreet: Int32Array;
  readonly line2: Int32Array;
  readonly town: Int32Array;
  readonly pcUnit: Int32Array;
  /** Sector and district of a UK postcode; -1 for a postcode that is not UK-shaped. */
  readonly pcSector: Int32Array;
  readonly pcDistrict: Int32Array;
  readonly phone: Int32Array;
  readonly email: Int32Array;
  readonly uprn: Int32Array;
  readonly idKinds: StrongId[];
  /** unitCount × idKinds.length interned identifier values, -1 when missing. */
  readonly ids: Int32Array;
  readonly idValues: string[];
}

/** Stable fingerprint of a record: its source and normalised person fields, not its row id. */
export function fingerprintOf(source: string, profile: string): string {
  return hash64(`${source}\u0001${profile}`);
}

/** The normalised person fields of a unit as text (computed on demand: only review needs it). */
export function unitProfileText(t: LinkTable, u: number): string {
  const name = (id: number): string => (id < 0 ? '' : t.names[id]);
  const dob = t.dobY[u] < 0 ? '' : isoDate(t.dobY[u], t.dobM[u], t.dobD[u]);
  const ids: string[] = [];
  for (let k = 0; k < t.idKinds.length; k++) { const v = t.ids[u * t.idKinds.length + k]; ids.push(v < 0 ? '' : t.idValues[v]); }
  return [name(t.forename[u]), name(t.surname[u]), name(t.former[u]), dob, t.pcUnit[u] < 0 ? '' : t.texts[t.pcUnit[u]],
    t.sex[u] < 0 ? '' : t.sex[u] === 0 ? 'M' : 'F', ...ids].join('|');
}

export function recordFingerprint(t: LinkTable, record: number): string {
  return fingerprintOf(t.sourceNames[t.recordSource[record]], unitProfileText(t, t.unitOf[record]));
}

/** `shared`: the columns in shared memory (see `LinkTableBuilder.finish`). */
export function buildLinkTable(records: readonly LinkRecord[], idKinds: readonly StrongId[], issues: LinkIssue[], shared = false): LinkTable {
  const n = records.length;
  // The default sort orders strings by UTF-16 code units, as `<` does, without a JS comparator
  // call per comparison (measured: ~5 s of a 1M-record run).
  // Records given in key order (the link stage reads them so) are numbered as given.
  let inOrder = true;
  for (let i = 1; inOrder && i < n; i++) inOrder = records[i - 1].key < records[i].key;
  const builder = new LinkTableBuilder(idKinds, issues, n);
  if (inOrder) {
    for (const r of records) builder.add(r);
  } else {
    const keys = records.map((r) => r.key).sort();
    for (let i = 1; i < n; i++) if (keys[i] === keys[i - 1]) throw new Error('linkRecords: record keys must be unique');
    const indexOf = new Map<string, number>();
    records.forEach((r, i) => indexOf.set(r.key, i));
    for (const k of keys) builder.add(records[indexOf.get(k)!]);
  }
  return builder.finish(shared);
}

const EMPTY = new Int32Array(0);
/** One source's records for `LinkTableBuilder.addSource`. */
export interface SourceRecords {
  readonly source: string;
  readonly rowIds: ArrayLike<number>;
  /** The records' positions (in `rowIds`, `profileOf`) in the order of their keys `${source}:${rowId}` as text. */
  readonly order: ArrayLike<number> & Iterable<number>;
  /** Each record's profile (0 ≤ p < profileCount): records of one profile have the same person fields. */
  readonly profileOf: ArrayLike<number>;
  readonly profileCount: number;
  /** The person fields of a profile (asked once per profile at most). */
  fieldsOf(profile: number): Partial<Record<PersonField, string | null>>;
}

/** A source's records as `LinkTableBuilder.addStandardised` takes them, their profiles standardised apart. */
export type SourceRows = Omit<SourceRecords, 'fieldsOf'>;

/** The table's records and units: all of it but the interned values (`FieldValues`). */
export type UnitTable = Omit<LinkTable, keyof FieldValues>;

/**
 * Builds a table from records given in ascending key order, one at a time (`add`) or a source at
 * a time (`addSource`: a caller reading a county from a store hands each source over and keeps none
 * of them; or `addStandardised`, its profiles standardised by another thread's `FieldStandardiser`).
 */
export class LinkTableBuilder {
  private readonly K: number;
  private readonly sources = new Interner();
  /**
   * The keys: while every record's is `${source}:${rowId}` (a record read from the store carries its
   * row id), only the row ids are kept; `keyStrings` holds them all once one is not.
   */
  private rowIds: Float64Array;
  private keyStrings: string[] | null = null;
  private lastKey = '';
  private recordSource: Int32Array;
  private unitOf: Int32Array;
  /**
   * Units by profile: an open-addressing table of unit ids hashed on the profile's integer values
   * (a string key per record and a map of a million of them fed the GC); doubled when half full.
   */
  private unitSlots: Int32Array;
  private lastSource: string | null = null;
  private lastSourceId = -1;
  private sourceSlots: Map<string, number> | null = null;
  /** Per unit: its profile's columns, identifiers (K per unit) and first record, in typed arrays grown together. */
  private cols: Int32Array<ArrayBufferLike>[] = Array.from({ length: C }, () => new Int32Array(1024));
  private idCol: Int32Array<ArrayBufferLike>;
  private reps: Int32Array<ArrayBufferLike> = new Int32Array(1024);
  private units = 0;
  /** The profile at hand: its C columns, then its K identifiers. */
  private readonly v: number[];
  /** Records with the same `profile` (per source) have the same fields: standardised once. Kept for the current source only. */
  private readonly slotValues: number[] = [];
  private readonly slotProblems = new Map<number, FieldProblem[]>();
  private n = 0;

  /** The fields' standardiser of `add`, `addSource` and `finish` (`addStandardised` and `finishUnits` are given their values). */
  private readonly std: FieldStandardiser;

  constructor(private readonly idKinds: readonly StrongId[], private readonly issues: LinkIssue[], sizeHint = 0) {
    this.std = new FieldStandardiser(idKinds);
    this.K = idKinds.length;
    this.v = new Array<number>(C + this.K);
    this.idCol = new Int32Array(1024 * Math.max(1, this.K));
    this.recordSource = new Int32Array(Math.max(16, sizeHint));
    this.unitOf = new Int32Array(Math.max(16, sizeHint));
    this.rowIds = new Float64Array(Math.max(16, sizeHint));
    let slots = 1;
    while (slots < 2 * sizeHint) slots *= 2;
    this.unitSlots = new Int32Array(Math.max(16, slots)).fill(-1);
  }

  /** The next record: its key must be above every key added before. */
  add(r: LinkRecord): void {
    const i = this.n;
    if (i > 0 && !(this.lastKey < r.key)) throw new Error('linkRecords: record keys must be unique and given in ascending order');
    const { issues, v, slotValues, slotProblems } = this;
    const W = v.length;
    this.reserve(i + 1);
    this.lastKey = r.key;
    if (r.source !== this.lastSource) {
      // Records come source by source: the profiles of the one before are not seen again.
      this.lastSource = r.source; this.lastSourceId = this.sources.id(r.source);
      this.sourceSlots = new Map(); slotValues.length = 0; slotProblems.clear();
    }
    this.recordSource[i] = this.lastSourceId;
    this.addKey(r, i);
    const cached = r.profile === undefined ? undefined : this.sourceSlots!.get(r.profile);
    let problems: FieldProblem[] | null | undefined;
    if (cached !== undefined) {
      for (let c = 0; c < W; c++) v[c] = slotValues[cached * W + c];
      problems = slotProblems.get(cached);
    } else {
      problems = this.std.standardise(r.fields, v);
      if (r.profile !== undefined) {
        const slot = slotValues.length / W;
        this.sourceSlots!.set(r.profile, slot);
        for (let c = 0; c < W; c++) slotValues.push(v[c]);
        if (problems) slotProblems.set(slot, problems);
      }
    }
    for (const p of problems ?? []) issues.push({ code: 'link/invalid-identifier', key: r.key, field: p.field, detail: p.detail });
    this.unitOf[i] = this.unitFor(i);
    this.n++;
  }

  /** A whole source's records (the link stage's way), each profile standardised once. */
  addSource(s: SourceRecords): void {
    this.addStandardised(s, this.std.standardiseSource(s.order, s.profileOf, s.profileCount, s.fieldsOf));
  }

  /** A whole source's records, its profiles standardised (`FieldStandardiser.standardiseSource`); a profile that identifies is found in its unit once. */
  addStandardised(s: SourceRows, standardised: StandardisedSource): void {
    const { order, rowIds, profileOf, source } = s;
    if (order.length === 0) return;
    const key = (j: number): string => `${source}:${rowIds[j]}`;
    if (this.n > 0 && !(this.lastKey < key(order[0]))) throw new Error('linkRecords: record keys must be unique and given in ascending order');
    const { issues, v } = this;
    const W = v.length;
    const { values } = standardised;
    const problemsOf = new Map(standardised.problems);
    this.reserve(this.n + order.length);
    const sourceId = this.sources.id(source);
    // Per profile that identifies: its unit (one that does not makes each of its records a unit of its own).
    const unitOfProfile = new Int32Array(s.profileCount).fill(-1);
    for (const j of order) {
      const i = this.n++, p = profileOf[j];
      this.recordSource[i] = sourceId;
      this.addRowKey(source, rowIds[j], i);
      for (const q of problemsOf.get(p) ?? []) issues.push({ code: 'link/invalid-identifier', key: key(j), field: q.field, detail: q.detail });
      let u = unitOfProfile[p];
      if (u < 0) {
        for (let c = 0; c < W; c++) v[c] = values[p * W + c];
        u = this.unitFor(i);
        if (this.identifying()) unitOfProfile[p] = u;
      }
      this.unitOf[i] = u;
    }
    this.lastKey = key(order[order.length - 1]);
    this.lastSource = null;
  }

  /** Room for `n` records. */
  private reserve(n: number): void {
    if (n <= this.unitOf.length) return;
    const size = Math.max(n, 2 * this.unitOf.length);
    this.unitOf = grown(this.unitOf, size); this.recordSource = grown(this.recordSource, size);
    if (this.keyStrings === null) this.rowIds = grown(this.rowIds, size);
  }

  /** Only identifying profiles are merged as exact duplicates; "surname only" rows stay apart. */
  private identifying(): boolean {
    const { v } = this;
    if (v[0] >= 0 && v[2] >= 0 && v[4] >= 0) return true;
    for (let c = C; c < v.length; c++) if (v[c] >= 0) return true;
    return false;
  }

  /** The unit of the profile in `v`: the one found with it, or a new one whose first record is `rep`. */
  private unitFor(rep: number): number {
    const { v, K } = this;
    const identifying = this.identifying();
    let slot = -1;
    if (identifying) {
      const { cols, idCol } = this;
      const mask = this.unitSlots.length - 1;
      for (slot = this.hashOf(v) & mask; ; slot = (slot + 1) & mask) {
        const cand = this.unitSlots[slot];
        if (cand < 0) break;
        let same = true;
        for (let c = 0; same && c < C; c++) same = cols[c][cand] === v[c];
        for (let k = 0; same && k < K; k++) same = idCol[cand * K + k] === v[C + k];
        if (same) return cand;
      }
    }
    const u = this.units++;
    if (identifying) this.unitSlots[slot] = u;
    if (u === this.reps.length) this.growUnits();
    this.reps[u] = rep;
    for (let c = 0; c < C; c++) this.cols[c][u] = v[c];
    for (let k = 0; k < K; k++) this.idCol[u * K + k] = v[C + k];
    if (2 * this.units > this.unitSlots.length) this.rehash();
    return u;
  }

  private addKey(r: Pick<LinkRecord, 'key' | 'source' | 'rowId'>, i: number): void {
    const rowId = r.rowId;
    if (this.keyStrings === null) {
      if (rowId !== undefined && r.key === `${r.source}:${rowId}`) { this.rowIds[i] = rowId; return; }
      // The first key that is not a source and row id: every key is kept as text from here.
      const names = this.sources.values;
      this.keyStrings = Array.from({ length: i }, (_, j) => `${names[this.recordSource[j]]}:${this.rowIds[j]}`);
      this.rowIds = new Float64Array(0);
    }
    this.keyStrings.push(r.key);
  }

  /** The key `${source}:${rowId}` of record `i`, made as text only once keys are kept as text. */
  private addRowKey(source: string, rowId: number, i: number): void {
    if (this.keyStrings === null) this.rowIds[i] = rowId;
    else this.keyStrings.push(`${source}:${rowId}`);
  }

  private hashOf(v: ArrayLike<number>): number {
    let h = 0x811c9dc5;
    for (let c = 0; c < v.length; c++) h = Math.imul(h ^ v[c], 0x01000193);
    return h ^ (h >>> 15);
  }

  /** Grows the unit columns by half, one at a time (each old one let go before the next is copied). */
  private growUnits(): void {
    const units = Math.ceil(this.reps.length * 1.5);
    for (let c = 0; c < C; c++) this.cols[c] = grown(this.cols[c], units);
    this.idCol = grown(this.idCol, units * Math.max(1, this.K));
    this.reps = grown(this.reps, units);
  }

  /** Doubles the unit table (a caller that gave no size hint). */
  private rehash(): void {
    const slots = new Int32Array(this.unitSlots.length * 2).fill(-1), mask = slots.length - 1;
    const { cols, idCol, K } = this;
    const v = new Array<number>(C + K);
    for (const u of this.unitSlots) {
      if (u < 0) continue;
      for (let c = 0; c < C; c++) v[c] = cols[c][u];
      for (let k = 0; k < K; k++) v[C + k] = idCol[u * K + k];
      let slot = this.hashOf(v) & mask;
      while (slots[slot] >= 0) slot = (slot + 1) & mask;
      slots[slot] = u;
    }
    this.unitSlots = slots;
  }

  /** `shared`: every column in a SharedArrayBuffer (worker threads then read it without a copy). */
  finish(shared = false): LinkTable {
    const { texts, parts } = this.std.finishTexts();
    return { ...this.finishUnits(shared, parts), ...this.std.finishNames(shared), texts };
  }

  /** The records and units, given the parts of each text (from the standardiser, wherever it ran). */
  finishUnits(shared: boolean, parts: TextParts): UnitTable {
    const alloc = (n: number): Int32Array => new Int32Array(shared ? new SharedArrayBuffer(Math.max(1, n) * 4) : new ArrayBuffer(n * 4), 0, n);
    const from = (src: ArrayLike<number>): Int32Array => { const a = alloc(src.length); a.set(src); return a; };
    const { n } = this;
    const U = this.units;
    this.sourceSlots = null; this.slotValues.length = 0; this.slotProblems.clear();
    this.unitSlots = EMPTY;
    // Each column is copied out and the builder's let go at once, so a county's columns are never
    // held twice (at 300,000 families that was some 700 MB at this step).
    const take = (c: number): Int32Array => { const out = from(this.cols[c].subarray(0, U)); this.cols[c] = EMPTY; return out; };
    const forename = take(0), middle = take(1), surname = take(2), former = take(3), sex = take(5);
    const addrLine = take(6), line2 = take(7), town = take(8), pcUnit = take(9), phone = take(10), email = take(11), uprn = take(12);
    const dobCode = this.cols[4];
    this.cols = [];
    const ids = from(this.idCol.subarray(0, U * this.K)); this.idCol = EMPTY;
    const unitRep = from(this.reps.subarray(0, U)); this.reps = EMPTY;
    const recordSource = from(this.recordSource.subarray(0, n)); this.recordSource = EMPTY;
    const keys = this.keyStrings ? new StringKeys(this.keyStrings) : new SourceRowKeys(this.sources.values, recordSource, this.rowIds.slice(0, n));
    this.keyStrings = null; this.rowIds = new Float64Array(0);
    const unitOf = from(this.unitOf.subarray(0, n)); this.unitOf = EMPTY;
    const dobY = alloc(U).fill(-1), dobM = alloc(U).fill(-1), dobD = alloc(U).fill(-1), dobDay = alloc(U).fill(-1);
    const pcSector = alloc(U).fill(-1), pcDistrict = alloc(U).fill(-1);
    const addrNumber = alloc(U).fill(-1), addrStreet = alloc(U).fill(-1);
    for (let u = 0; u < U; u++) {
      const code = dobCode[u];
      if (code >= 0) {
        const y = Math.floor(code / 10000), m = Math.floor(code / 100) % 100, d = code % 100;
        dobY[u] = y; dobM[u] = m; dobD[u] = d; dobDay[u] = toDayNumber(isoDate(y, m, d)) + 100_000;
      }
      const pc = pcUnit[u];
      if (pc >= 0) { pcSector[u] = parts.sectorOf[pc]; pcDistrict[u] = parts.districtOf[pc]; }
      const a = addrLine[u];
      if (a >= 0) { addrNumber[u] = parts.numberOf[a]; addrStreet[u] = parts.streetOf[a]; }
    }
    return {
      recordCount: n, keys, recordSource, sourceNames: this.sources.values, unitOf, unitCount: U, unitRep,
      forename, middle, surname, former, dobY, dobM, dobD, dobDay, sex,
      addrLine, addrNumber, addrStreet, line2, town, pcUnit, pcSector, pcDistrict, phone, email, uprn,
      idKinds: [...this.idKinds], ids,
    };
  }
}

/** True when two name ids share a nickname group. */
export function shareNicknameGroup(t: LinkTable, x: number, y: number): boolean {
  const xs = t.nameGroupStart[x], xe = t.nameGroupStart[x + 1], ys = t.nameGroupStart[y], ye = t.nameGroupStart[y + 1];
  for (let i = xs; i < xe; i++) for (let j = ys; j < ye; j++) if (t.nameGroups[i] === t.nameGroups[j]) return true;
  return false;
}
