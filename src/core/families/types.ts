import type { CanonicalRow, SourceName } from '../../shared/extracts.ts';

/** Everything known about one linked person: their best dob and every row linked to them, by source. */
export interface PersonFacts {
  readonly personId: string;
  /** The most common dob across the person's linked rows (chosen by the pipeline). */
  readonly dob: string | null;
  readonly sex: string | null;
  readonly rows: { readonly [S in SourceName]?: readonly CanonicalRow[] };
}

export type MemberRole = 'PARENT_CARER' | 'CHILD' | 'OTHER_ADULT' | 'ABSENT_PARENT';

export interface FamilyMember {
  readonly personId: string;
  /** The LA's own id for the member (early-help `person_ref`); null for identification households. */
  readonly personRef: string | null;
  readonly role: MemberRole;
  readonly facts: PersonFacts;
}

export interface FamilyInput {
  readonly familyRef: string;
  /** ISO; the earliest attachment date listed for the family_ref. */
  readonly attachmentDate: string;
  readonly members: readonly FamilyMember[];
  /** The early-help rows the family was formed from, with whose they are (whole-family practice evidence). */
  readonly earlyHelpRows?: readonly { readonly personId: string; readonly row: CanonicalRow }[];
}

/** A group of people not on the programme who live together, for identification. */
export interface Household {
  readonly householdId: string;
  /** How it was formed: `uprn`, `address` (line 1 + postcode), or `parent-child`. */
  readonly basis: 'uprn' | 'address' | 'parent-child';
  readonly people: readonly PersonFacts[];
}

/** A household not on the programme that meets eligibility (identification.csv). */
export interface IdentifiedHousehold {
  readonly householdId: string;
  readonly basis: Household['basis'];
  readonly members: number;
  readonly children: number;
  readonly problems: readonly string[];
  readonly personIds: readonly string[];
  /** Latest evidence date among the problems, ISO. */
  readonly latestEvidence: string | null;
}
