/**
 * Records standardised once into columns of interned integer ids, grouped into unique profiles
 * ("units": records whose standardised person fields are all identical). Every later step —
 * blocking, comparison, EM — works on units and integers. Only typed arrays and string arrays,
 * so a table can be posted to worker threads as is.
 */
import type { PersonField, StrongId } from '../../shared/extracts.ts';
import { nameTokens } from '../standardise/name-tokens.ts';
import { nicknameCanonical, nicknameGroups } from '../standardise/nicknames.ts';
import { foldText } from '../standardise/fold-text.ts';
import { parseAddressLine } from '../standardise/address.ts';
import { normaliseEmail, normalisePhone, normaliseUprn } from '../standardise/contact.ts';
import { nysiis } from '../standardise/nysiis.ts';
import { parsePostcode, postcodeText } from '../standardise/postcode.ts';
import { checkIdentifier } from '../standardise/identifiers.ts';
import { parseDobParts } from '../standardise/dob-parts.ts';
import { isoDate, toDayNumber } from '../../shared/dates.ts';
import { hash64 } from './hash64.ts';
import type { LinkIssue, LinkRecord } from './types.ts';
import { SourceRowKeys, StringKeys, type RecordKeys } from './record-keys.ts';
import { grown } from './grown.ts';

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

class Interner {
  readonly values: string[] = [];
  private readonly map = new Map<string, number>();
  id(s: string): number {
    let v = this.map.get(s);
    if (v === undefined) { v = this.values.length; this.values.push(s); this.map.set(s, v); }
    return v;
  }
}

