/** One true person with a realistic name, dob, sex and the identifiers their age implies. */
import type { Random } from '../shared/random.ts';
import { addDays, addMonths } from '../shared/dates.ts';
import type { IdFactory } from './build-identifiers.ts';
import type { Span } from './build-span.ts';
import { pickOne } from './pick-weighted.ts';
import type { NameData } from './read-name-data.ts';
import type { Address, Origin, Person } from './types.ts';

export interface GenContext {
  readonly names: NameData;
  readonly ids: IdFactory;
  readonly span: Span;
  readonly laCode: string;
}

export interface PersonSpec {
  readonly householdId: string;
  readonly sex: 'M' | 'F';
  /** Age in whole years on `ageOnDate`. */
  readonly age: number;
  readonly ageOnDate: string;
  readonly origin: Origin;
  readonly surname: string;
  readonly formerSurname?: string;
  readonly address: Address;
  readonly previousAddress?: Address | null;
  /** Force a dob (used by designs that need a birthday on a given side of a date). */
  readonly dob?: string;
  /** Forenames to redraw away from (a parent's): small per-origin name lists would repeat them far too often. */
  readonly avoidForenames?: readonly string[];
}

export function buildDob(rng: Random, age: number, onDate: string): string {
  // Born between (onDate − age − 1 year, onDate − age years]: whole years of age = `age`.
  return addDays(addMonths(onDate, -12 * age), -rng.int(365));
}

export function buildPerson(rng: Random, ctx: GenContext, spec: PersonSpec): Person {
  const { names, ids, span } = ctx;
  const dob = spec.dob ?? buildDob(rng, spec.age, spec.ageOnDate);
  // A household mixes origins a little: partners and given names cross over.
  const nameOrigin = rng.next() < 0.15 ? names.origins.pick(rng) : spec.origin;
  let forename = names.forenames[spec.sex][nameOrigin].pick(rng);
  for (let i = 0; i < 5 && spec.avoidForenames?.includes(forename); i++) forename = names.forenames[spec.sex][nameOrigin].pick(rng);
  let middleNames = '';
  if (rng.next() < 0.45) {
    middleNames = names.forenames[spec.sex][nameOrigin].pick(rng);
    if (middleNames === forename) middleNames = '';
  }
  const birthYear = Number(dob.slice(0, 4));
  const endYear = Number(span.end.slice(0, 4));
  const isPupilAge = endYear - birthYear >= 4 && endYear - birthYear <= 21;
  const adultBy = addMonths(dob, 12 * 16) <= span.end;
  const phone = rng.next() < 0.6 && endYear - birthYear >= 13 ? `07${String(100_000_000 + rng.int(900_000_000))}` : '';
  const email = rng.next() < 0.35 && endYear - birthYear >= 16
    ? `${forename}.${spec.surname}${rng.int(100)}@${pickOne(rng, ['example.com', 'example.org', 'example.net'])}`.toLowerCase().replace(/[^a-z0-9.@-]/g, '')
    : '';
  return {
    id: `P${String(ids.next('person')).padStart(8, '0')}`,
    householdId: spec.householdId,
    familyRef: '',
    role: '',
    forename, middleNames, surname: spec.surname, formerSurname: spec.formerSurname ?? '',
    dob, sex: spec.sex,
    address: spec.address,
    previousAddress: spec.previousAddress ?? null,
    phone, email,
    nhsNumber: rng.next() < 0.97 ? ids.nhsNumber() : '',
    nino: adultBy ? ids.nino() : '',
    upn: isPupilAge ? ids.upn(ctx.laCode, birthYear + 5) : '',
    laChildId: '', pncId: '', policePersonId: '',
  };
}

export function buildAddress(rng: Random, ctx: GenContext): Address {
  const { names, ids } = ctx;
  const town = names.towns.pick(rng);
  const street = `${pickOne(rng, names.streets)} ${pickOne(rng, names.streetTypes)}`;
  const flat = rng.next() < 0.15 ? `Flat ${1 + rng.int(12)}, ` : '';
  const inwardLetters = 'ABDEFGHJLNPQRSTUWXYZ';
  const postcode = `${pickOne(rng, town.outcodes)} ${rng.int(10)}${inwardLetters[rng.int(20)]}${inwardLetters[rng.int(20)]}`;
  return {
    line1: `${flat}${1 + rng.int(180)} ${street}`,
    line2: rng.next() < 0.3 ? pickOne(rng, names.localities) : '',
    town: town.name,
    postcode,
    uprn: ids.uprn(),
  };
}
