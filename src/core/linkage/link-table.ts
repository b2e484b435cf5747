/**
 * Records standardised once into columns of interned integer ids, grouped into unique profiles
 * ("units": records whose standardised person fields are all identical). Every later step —
 * blocking, comparison, EM — works on units and integers. Only typed arrays and string arrays,
 * so a table can be posted to worker threads as is.
 */
import type { StrongId } from '../../shared/extracts.ts';
import { nameTokens } from '../standardise/name-tokens.ts';
import { nicknameCanonical } from '../standardise/nicknames.ts';
import { nysiis } from '../standardise/nysiis.ts';
import { parsePostcode } from '../standardise/postcode.ts';
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
  readonly names: string[];
  readonly nameNysiis: Int32Array;
  readonly nameCanon: Int32Array;
  readonly forename: Int32Array;
  readonly surname: Int32Array;
  readonly former: Int32Array;
  readonly dobY: Int32Array;
  readonly dobM: Int32Array;
  readonly dobD: Int32Array;
  readonly dobDay: Int32Array;
  readonly pcUnit: Int32Array;
  readonly pcSector: Int32Array;
  readonly pcDistrict: Int32Array;
  readonly sex: Int32Array;
  readonly idKinds: StrongId[];
  /** unitCount × idKinds.length interned identifier values, -1 when missing. */
  readonly ids: Int32Array;
  readonly postcodes: string[];
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
  return [name(t.forename[u]), name(t.surname[u]), name(t.former[u]), dob, t.pcUnit[u] < 0 ? '' : t.postcodes[t.pcUnit[u]],
    t.sex[u] < 0 ? '' : t.sex[u] === 0 ? 'M' : 'F', ...ids].join('|');
}

export function recordFingerprint(t: LinkTable, record: number): string {
  return fingerprintOf(t.sourceNames[t.recordSource[record]], unitProfileText(t, t.unitOf[record]));
}

export function buildLinkTable(records: readonly LinkRecord[], idKinds: readonly StrongId[], issues: LinkIssue[]): LinkTable {
  const n = records.length;
  const order = records.map((_, i) => i).sort((a, b) => (records[a].key < records[b].key ? -1 : records[a].key > records[b].key ? 1 : 0));
  const keys = order.map((i) => records[i].key);
  for (let i = 1; i < n; i++) if (keys[i] === keys[i - 1]) throw new Error('linkRecords: record keys must be unique');
  const sources = new Interner(), names = new Interner(), pcs = new Interner(), idVals = new Interner();
  const pcSectorOf: number[] = [], pcDistrictOf: number[] = [];
  const forenameId = memo((raw) => { const tok = nameTokens(raw)[0]; return tok ? names.id(tok) : -1; });
  const surnameId = memo((raw) => { const s = nameTokens(raw).join(' '); return s ? names.id(s) : -1; });
  const dobCode = memo((raw) => { const d = parseDobParts(raw); return d ? d.y * 10000 + d.m * 100 + d.d : -1; });
  const postcodeId = memo((raw) => {
    const p = parsePostcode(raw);
    if (!p) return -1;
    const id = pcs.id(p.unit);
    pcSectorOf[id] = pcs.id(p.sector); pcDistrictOf[id] = pcs.id(p.district);
    return id;
  });
  const K = idKinds.length;
  const recordSource = new Int32Array(n), unitOf = new Int32Array(n);
  const unitByProfile = new Map<string, number>();
  const cols: number[][] = [[], [], [], [], [], []]; // forename, surname, former, dob, postcode, sex
  const idCol: number[] = [];
  const reps: number[] = [];
  const ids = new Int32Array(K);
  for (let i = 0; i < n; i++) {
    const r = records[order[i]], f = r.fields;
    recordSource[i] = sources.id(r.source);
    const fo = forenameId(f.forename), su = surnameId(f.surname), fs = surnameId(f.former_surname);
    const dob = dobCode(f.dob), pc = postcodeId(f.postcode);
    const sexRaw = f.sex == null ? '' : f.sex.trim().toUpperCase();
    const sex = sexRaw === 'M' ? 0 : sexRaw === 'F' ? 1 : -1;
    let anyId = false;
    for (let k = 0; k < K; k++) {
      ids[k] = -1;
      const raw = f[idKinds[k]];
      if (raw == null || raw === '') continue;
      const c = checkIdentifier(idKinds[k], raw);
      if (c.problem) issues.push({ code: 'link/invalid-identifier', key: r.key, field: idKinds[k], detail: c.problem });
      if (c.value !== null) { ids[k] = idVals.id(`${k}:${c.value}`); anyId = true; }
    }
    // Only identifying profiles are merged as exact duplicates; "surname only" rows stay apart.
    const identifying = (fo >= 0 && su >= 0 && dob >= 0) || anyId;
    let unitKey = `${fo},${su},${fs},${dob},${pc},${sex}`;
    if (anyId) unitKey += `,${ids.join(',')}`;
    if (!identifying) unitKey += `#${i}`;
    let u = unitByProfile.get(unitKey);
    if (u === undefined) {
      u = reps.length;
      unitByProfile.set(unitKey, u);
      reps.push(i);
      cols[0].push(fo); cols[1].push(su); cols[2].push(fs); cols[3].push(dob); cols[4].push(pc); cols[5].push(sex);
      for (let k = 0; k < K; k++) idCol.push(ids[k]);
    }
    unitOf[i] = u;
  }
  const U = reps.length;
  const dobY = new Int32Array(U).fill(-1), dobM = new Int32Array(U).fill(-1), dobD = new Int32Array(U).fill(-1), dobDay = new Int32Array(U).fill(-1);
  const pcUnit = Int32Array.from(cols[4]), pcSector = new Int32Array(U).fill(-1), pcDistrict = new Int32Array(U).fill(-1);
  for (let u = 0; u < U; u++) {
    const code = cols[3][u];
    if (code >= 0) {
      const y = Math.floor(code / 10000), m = Math.floor(code / 100) % 100, d = code % 100;
      dobY[u] = y; dobM[u] = m; dobD[u] = d; dobDay[u] = toDayNumber(isoDate(y, m, d)) + 100_000;
    }
    if (pcUnit[u] >= 0) { pcSector[u] = pcSectorOf[pcUnit[u]]; pcDistrict[u] = pcDistrictOf[pcUnit[u]]; }
  }
  const nameCount0 = names.values.length;
  const nameCanon = new Int32Array(nameCount0);
  for (let i = 0; i < nameCount0; i++) nameCanon[i] = names.id(nicknameCanonical(names.values[i]));
  const phon = new Interner();
  const nameNysiis = new Int32Array(names.values.length);
  for (let i = 0; i < names.values.length; i++) nameNysiis[i] = phon.id(nysiis(names.values[i].replace(/ /g, '')));
  return {
    recordCount: n, keys, recordSource, sourceNames: sources.values, unitOf, unitCount: U,
    unitRep: Int32Array.from(reps), names: names.values, nameNysiis,
    nameCanon: Int32Array.from({ length: names.values.length }, (_, i) => (i < nameCount0 ? nameCanon[i] : i)),
    forename: Int32Array.from(cols[0]), surname: Int32Array.from(cols[1]), former: Int32Array.from(cols[2]),
    dobY, dobM, dobD, dobDay, pcUnit, pcSector, pcDistrict, sex: Int32Array.from(cols[5]),
    idKinds: [...idKinds], ids: Int32Array.from(idCol), postcodes: pcs.values, idValues: idVals.values,
  };
}
