/**
 * A household of true people at one address: parents (lone or couple), children, other adults.
 * Surnames follow real patterns: a couple may share the man's surname (the woman keeps her
 * former one on some records), children may carry the other parent's or a hyphenated surname.
 */
import type { Random } from '../shared/random.ts';
import { between } from './pick-weighted.ts';
import { buildAddress, buildPerson, type GenContext } from './build-person.ts';
import type { Address, Household, Origin, Person } from './types.ts';

export interface HouseholdSpec {
  readonly refDate: string;
  /** 0 = adults only (sharers/pensioners), 1 = lone parent, 2 = couple. */
  readonly parents: 0 | 1 | 2;
  readonly parentAge: number;
  readonly childAges: readonly number[];
  /** Optional forced dobs, index-aligned with childAges. */
  readonly childDobs?: readonly (string | undefined)[];
  readonly otherAdultAges: readonly number[];
  /** Sex of a lone parent (default: mostly mothers). */
  readonly loneParentSex?: 'M' | 'F';
}

export interface BuiltHousehold {
  readonly household: Household;
  readonly parents: Person[];
  readonly children: Person[];
  readonly others: Person[];
  readonly origin: Origin;
}

export function buildHousehold(rng: Random, ctx: GenContext, spec: HouseholdSpec): BuiltHousehold {
  const id = `H${String(ctx.ids.next('household')).padStart(8, '0')}`;
  const origin = ctx.names.origins.pick(rng);
  const address = buildAddress(rng, ctx);
  // About one household in eight moved during the span: old records show the old address.
  const previous: Address | null = rng.next() < 0.12 ? buildAddress(rng, ctx) : null;
  // One object shape for every person spec: spreading a base object made buildPerson 4x slower.
  // A child named after a parent happens, but rarely (1 in 50 here); otherwise redraw.
  let avoid: string[] = [];
  const person = (sex: 'M' | 'F', age: number, surname: string, formerSurname: string, dob: string | undefined) => buildPerson(rng, ctx, {
    householdId: id, sex, age, ageOnDate: spec.refDate, origin, surname, formerSurname, address, previousAddress: previous, dob,
    avoidForenames: avoid,
  });
  const surnameA = ctx.names.surnames[origin].pick(rng);
  const surnameB = ctx.names.surnames[rng.next() < 0.8 ? origin : ctx.names.origins.pick(rng)].pick(rng);
  const parents: Person[] = [];
  let childSurname = surnameA;
  if (spec.parents === 2) {
    const married = rng.next() < 0.6 && surnameA !== surnameB;
    parents.push(person('M', spec.parentAge + between(rng, 0, 4), surnameA, '', undefined));
    parents.push(person('F', spec.parentAge, married ? surnameA : surnameB, married ? surnameB : '', undefined));
    if (!married && rng.next() < 0.05) childSurname = `${surnameA}-${surnameB}`;
  } else if (spec.parents === 1) {
    const sex = spec.loneParentSex ?? (rng.next() < 0.9 ? 'F' : 'M');
    // A lone mother whose children carry their father's surname, and who may have reverted hers.
    const reverted = sex === 'F' && spec.childAges.length > 0 && rng.next() < 0.3;
    parents.push(person(sex, spec.parentAge, reverted ? surnameB : surnameA, reverted ? surnameA : '', undefined));
  }
  if (rng.next() >= 0.02) avoid = parents.map((p) => p.forename);
  const children = spec.childAges.map((age, i) =>
    person(rng.next() < 0.51 ? 'M' : 'F', age, rng.next() < 0.1 ? surnameB : childSurname, '', spec.childDobs?.[i]));
  const others = spec.otherAdultAges.map((age) =>
    person(rng.next() < 0.5 ? 'M' : 'F', age, rng.next() < 0.6 ? surnameA : ctx.names.surnames[origin].pick(rng), '', undefined));
  return { household: { id, people: [...parents, ...children, ...others] }, parents, children, others, origin };
}

function ages(rng: Random, n: number, maxAge: number): number[] {
  return Array.from({ length: n }, () => between(rng, 0, maxAge));
}

/** A household of the general population (not on the programme), as a census mix. */
export function buildBackgroundHousehold(rng: Random, ctx: GenContext): BuiltHousehold {
  const refDate = ctx.span.start;
  const x = rng.next();
  if (x < 0.28) return buildHousehold(rng, ctx, { refDate, parents: 0, parentAge: 0, childAges: [], otherAdultAges: [between(rng, 18, 85)] });
  if (x < 0.52) return buildHousehold(rng, ctx, { refDate, parents: 2, parentAge: between(rng, 20, 75), childAges: [], otherAdultAges: [] });
  if (x < 0.74) {
    const age = between(rng, 22, 50);
    return buildHousehold(rng, ctx, { refDate, parents: 2, parentAge: age, childAges: ages(rng, between(rng, 1, 3), Math.min(17, age - 18)), otherAdultAges: [] });
  }
  if (x < 0.84) {
    const age = between(rng, 18, 50);
    return buildHousehold(rng, ctx, { refDate, parents: 1, parentAge: age, childAges: ages(rng, between(rng, 1, 3), Math.min(17, age - 17)), otherAdultAges: [] });
  }
  if (x < 0.96) return buildHousehold(rng, ctx, { refDate, parents: 2, parentAge: between(rng, 66, 88), childAges: [], otherAdultAges: [] });
  return buildHousehold(rng, ctx, { refDate, parents: 0, parentAge: 0, childAges: [], otherAdultAges: ages(rng, between(rng, 2, 4), 12).map((a) => a + 18) });
}
