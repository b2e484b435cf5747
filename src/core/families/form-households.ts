import type { Household, PersonFacts } from './types.ts';

export interface PersonAddress {
  readonly personId: string;
  readonly facts: PersonFacts;
  /** The person's latest known address. */
  readonly address: { readonly uprn: string | null; readonly line1: string | null; readonly postcode: string | null };
}

/**
 * Households for identification of families not on the programme: people who share a UPRN,
 * else a normalised address line 1 + postcode. People already attached are left out, and so
 * are people with no usable address (they cannot be placed in a household).
 */
export function formHouseholds(people: readonly PersonAddress[], attached: ReadonlySet<string>): Household[] {
  const groups = new Map<string, { basis: Household['basis']; people: PersonFacts[] }>();
  for (const p of people) {
    if (attached.has(p.personId)) continue;
    const key = householdKey(p.address);
    if (!key) continue;
    let g = groups.get(key.key);
    if (!g) groups.set(key.key, g = { basis: key.basis, people: [] });
    g.people.push(p.facts);
  }
  return [...groups].map(([key, g]) => ({
    householdId: householdIdOf(key, g.basis),
    basis: g.basis,
    people: g.people.sort((x, y) => (x.personId < y.personId ? -1 : x.personId > y.personId ? 1 : 0)),
  })).sort((x, y) => (x.householdId < y.householdId ? -1 : x.householdId > y.householdId ? 1 : 0));
}

/** The id of the household a person with this address belongs to, or null when the address cannot place them. */
export function householdOf(address: PersonAddress['address']): string | null {
  const key = householdKey(address);
  return key && householdIdOf(key.key, key.basis);
}

function householdIdOf(key: string, basis: Household['basis']): string {
  return `${basis === 'uprn' ? 'U' : 'A'}-${fnv1a(key)}`;
}

function householdKey(a: PersonAddress['address']): { key: string; basis: Household['basis'] } | null {
  const uprn = a.uprn?.replace(/\D/g, '').replace(/^0+/, '');
  if (uprn) return { key: `uprn:${uprn}`, basis: 'uprn' };
  const postcode = a.postcode?.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const line1 = a.line1?.toUpperCase().replace(/[^A-Z0-9 ]/g, ' ')
    .replace(/\b(FLAT|APARTMENT|APT)\b/g, 'FLAT').replace(/\bROAD\b/g, 'RD').replace(/\bSTREET\b/g, 'ST')
    .replace(/\bAVENUE\b/g, 'AVE').replace(/\s+/g, ' ').trim();
  if (postcode && line1) return { key: `address:${line1}|${postcode}`, basis: 'address' };
  return null;
}

/** Household ids must not carry the address itself (it is personal data). */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}
