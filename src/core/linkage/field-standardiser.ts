/**
 * The person fields of a link table's profiles standardised into interned integer ids: names,
 * date of birth, sex, address parts, postcode, contact details and checked identifiers. Kept apart
 * from the table's records and units (link-table.ts) so that a county's table can be built by two
 * threads, each standardising one side of the fields (`FieldSide`), one of them then placing the
 * records in units.
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

/** Profile columns a unit is told apart by: forename, middle, surname, former, dob, sex, address, line2, town, postcode, phone, email, uprn. */
export const C = 13;
/** The first of the texts side's columns (address line); the names side's are those before it. */
const FIRST_TEXT = 6;

export type FieldProblem = { readonly field: StrongId; readonly detail: string };
export type PersonFields = Partial<Record<PersonField, string | null>>;

/** One source's profiles standardised: profile p's C columns and K identifiers at p × (C + K); the problems of those with invalid identifiers. */
export interface StandardisedSource {
  readonly values: Int32Array;
  readonly problems: [profile: number, problems: FieldProblem[]][];
}

/** The interned names and identifiers and what is derived per name; part of the link table as is. */
export interface NameValues {
  readonly names: string[];
  readonly nameNysiis: Int32Array;
  readonly nameCanon: Int32Array;
  readonly nameGroupStart: Int32Array;
  readonly nameGroups: Int32Array;
  readonly idValues: string[];
}

/** The interned values of a link table: `NameValues` and the texts. */
export type FieldValues = NameValues & { readonly texts: string[] };

/**
 * Which columns a standardiser fills: `names` the names, date of birth, sex and identifiers;
 * `texts` the address, postcode and contact columns; `all` both. Two standardisers of the two
 * sides, on two threads, intern exactly what one of both would.
 */
export type FieldSide = 'names' | 'texts' | 'all';

/** Per text id: a UK postcode's sector and district, an address line's number and street (-1 when none). */
export interface TextParts {
  readonly sectorOf: Int32Array;
  readonly districtOf: Int32Array;
  readonly numberOf: Int32Array;
  readonly streetOf: Int32Array;
}

/** One source standardised by the two sides' standardisers: the names side's, its texts columns taken from the other's. */
export function joinSides(names: StandardisedSource, texts: StandardisedSource, K: number): StandardisedSource {
  const W = C + K, { values } = names;
  for (let at = 0; at < values.length; at += W) for (let c = FIRST_TEXT; c < C; c++) values[at + c] = texts.values[at + c];
  return names;
}

export class Interner {
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

export class FieldStandardiser {
  readonly K: number;
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
  private readonly doNames: boolean;
  private readonly doTexts: boolean;

  constructor(private readonly idKinds: readonly StrongId[], side: FieldSide = 'all') {
    const { names, texts } = this;
    this.K = idKinds.length;
    this.doNames = side !== 'texts'; this.doTexts = side !== 'names';
    this.idChecks = idKinds.map(() => new Map());
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

  /**
   * Standardises fields into `out` at `at` (C columns, then K identifiers; only this standardiser's
   * side of them); the invalid identifiers found, if any.
   */
  standardise(f: PersonFields, out: Int32Array | number[], at = 0): FieldProblem[] | null {
    if (this.doTexts) {
      out[at + 6] = this.addressId(f.address_line1); out[at + 7] = this.textId(f.address_line2); out[at + 8] = this.textId(f.town);
      out[at + 9] = this.postcodeId(f.postcode); out[at + 10] = this.phoneId(f.phone); out[at + 11] = this.emailId(f.email); out[at + 12] = this.uprnId(f.uprn);
    }
    if (!this.doNames) return null;
    const { K, idKinds } = this;
    const sexRaw = f.sex == null ? '' : f.sex.trim().toUpperCase();
    out[at] = this.forenameId(f.forename); out[at + 1] = this.namesId(f.middle_names); out[at + 2] = this.namesId(f.surname);
    out[at + 3] = this.namesId(f.former_surname); out[at + 4] = this.dobCode(f.dob); out[at + 5] = sexRaw === 'M' ? 0 : sexRaw === 'F' ? 1 : -1;
    let problems: FieldProblem[] | null = null;
    for (let k = 0; k < K; k++) {
      out[at + C + k] = -1;
      const raw = f[idKinds[k]];
      if (raw == null || raw === '') continue;
      let c = this.idChecks[k].get(raw);
      if (c === undefined) {
        const checked = checkIdentifier(idKinds[k], raw);
        c = { id: checked.value === null ? -1 : this.idVals.id(`${k}:${checked.value}`), problem: checked.problem };
        this.idChecks[k].set(raw, c);
      }
      if (c.problem) (problems ??= []).push({ field: idKinds[k], detail: c.problem });
      if (c.id >= 0) out[at + C + k] = c.id;
    }
    return problems;
  }

  /**
   * A source's profiles, each standardised once, in the order their first records come (`order`):
   * values are interned in the order record-by-record building would intern them.
   */
  standardiseSource(order: Iterable<number>, profileOf: ArrayLike<number>, profileCount: number, fieldsOf: (profile: number) => PersonFields): StandardisedSource {
    const W = C + this.K;
    const values = new Int32Array(profileCount * W);
    const done = new Uint8Array(profileCount);
    const problems: [number, FieldProblem[]][] = [];
    for (const j of order) {
      const p = profileOf[j];
      if (done[p]) continue;
      done[p] = 1;
      const found = this.standardise(fieldsOf(p), values, p * W);
      if (found) problems.push([p, found]);
    }
    return { values, problems };
  }

  /** The texts and the parts of each (none from a `names` standardiser). */
  finishTexts(): { texts: string[]; parts: TextParts } {
    const T = this.texts.values.length;
    const byText = (of: number[]): Int32Array => { const a = new Int32Array(T).fill(-1); of.forEach((v, i) => { a[i] = v; }); return a; };
    return {
      texts: this.texts.values,
      parts: { sectorOf: byText(this.pcSectorOf), districtOf: byText(this.pcDistrictOf), numberOf: byText(this.addrNumberOf), streetOf: byText(this.addrStreetOf) },
    };
  }

  /** The names and identifiers, with what is derived per name (`shared`: in shared memory); none from a `texts` standardiser. */
  finishNames(shared = false): NameValues {
    const alloc = (n: number): Int32Array => new Int32Array(shared ? new SharedArrayBuffer(Math.max(1, n) * 4) : new ArrayBuffer(n * 4), 0, n);
    const from = (src: ArrayLike<number>): Int32Array => { const a = alloc(src.length); a.set(src); return a; };
    const { names } = this;
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
      names: names.values, nameNysiis,
      nameCanon: from(Array.from({ length: N }, (_, i) => (i < nameCount0 ? canon[i] : i))),
      nameGroupStart: groupStart, nameGroups: from(groupList), idValues: this.idVals.values,
    };
  }
}