/** Raw values repeat a lot (every term's attendance row, common names): standardise each distinct one once. */
function memo(fn: (raw: string) => number): (raw: string | null | undefined) => number {
  const cache = new Map<string, number>();
  return (raw) => {
    if (raw == null || raw === '') return -1;
    let v = cache.get(raw);
    if (v === undefined) { v = fn(raw); cache.set(raw, v); }
    return v;
  };
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

/** Profile columns a unit is told apart by: forename, middle, surname, former, dob, sex, address, line2, town, postcode, phone, email, uprn. */
const C = 13;

/**
 * Builds a table from records given in ascending key order, one at a time (`add`) or a source at
 * a time (`addSource`: a caller reading a county from a store hands each source over and keeps none of them).
 */
export class LinkTableBuilder {
  private readonly K: number;
  private readonly sources = new Interner();
  private readonly names = new Interner();
  private readonly texts = new Interner();
  private readonly idVals = new Interner();
  private readonly pcSectorOf: number[] = [];
  private readonly pcDistrictOf: number[] = [];
  private readonly addrNumberOf: number[] = [];
  private readonly addrStreetOf: number[] = [];
  private readonly forenameId; private readonly namesId; private readonly dobCode; private readonly postcodeId; private readonly addressId;
  private readonly textId; private readonly phoneId; private readonly emailId; private readonly uprnId;
  /** Each raw identifier checked and interned once (a person's UPN repeats on every row of theirs). */
  private readonly idChecks: Map<string, { id: number; problem: string | null }>[];
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
  private readonly ids: Int32Array;
  private readonly v = new Array<number>(C);
  /** Records with the same `profile` (per source) have the same fields: standardised once. Kept for the current source only. */
  private readonly slotValues: number[] = [];
  private readonly slotIds: number[] = [];
  private readonly slotProblems = new Map<number, { field: StrongId; detail: string }[]>();
  private n = 0;

  constructor(private readonly idKinds: readonly StrongId[], private readonly issues: LinkIssue[], sizeHint = 0) {
    const { names, texts } = this;
    this.K = idKinds.length;
    this.idChecks = idKinds.map(() => new Map());
    this.ids = new Int32Array(this.K);
    this.idCol = new Int32Array(1024 * Math.max(1, this.K));
    this.recordSource = new Int32Array(Math.max(16, sizeHint));
    this.unitOf = new Int32Array(Math.max(16, sizeHint));
    this.rowIds = new Float64Array(Math.max(16, sizeHint));
    let slots = 1;
    while (slots < 2 * sizeHint) slots *= 2;
    this.unitSlots = new Int32Array(Math.max(16, slots)).fill(-1);
    this.forenameId = memo((raw) => { const tok = nameTokens(raw)[0]; return tok ? names.id(tok) : -1; });
    this.namesId = memo((raw) => { const s = nameTokens(raw).join(' '); return s ? names.id(s) : -1; });
    this.dobCode = memo((raw) => { const d = parseDobParts(raw); return d ? d.y * 10000 + d.m * 100 + d.d : -1; });
    this.postcodeId = memo((raw) => {
      const p = parsePostcode(raw);
      if (!p) { const txt = postcodeText(raw); return txt === null ? -1 : texts.id(txt); }
      const id = texts.id(p.unit);
      this.pcSectorOf[id] = texts.id(p.sector); this.pcDistrictOf[id] = texts.id(p.district);
      return id;
    });
    this.addressId = memo((raw) => {
      const a = parseAddressLine(raw);
      if (!a) return -1;
      const id = texts.id(a.line);
      this.addrNumberOf[id] = a.number ? texts.id(a.number) : -1;
      this.addrStreetOf[id] = a.street ? texts.id(a.street) : -1;
      return id;
    });
    this.textId = memo((raw) => { const f = foldText(raw); return f ? texts.id(f) : -1; });
    this.phoneId = memo((raw) => { const v = normalisePhone(raw); return v ? texts.id(v) : -1; });
    this.emailId = memo((raw) => { const v = normaliseEmail(raw); return v ? texts.id(v) : -1; });
    this.uprnId = memo((raw) => { const v = normaliseUprn(raw); return v ? texts.id(v) : -1; });
  }

  /** The next record: its key must be above every key added before. */
  add(r: LinkRecord): void {
    const i = this.n;
    if (i > 0 && !(this.lastKey < r.key)) throw new Error('linkRecords: record keys must be unique and given in ascending order');
    const { K, issues, v, ids, slotValues, slotIds, slotProblems } = this;
    this.reserve(i + 1);
    this.lastKey = r.key;
    if (r.source !== this.lastSource) {
      // Records come source by source: the profiles of the one before are not seen again.
      this.lastSource = r.source; this.lastSourceId = this.sources.id(r.source);
      this.sourceSlots = new Map(); slotValues.length = 0; slotIds.length = 0; slotProblems.clear();
    }
    this.recordSource[i] = this.lastSourceId;
    this.addKey(r, i);
    const cached = r.profile === undefined ? undefined : this.sourceSlots!.get(r.profile);
    if (cached !== undefined) {
      for (let c = 0; c < C; c++) v[c] = slotValues[cached * C + c];
      for (let k = 0; k < K; k++) ids[k] = slotIds[cached * K + k];
      for (const p of slotProblems.get(cached) ?? []) issues.push({ code: 'link/invalid-identifier', key: r.key, field: p.field, detail: p.detail });
    } else {
      const problems = this.standardise(r.fields, r.key);
      if (r.profile !== undefined) {
        const slot = slotValues.length / C;
        this.sourceSlots!.set(r.profile, slot);
        for (let c = 0; c < C; c++) slotValues.push(v[c]);
        for (let k = 0; k < K; k++) slotIds.push(ids[k]);
        if (problems) slotProblems.set(slot, problems);
      }
    }
    this.unitOf[i] = this.unitFor(i);
    this.n++;
  }

  /**
   * A whole source's records (the link stage's way): `add` for each, where records of one
   * profile are standardised once and, when identifying, found in their unit once.
   */
  addSource(s: SourceRecords): void {
    const { order, rowIds, profileOf, source } = s;
    if (order.length === 0) return;
    const key = (j: number): string => `${source}:${rowIds[j]}`;
    if (this.n > 0 && !(this.lastKey < key(order[0]))) throw new Error('linkRecords: record keys must be unique and given in ascending order');
    const { K, issues, v, ids } = this;
    this.reserve(this.n + order.length);
    const sourceId = this.sources.id(source);
    // Per profile: its unit (an identifying one), or its values (one that is not: each record is a unit of its own).
    const unitOfProfile = new Int32Array(s.profileCount).fill(-1);
    const loose = new Map<number, { v: number[]; ids: number[] }>();
    const problemsOf = new Map<number, { field: StrongId; detail: string }[]>();
    for (const j of order) {
      const i = this.n++, p = profileOf[j];
      this.recordSource[i] = sourceId;
      this.addRowKey(source, rowIds[j], i);
      for (const q of problemsOf.get(p) ?? []) issues.push({ code: 'link/invalid-identifier', key: key(j), field: q.field, detail: q.detail });
      let u = unitOfProfile[p];
      if (u < 0) {
        const seen = loose.get(p);
        if (seen) {
          for (let c = 0; c < C; c++) v[c] = seen.v[c];
          for (let k = 0; k < K; k++) ids[k] = seen.ids[k];
        } else {
          const problems = this.standardise(s.fieldsOf(p), key(j));
          if (problems) problemsOf.set(p, problems);
          if (!this.identifying()) loose.set(p, { v: [...v], ids: [...ids] });
        }
        u = this.unitFor(i);
        if (!loose.has(p)) unitOfProfile[p] = u;
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

  /** Standardises a record's fields into `v` and `ids`, noting invalid identifiers as issues of `key`; the problems found, if any. */
  private standardise(f: Partial<Record<PersonField, string | null>>, key: string): { field: StrongId; detail: string }[] | null {
    const { K, idKinds, issues, v, ids } = this;
    const sexRaw = f.sex == null ? '' : f.sex.trim().toUpperCase();
    v[0] = this.forenameId(f.forename); v[1] = this.namesId(f.middle_names); v[2] = this.namesId(f.surname); v[3] = this.namesId(f.former_surname);
    v[4] = this.dobCode(f.dob); v[5] = sexRaw === 'M' ? 0 : sexRaw === 'F' ? 1 : -1;
    v[6] = this.addressId(f.address_line1); v[7] = this.textId(f.address_line2); v[8] = this.textId(f.town); v[9] = this.postcodeId(f.postcode);
    v[10] = this.phoneId(f.phone); v[11] = this.emailId(f.email); v[12] = this.uprnId(f.uprn);
    let problems: { field: StrongId; detail: string }[] | null = null;
    for (let k = 0; k < K; k++) {
      ids[k] = -1;
      const raw = f[idKinds[k]];
      if (raw == null || raw === '') continue;
      let c = this.idChecks[k].get(raw);
      if (c === undefined) {
        const checked = checkIdentifier(idKinds[k], raw);
        c = { id: checked.value === null ? -1 : this.idVals.id(`${k}:${checked.value}`), problem: checked.problem };
        this.idChecks[k].set(raw, c);
      }
      if (c.problem) {
        issues.push({ code: 'link/invalid-identifier', key, field: idKinds[k], detail: c.problem });
        (problems ??= []).push({ field: idKinds[k], detail: c.problem });
      }
      if (c.id >= 0) ids[k] = c.id;
    }
    return problems;
  }

  /** Only identifying profiles are merged as exact duplicates; "surname only" rows stay apart. */
  private identifying(): boolean {
    const { v, ids } = this;
    if (v[0] >= 0 && v[2] >= 0 && v[4] >= 0) return true;
    for (let k = 0; k < this.K; k++) if (ids[k] >= 0) return true;
    return false;
  }

  /** The unit of the profile in `v` and `ids`: the one found with it, or a new one whose first record is `rep`. */
  private unitFor(rep: number): number {
    const { v, ids, K } = this;
    const identifying = this.identifying();
    let slot = -1;
    if (identifying) {
      const { cols, idCol } = this;
      const mask = this.unitSlots.length - 1;
      for (slot = this.hashOf(v, ids) & mask; ; slot = (slot + 1) & mask) {
        const cand = this.unitSlots[slot];
        if (cand < 0) break;
        let same = true;
        for (let c = 0; same && c < C; c++) same = cols[c][cand] === v[c];
        for (let k = 0; same && k < K; k++) same = idCol[cand * K + k] === ids[k];
        if (same) return cand;
      }
    }
    const u = this.units++;
    if (identifying) this.unitSlots[slot] = u;
    if (u === this.reps.length) this.growUnits();
    this.reps[u] = rep;
    for (let c = 0; c < C; c++) this.cols[c][u] = v[c];
    for (let k = 0; k < K; k++) this.idCol[u * K + k] = ids[k];
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

  private hashOf(v: ArrayLike<number>, ids: ArrayLike<number>): number {
    let h = 0x811c9dc5;
    for (let c = 0; c < C; c++) h = Math.imul(h ^ v[c], 0x01000193);
    for (let k = 0; k < this.K; k++) h = Math.imul(h ^ ids[k], 0x01000193);
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
    const v = new Array<number>(C), ids = new Array<number>(K);
    for (const u of this.unitSlots) {
      if (u < 0) continue;
      for (let c = 0; c < C; c++) v[c] = cols[c][u];
      for (let k = 0; k < K; k++) ids[k] = idCol[u * K + k];
      let slot = this.hashOf(v, ids) & mask;
      while (slots[slot] >= 0) slot = (slot + 1) & mask;
      slots[slot] = u;
    }
    this.unitSlots = slots;
  }

  /** `shared`: every column in a SharedArrayBuffer (worker threads then read it without a copy). */
  finish(shared = false): LinkTable {
    const alloc = (n: number): Int32Array => new Int32Array(shared ? new SharedArrayBuffer(Math.max(1, n) * 4) : new ArrayBuffer(n * 4), 0, n);
    const from = (src: ArrayLike<number>): Int32Array => { const a = alloc(src.length); a.set(src); return a; };
    const { names, texts, pcSectorOf, pcDistrictOf, addrNumberOf, addrStreetOf, n } = this;
    const U = this.units;
    this.sourceSlots = null; this.slotValues.length = 0; this.slotIds.length = 0; this.slotProblems.clear();
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
      if (pc >= 0 && pcSectorOf[pc] !== undefined) { pcSector[u] = pcSectorOf[pc]; pcDistrict[u] = pcDistrictOf[pc]; }
      const a = addrLine[u];
      if (a >= 0) { addrNumber[u] = addrNumberOf[a]; addrStreet[u] = addrStreetOf[a]; }
    }
    const nameCount0 = names.values.length;
    const canon = alloc(nameCount0);
    for (let i = 0; i < nameCount0; i++) canon[i] = names.id(nicknameCanonical(names.values[i]));
    const N = names.values.length;
    const groupIds = new Interner();
    const groupStart = alloc(N + 1);
    const groupList: number[] = [];
    for (let i = 0; i < N; i++) {
      groupStart[i] = groupList.length;
      for (const g of nicknameGroups(names.values[i])) groupList.push(groupIds.id(g));
    }
    groupStart[N] = groupList.length;
    const phon = new Interner();
    const nameNysiis = alloc(N);
    for (let i = 0; i < N; i++) nameNysiis[i] = phon.id(nysiis(names.values[i].replace(/ /g, '')));
    return {
      recordCount: n, keys, recordSource, sourceNames: this.sources.values, unitOf, unitCount: U,
      unitRep, names: names.values, nameNysiis,
      nameCanon: from(Array.from({ length: N }, (_, i) => (i < nameCount0 ? canon[i] : i))),
      nameGroupStart: groupStart, nameGroups: from(groupList),
      forename, middle, surname, former, dobY, dobM, dobD, dobDay, sex,
      texts: texts.values, addrLine, addrNumber, addrStreet, line2, town,
      pcUnit, pcSector, pcDistrict, phone, email, uprn,
      idKinds: [...this.idKinds], ids, idValues: this.idVals.values,
    };
  }
}

/** True when two name ids share a nickname group. */
export function shareNicknameGroup(t: LinkTable, x: number, y: number): boolean {
  const xs = t.nameGroupStart[x], xe = t.nameGroupStart[x + 1], ys = t.nameGroupStart[y], ye = t.nameGroupStart[y + 1];
  for (let i = xs; i < xe; i++) for (let j = ys; j < ye; j++) if (t.nameGroups[i] === t.nameGroups[j]) return true;
  return false;
}
