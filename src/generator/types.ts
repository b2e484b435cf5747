/** The generator's in-memory model: true people and the clean facts the design gives them. */
import type { SourceName } from '../shared/extracts.ts';

export type Headline =
  | 'CRIME_ASB' | 'EDUCATION' | 'CHILDREN_NEED_HELP' | 'WORKLESSNESS' | 'DOMESTIC_ABUSE' | 'HEALTH';

export const HEADLINES: readonly Headline[] = [
  'CRIME_ASB', 'EDUCATION', 'CHILDREN_NEED_HELP', 'WORKLESSNESS', 'DOMESTIC_ABUSE', 'HEALTH',
];

export type Role = 'PARENT_CARER' | 'CHILD' | 'OTHER_ADULT' | 'ABSENT_PARENT';

/** Hard-case tags written to truth/families.csv (documented in README.md beside this file). */
export const HARD_CASES = [
  'acquired_problem', 'attendance_late', 'zero_baseline', 'absent_parent',
  'child_turns_16', 'attached_twice', 'ce_benefit_overlap',
] as const;
export type HardCase = (typeof HARD_CASES)[number];

export interface Address {
  readonly line1: string;
  readonly line2: string;
  readonly town: string;
  readonly postcode: string;
  readonly uprn: string;
}

export type Origin = 'british' | 'irish' | 'south_asian' | 'polish' | 'caribbean' | 'west_african';

export interface Person {
  readonly id: string;
  readonly householdId: string;
  familyRef: string;
  role: Role | '';
  readonly forename: string;
  readonly middleNames: string;
  readonly surname: string;
  /** A surname the person had before (marriage, new partner); some agencies still hold it. */
  readonly formerSurname: string;
  readonly dob: string;
  readonly sex: 'M' | 'F';
  address: Address;
  /** Where the person lived before; stale agency records still show it. */
  previousAddress: Address | null;
  readonly phone: string;
  readonly email: string;
  readonly nhsNumber: string;
  readonly nino: string;
  readonly upn: string;
  laChildId: string;
  pncId: string;
  policePersonId: string;
}

/** One extract row's own (non-person) fields, clean: ISO dates, upper-case codes. */
export interface Fact {
  readonly source: SourceName;
  readonly personId: string;
  readonly f: Readonly<Record<string, string>>;
}

export interface Household {
  readonly id: string;
  readonly people: Person[];
}
