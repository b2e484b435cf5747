/**
 * An agency's record of a person on one row: the true values passed through the errors real
 * extracts have (see error-rates.ts). Only identifying fields are touched; the facts the rules
 * read (dates of events and spells, codes, sessions) are never changed here.
 */
import { SOURCES, type PersonField, type SourceName } from '../shared/extracts.ts';
import type { Random } from '../shared/random.ts';
import type { ErrorRates } from './error-rates.ts';
import { pickOne } from './pick-weighted.ts';
import type { NameData } from './read-name-data.ts';
import type { Person } from './types.ts';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export function applyTypo(rng: Random, s: string): string {
  if (s.length < 2) return s;
  const i = rng.int(s.length);
  const c = LETTERS[rng.int(26)];
  const cased = s[i] === s[i].toUpperCase() ? c.toUpperCase() : c;
  switch (rng.int(4)) {
    case 0: return s.slice(0, i) + cased + s.slice(i);
    case 1: return s.length > 2 ? s.slice(0, i) + s.slice(i + 1) : s + c;
    case 2: return s.slice(0, i) + (cased === s[i] ? (c === 'a' ? 'e' : 'a') : cased) + s.slice(i + 1);
    default: {
      const j = Math.min(i, s.length - 2);
      return s[j] === s[j + 1] ? s.slice(0, j) + s[j] + c + s.slice(j + 2)
        : s.slice(0, j) + s[j + 1] + s[j] + s.slice(j + 2);
    }
  }
}

function typoPostcode(rng: Random, pc: string): string {
  const positions = [...pc].map((ch, i) => (ch === ' ' ? -1 : i)).filter((i) => i >= 0);
  const i = pickOne(rng, positions);
  const ch = pc[i];
  const repl = /\d/.test(ch) ? String((Number(ch) + 1 + rng.int(9)) % 10) : LETTERS[(LETTERS.indexOf(ch.toLowerCase()) + 1 + rng.int(25)) % 26].toUpperCase();
  return pc.slice(0, i) + repl + pc.slice(i + 1);
}

function mess(rng: Random, s: string): string {
  switch (rng.int(3)) {
    case 0: return ` ${s} `;
    case 1: return /['-]/.test(s) ? s.replace(/['-]/g, (m) => (m === '-' ? ' ' : '')) : `${s}  `;
    default: return `${s} `;
  }
}

function heldId(rng: Random, rates: ErrorRates, held: readonly PersonField[], field: PersonField, value: string): string {
  return value && held.includes(field) && !(rng.next() < rates.missingId) ? value : '';
}

const TITLES = ['Mr', 'Mrs', 'Miss', 'Ms', 'Dr', 'Sir'];
const STREET_ABBREVIATIONS: Record<string, string> = { Road: 'Rd', Street: 'St', Avenue: 'Ave', Lane: 'Ln', Close: 'Cl', Crescent: 'Cres', Drive: 'Dr', Grove: 'Gr', Place: 'Pl', Terrace: 'Terr', Gardens: 'Gdns' };

/** Rates of the hard profile are drawn only when set, so the default profile's random stream (and files) stay as they were. */
const hit = (rng: Random, rate: number): boolean => rate > 0 && rng.next() < rate;

/** One digit of an ISO date changed, kept only when it is still a real date. */
function typoDob(rng: Random, dob: string): string {
  const positions = [2, 3, 5, 6, 8, 9];
  const i = pickOne(rng, positions);
  const next = dob.slice(0, i) + String((Number(dob[i]) + 1 + rng.int(9)) % 10) + dob.slice(i + 1);
  const [y, m, d] = next.split('-').map(Number);
  const real = m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
  return real ? next : dob;
}

export function buildAgencyView(rng: Random, p: Person, source: SourceName, rates: ErrorRates, names: NameData): Record<PersonField, string> {
  let forename = p.forename, surname = p.surname, dob = p.dob;
  const nicks = names.nicknames.get(p.forename);
  if (nicks && rng.next() < rates.nickname) forename = pickOne(rng, nicks);
  if (p.formerSurname && rng.next() < rates.staleSurname) surname = p.formerSurname;
  if (rng.next() < rates.typo) { forename = applyTypo(rng, forename); if (hit(rng, rates.secondTypo)) forename = applyTypo(rng, forename); }
  if (rng.next() < rates.typo) { surname = applyTypo(rng, surname); if (hit(rng, rates.secondTypo)) surname = applyTypo(rng, surname); }
  if (rng.next() < rates.nameSwap) [forename, surname] = [surname, forename];
  const d = dob.slice(8, 10), m = dob.slice(5, 7);
  if (rng.next() < rates.dobSwap && Number(d) <= 12 && d !== m) dob = `${dob.slice(0, 4)}-${d}-${m}`;
  if (hit(rng, rates.dobTypo)) dob = typoDob(rng, dob);
  let middle = p.middleNames && rng.next() < rates.middleNameDropped ? '' : p.middleNames;
  const address = p.previousAddress && rng.next() < rates.staleAddress ? p.previousAddress : p.address;
  let line1 = address.line1, postcode = address.postcode;
  if (rng.next() < rates.postcodeTypo) postcode = typoPostcode(rng, postcode);
  if (rng.next() < rates.caseChange) {
    if (rng.next() < 0.7) {
      forename = forename.toUpperCase(); surname = surname.toUpperCase(); middle = middle.toUpperCase(); line1 = line1.toUpperCase();
    } else {
      forename = forename.toLowerCase(); surname = surname.toLowerCase(); middle = middle.toLowerCase(); line1 = line1.toLowerCase();
      postcode = postcode.toLowerCase();
    }
  }
  if (rng.next() < rates.whitespace) {
    const which = rng.int(3);
    if (which === 0) forename = mess(rng, forename);
    else if (which === 1) surname = mess(rng, surname);
    else postcode = postcode.replace(' ', '');
  }
  if (hit(rng, rates.addressAbbreviation)) line1 = line1.replace(/\b(Road|Street|Avenue|Lane|Close|Crescent|Drive|Grove|Place|Terrace|Gardens)\b/, (w) => STREET_ABBREVIATIONS[w]);
  if (hit(rng, rates.title)) forename = `${pickOne(rng, TITLES)} ${forename}`;
  if (rates.missingField > 0) {
    if (rng.next() < rates.missingField) forename = '';
    if (rng.next() < rates.missingField) surname = '';
    if (rng.next() < rates.missingField) dob = '';
    if (rng.next() < rates.missingField) postcode = '';
    if (rng.next() < rates.missingField) line1 = '';
  }
  // What this agency records beyond names, dob, sex and address: its source record's `holds`.
  const held = SOURCES[source].holds;
  return {
    forename, middle_names: middle, surname,
    former_surname: held.includes('former_surname') ? p.formerSurname : '',
    dob, sex: p.sex,
    address_line1: line1, address_line2: address.line2, town: address.town, postcode,
    uprn: held.includes('uprn') && rng.next() < 0.8 ? address.uprn : '',
    phone: held.includes('phone') ? p.phone : '', email: held.includes('email') ? p.email : '',
    upn: heldId(rng, rates, held, 'upn', p.upn), la_child_id: heldId(rng, rates, held, 'la_child_id', p.laChildId),
    nhs_number: heldId(rng, rates, held, 'nhs_number', p.nhsNumber), nino: heldId(rng, rates, held, 'nino', p.nino),
    pnc_id: heldId(rng, rates, held, 'pnc_id', p.pncId), police_person_id: heldId(rng, rates, held, 'police_person_id', p.policePersonId),
  };
}
