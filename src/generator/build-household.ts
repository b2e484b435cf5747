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
  const base = { householdId: id, ageOnDate: spec.refDate, origin, address, previousAddress: previous };
  const surnameA = ctx.names.surnames[origin].pick(rng);
  const surnameB = ctx.names.surnames[rng.next() < 0.8 ? origin : ctx.names.origins.pick(rng)].pick(rng);
  const parents: Person[] = [];
  let childSurname = surnameA;
  if (spec.parents === 2) {
    const married = rng.next() < 0.6 && surnameA !== surnameB;
    parents.push(buildPerson(rng, ctx, { ...base, sex: 'M', age: spec.parentAge + between(rng, 0, 4), surname: surnameA }));
    parents.push(buildPerson(rng, ctx, {
      ...base, sex: 'F', age: spec.parentAge,
      surname: married ? surnameA : surnameB, formerSurname: married ? surnameB : '',
    }));
    if (!married && rng.next() < 0.05) childSurname = `${surnameA}-${surnameB}`;
  } else if (spec.parents === 1) {
    const sex = spec.loneParentSex ?? (rng.next() < 0.9 ? 'F' : 'M');
    // A lone mother whose children carry their father's surname, and who may have reverted hers.
    const reverted = sex === 'F' && spec.childAges.length > 0 && rng.next() < 0.3;
    parents.push(buildPerson(rng, ctx, {
      ...base, sex, age: spec.parentAge,
      surname: reverted ? surnameB : surnameA, formerSurname: reverted ? surnameA : '',
    }));
  }
  const children = spec.childAges.map((age, i) => buildPerson(rng, ctx, {
    ...base, sex: rng.next() < 0.51 ? 'M' : 'F', age, dob: spec.childDobs?.[i],
    surname: rng.next() < 0.1 ? surnameB : childSurname,
  }));
  const others = spec.otherAdultAges.map((age) => buildPerson(rng, ctx, {
    ...base, sex: rng.next() < 0.5 ? 'M' : 'F', age,
    surname: rng.next() < 0.6 ? surnameA : ctx.names.surnames[origin].pick(rng),
  }));
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
