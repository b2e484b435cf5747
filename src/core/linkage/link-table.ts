/**
 * Records standardised once into columns of interned integer ids, grouped into unique profiles
 * ("units": records whose standardised person fields are all identical). Every later step —
 * blocking, comparison, EM — works on units and integers. Only typed arrays and string arrays,
 * so a table can be posted to worker threads as is.
 */
import type { StrongId } from '../../shared/extracts.ts';
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

export interface LinkTable {
  readonly recordCount: number;
  /** Record keys sorted ascending: record index order is key order, so results never depend on input order. */
  readonly keys: string[];
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

export function buildLinkTable(records: readonly LinkRecord[], idKinds: readonly StrongId[], issues: LinkIssue[]): LinkTable {
  const n = records.length;
  // The default sort orders strings by UTF-16 code units, as `<` does, without a JS comparator
  // call per comparison (measured: ~5 s of a 1M-record run).
  // Records given in key order (the link stage reads them so) are numbered as given.
  let inOrder = true;
  for (let i = 1; inOrder && i < n; i++) inOrder = records[i - 1].key < records[i].key;
  const keys = records.map((r) => r.key);
  let order: number[] | null = null;
  if (!inOrder) {
    keys.sort();
    for (let i = 1; i < n; i++) if (keys[i] === keys[i - 1]) throw new Error('linkRecords: record keys must be unique');
    const indexOf = new Map<string, number>();
    records.forEach((r, i) => indexOf.set(r.key, i));
    order = keys.map((k) => indexOf.get(k)!);
    indexOf.clear();
  }
  const sources = new Interner(), names = new Interner(), texts = new Interner(), idVals = new Interner();
  const pcSectorOf: number[] = [], pcDistrictOf: number[] = [];
  const addrNumberOf: number[] = [], addrStreetOf: number[] = [];
  const forenameId = memo((raw) => { const tok = nameTokens(raw)[0]; return tok ? names.id(tok) : -1; });
  const namesId = memo((raw) => { const s = nameTokens(raw).join(' '); return s ? names.id(s) : -1; });
  const dobCode = memo((raw) => { const d = parseDobParts(raw); return d ? d.y * 10000 + d.m * 100 + d.d : -1; });
  const postcodeId = memo((raw) => {
    const p = parsePostcode(raw);
    if (!p) { const txt = postcodeText(raw); return txt === null ? -1 : texts.id(txt); }
    const id = texts.id(p.unit);
    pcSectorOf[id] = texts.id(p.sector); pcDistrictOf[id] = texts.id(p.district);
    return id;
  });
  const addressId = memo((raw) => {
    const a = parseAddressLine(raw);
    if (!a) return -1;
    const id = texts.id(a.line);
    addrNumberOf[id] = a.number ? texts.id(a.number) : -1;
    addrStreetOf[id] = a.street ? texts.id(a.street) : -1;
    return id;
  });
  const textId = memo((raw) => { const f = foldText(raw); return f ? texts.id(f) : -1; });
  const phoneId = memo((raw) => { const v = normalisePhone(raw); return v ? texts.id(v) : -1; });
  const emailId = memo((raw) => { const v = normaliseEmail(raw); return v ? texts.id(v) : -1; });
  const uprnId = memo((raw) => { const v = normaliseUprn(raw); return v ? texts.id(v) : -1; });
  const K = idKinds.length;
  // Each raw identifier checked and interned once (a person's UPN repeats on every row of theirs).
  const idChecks = idKinds.map(() => new Map<string, { id: number; problem: string | null }>());
  const recordSource = new Int32Array(n), unitOf = new Int32Array(n);
  // Units by profile: an open-addressing table of unit ids hashed on the profile's integer values
  // (a string key per record and a map of a million of them fed the GC).
  let slots = 1;
  while (slots < 2 * n) slots *= 2;
  const unitSlots = new Int32Array(slots).fill(-1);
  let lastSource: string | null = null, lastSourceId = -1;
  let sourceSlots: Map<string, number> | null = null;
  const C = 13; // forename, middle, surname, former, dob, sex, address, line2, town, postcode, phone, email, uprn
  const cols: number[][] = Array.from({ length: C }, () => []);
  const idCol: number[] = [];
  const reps: number[] = [];
  const ids = new Int32Array(K);
  const v = new Array<number>(C);
  // Records with the same `profile` (per source) have the same fields: standardised once.
  const profileSlots = new Map<string, Map<string, number>>();
  const slotValues: number[] = [], slotIds: number[] = [];
  const slotProblems = new Map<number, { field: StrongId; detail: string }[]>();
  for (let i = 0; i < n; i++) {
    const r = records[order === null ? i : order[i]];
    if (r.source !== lastSource) {
      lastSource = r.source; lastSourceId = sources.id(r.source);
      let m = profileSlots.get(r.source);
      if (!m) { m = new Map(); profileSlots.set(r.source, m); }
      sourceSlots = m;
    }
    recordSource[i] = lastSourceId;
    const cached = r.profile === undefined ? undefined : sourceSlots!.get(r.profile);
    if (cached !== undefined) {
      for (let c = 0; c < C; c++) v[c] = slotValues[cached * C + c];
      for (let k = 0; k < K; k++) ids[k] = slotIds[cached * K + k];
      for (const p of slotProblems.get(cached) ?? []) issues.push({ code: 'link/invalid-identifier', key: r.key, field: p.field, detail: p.detail });
    } else {
      const f = r.fields;
      const sexRaw = f.sex == null ? '' : f.sex.trim().toUpperCase();
      v[0] = forenameId(f.forename); v[1] = namesId(f.middle_names); v[2] = namesId(f.surname); v[3] = namesId(f.former_surname);
      v[4] = dobCode(f.dob); v[5] = sexRaw === 'M' ? 0 : sexRaw === 'F' ? 1 : -1;
      v[6] = addressId(f.address_line1); v[7] = textId(f.address_line2); v[8] = textId(f.town); v[9] = postcodeId(f.postcode);
      v[10] = phoneId(f.phone); v[11] = emailId(f.email); v[12] = uprnId(f.uprn);
      const problems: { field: StrongId; detail: string }[] = [];
      for (let k = 0; k < K; k++) {
        ids[k] = -1;
        const raw = f[idKinds[k]];
        if (raw == null || raw === '') continue;
        let c = idChecks[k].get(raw);
        if (c === undefined) {
          const checked = checkIdentifier(idKinds[k], raw);
          c = { id: checked.value === null ? -1 : idVals.id(`${k}:${checked.value}`), problem: checked.problem };
          idChecks[k].set(raw, c);
        }
        if (c.problem) {
          issues.push({ code: 'link/invalid-identifier', key: r.key, field: idKinds[k], detail: c.problem });
          problems.push({ field: idKinds[k], detail: c.problem });
        }
        if (c.id >= 0) ids[k] = c.id;
      }
      if (r.profile !== undefined) {
        const slot = slotValues.length / C;
        sourceSlots!.set(r.profile, slot);
        for (let c = 0; c < C; c++) slotValues.push(v[c]);
        for (let k = 0; k < K; k++) slotIds.push(ids[k]);
        if (problems.length > 0) slotProblems.set(slot, problems);
      }
    }
    let anyId = false;
    for (let k = 0; k < K; k++) if (ids[k] >= 0) anyId = true;
    // Only identifying profiles are merged as exact duplicates; "surname only" rows stay apart.
    const identifying = (v[0] >= 0 && v[2] >= 0 && v[4] >= 0) || anyId;
    let u = -1, slot = -1;
    if (identifying) {
      let h = 0x811c9dc5;
      for (let c = 0; c < C; c++) h = Math.imul(h ^ v[c], 0x01000193);
      for (let k = 0; k < K; k++) h = Math.imul(h ^ ids[k], 0x01000193);
      slot = (h ^ (h >>> 15)) & (slots - 1);
      for (; ; slot = (slot + 1) & (slots - 1)) {
        const cand = unitSlots[slot];
        if (cand < 0) break;
        let same = true;
        for (let c = 0; same && c < C; c++) same = cols[c][cand] === v[c];
        for (let k = 0; same && k < K; k++) same = idCol[cand * K + k] === ids[k];
        if (same) { u = cand; break; }
      }
    }
    if (u < 0) {
      u = reps.length;
      if (identifying) unitSlots[slot] = u;
      reps.push(i);
      for (let c = 0; c < C; c++) cols[c].push(v[c]);
      for (let k = 0; k < K; k++) idCol.push(ids[k]);
    }
    unitOf[i] = u;
  }
  const U = reps.length;
  const dobY = new Int32Array(U).fill(-1), dobM = new Int32Array(U).fill(-1), dobD = new Int32Array(U).fill(-1), dobDay = new Int32Array(U).fill(-1);
  const pcUnit = Int32Array.from(cols[9]), pcSector = new Int32Array(U).fill(-1), pcDistrict = new Int32Array(U).fill(-1);
  const addrLine = Int32Array.from(cols[6]), addrNumber = new Int32Array(U).fill(-1), addrStreet = new Int32Array(U).fill(-1);
  for (let u = 0; u < U; u++) {
    const code = cols[4][u];
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
  const canon = new Int32Array(nameCount0);
  for (let i = 0; i < nameCount0; i++) canon[i] = names.id(nicknameCanonical(names.values[i]));
  const N = names.values.length;
  const groupIds = new Interner();
  const groupStart = new Int32Array(N + 1);
  const groupList: number[] = [];
  for (let i = 0; i < N; i++) {
    groupStart[i] = groupList.length;
    for (const g of nicknameGroups(names.values[i])) groupList.push(groupIds.id(g));
  }
  groupStart[N] = groupList.length;
  const phon = new Interner();
  const nameNysiis = new Int32Array(N);
  for (let i = 0; i < N; i++) nameNysiis[i] = phon.id(nysiis(names.values[i].replace(/ /g, '')));
  return {
    recordCount: n, keys, recordSource, sourceNames: sources.values, unitOf, unitCount: U,
    unitRep: Int32Array.from(reps), names: names.values, nameNysiis,
    nameCanon: Int32Array.from({ length: N }, (_, i) => (i < nameCount0 ? canon[i] : i)),
    nameGroupStart: groupStart, nameGroups: Int32Array.from(groupList),
    forename: Int32Array.from(cols[0]), middle: Int32Array.from(cols[1]), surname: Int32Array.from(cols[2]), former: Int32Array.from(cols[3]),
    dobY, dobM, dobD, dobDay, sex: Int32Array.from(cols[5]),
    texts: texts.values, addrLine, addrNumber, addrStreet, line2: Int32Array.from(cols[7]), town: Int32Array.from(cols[8]),
    pcUnit, pcSector, pcDistrict, phone: Int32Array.from(cols[10]), email: Int32Array.from(cols[11]), uprn: Int32Array.from(cols[12]),
    idKinds: [...idKinds], ids: Int32Array.from(idCol), idValues: idVals.values,
  };
}

/** True when two name ids share a nickname group. */
export function shareNicknameGroup(t: LinkTable, x: number, y: number): boolean {
  const xs = t.nameGroupStart[x], xe = t.nameGroupStart[x + 1], ys = t.nameGroupStart[y], ye = t.nameGroupStart[y + 1];
  for (let i = xs; i < xe; i++) for (let j = ys; j < ye; j++) if (t.nameGroups[i] === t.nameGroups[j]) return true;
  return false;
}
