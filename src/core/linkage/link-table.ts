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
import { hash64 } from './hash64.ts';
import type { LinkIssue, LinkRecord } from './types.ts';

export interface LinkTable {
  readonly recordCount: number;
  /** Record keys sorted ascending: record index order is key order, so results never depend on input order. */
  readonly keys: string[];
  readonly recordSource: Int32Array;
  readonly sourceNames: string[];
  /** Standardised profile text per unit; with the source it gives a record's fingerprint. */
  readonly unitProfile: string[];
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

interface Profile {
  forename: string; surname: string; former: string; dob: string;
  pc: ReturnType<typeof parsePostcode>; sex: string; ids: (string | null)[];
}

/** Raw values repeat a lot (every term's attendance row, common names): standardise each distinct one once. */
function memo<T>(fn: (raw: string | null | undefined) => T): (raw: string | null | undefined) => T {
  const cache = new Map<string, T>();
  const empty = fn(null);
  return (raw) => {
    if (raw == null || raw === '') return empty;
    let v = cache.get(raw);
    if (v === undefined && !cache.has(raw)) { v = fn(raw); cache.set(raw, v); }
    return v as T;
  };
}

interface Standardisers {
  forename: (raw: string | null | undefined) => string;
  surname: (raw: string | null | undefined) => string;
  dob: (raw: string | null | undefined) => string;
  postcode: (raw: string | null | undefined) => ReturnType<typeof parsePostcode>;
}

function standardisers(): Standardisers {
  return {
    forename: memo((raw) => nameTokens(raw)[0] ?? ''),
    surname: memo((raw) => nameTokens(raw).join(' ')),
    dob: memo((raw) => (parseDobParts(raw) ? raw!.trim() : '')),
    postcode: memo(parsePostcode),
  };
}

function profileOf(r: LinkRecord, idKinds: readonly StrongId[], key: string, issues: LinkIssue[], st: Standardisers): Profile {
  const f = r.fields;
  const sexRaw = (f.sex ?? '').trim().toUpperCase();
  const ids = idKinds.map((kind) => {
    const c = checkIdentifier(kind, f[kind]);
    if (c.problem) issues.push({ code: 'link/invalid-identifier', key, field: kind, detail: c.problem });
    return c.value;
  });
  return {
    forename: st.forename(f.forename),
    surname: st.surname(f.surname),
    former: st.surname(f.former_surname),
    dob: st.dob(f.dob),
    pc: st.postcode(f.postcode),
    sex: sexRaw === 'M' || sexRaw === 'F' ? sexRaw : '',
    ids,
  };
}

function profileText(p: Profile): string {
  return [p.forename, p.surname, p.former, p.dob, p.pc?.unit ?? '', p.sex, ...p.ids.map((v) => v ?? '')].join('|');
}

/** Stable fingerprint of a record: its source and normalised person fields, not its row id. */
export function fingerprintOf(source: string, profile: string): string {
  return hash64(`${source}\u0001${profile}`);
}

export function recordFingerprint(t: LinkTable, record: number): string {
  return fingerprintOf(t.sourceNames[t.recordSource[record]], t.unitProfile[t.unitOf[record]]);
}

export function buildLinkTable(records: readonly LinkRecord[], idKinds: readonly StrongId[], issues: LinkIssue[]): LinkTable {
  const n = records.length;
  // Native string sort (UTF-16 order) is several times faster than a comparator at a million rows.
  const keys = records.map((r) => r.key).sort();
  const indexOfKey = new Map<string, number>();
  records.forEach((r, i) => indexOfKey.set(r.key, i));
  const order = keys.map((k) => indexOfKey.get(k)!);
  for (let i = 1; i < n; i++) if (keys[i] === keys[i - 1]) throw new Error('linkRecords: record keys must be unique');
  const sources = new Interner(), names = new Interner(), pcs = new Interner(), idVals = new Interner();
  const recordSource = new Int32Array(n), unitOf = new Int32Array(n);
  const unitByProfile = new Map<string, number>();
  const profiles: Profile[] = [];
  const unitProfile: string[] = [];
  const reps: number[] = [];
  const st = standardisers();
  for (let i = 0; i < n; i++) {
    const r = records[order[i]];
    recordSource[i] = sources.id(r.source);
    const p = profileOf(r, idKinds, r.key, issues, st);
    const text = profileText(p);
    // Only identifying profiles are merged as exact duplicates; "surname only" rows stay apart.
    const identifying = (p.forename && p.surname && p.dob) || p.ids.some((v) => v !== null);
    const unitKey = identifying ? text : `${text}\u0002${i}`;
    let u = unitByProfile.get(unitKey);
    if (u === undefined) { u = profiles.length; unitByProfile.set(unitKey, u); profiles.push(p); unitProfile.push(text); reps.push(i); }
    unitOf[i] = u;
  }
  const U = profiles.length, K = idKinds.length;
  const col = (): Int32Array => new Int32Array(U).fill(-1);
  const t = {
    forename: col(), surname: col(), former: col(), dobY: col(), dobM: col(), dobD: col(), dobDay: col(),
    pcUnit: col(), pcSector: col(), pcDistrict: col(), sex: col(), ids: new Int32Array(U * K).fill(-1),
  };
  const nameId = (s: string): number => (s === '' ? -1 : names.id(s));
  for (let u = 0; u < U; u++) {
    const p = profiles[u];
    t.forename[u] = nameId(p.forename);
    t.surname[u] = nameId(p.surname);
    t.former[u] = nameId(p.former);
    if (p.dob) {
      const d = parseDobParts(p.dob)!;
      t.dobY[u] = d.y; t.dobM[u] = d.m; t.dobD[u] = d.d; t.dobDay[u] = d.day + 100_000;
    }
    if (p.pc) { t.pcUnit[u] = pcs.id(p.pc.unit); t.pcSector[u] = pcs.id(p.pc.sector); t.pcDistrict[u] = pcs.id(p.pc.district); }
    if (p.sex) t.sex[u] = p.sex === 'M' ? 0 : 1;
    for (let k = 0; k < K; k++) { const v = p.ids[k]; if (v !== null) t.ids[u * K + k] = idVals.id(`${k}:${v}`); }
  }
  const nameCount0 = names.values.length;
  const nameCanon = new Int32Array(nameCount0);
  for (let i = 0; i < nameCount0; i++) nameCanon[i] = names.id(nicknameCanonical(names.values[i]));
  const phon = new Interner();
  const nameNysiis = new Int32Array(names.values.length);
  for (let i = 0; i < names.values.length; i++) nameNysiis[i] = phon.id(nysiis(names.values[i].replace(/ /g, '')));
  return {
    recordCount: n, keys, recordSource, sourceNames: sources.values, unitProfile, unitOf, unitCount: U,
    unitRep: Int32Array.from(reps), names: names.values, nameNysiis,
    nameCanon: Int32Array.from({ length: names.values.length }, (_, i) => (i < nameCount0 ? nameCanon[i] : i)),
    ...t, idKinds: [...idKinds],
  };
}
