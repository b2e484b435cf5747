/**
 * The extract sources and their fields as migrations 001 and 003 created them (session 2),
 * frozen: a migration never reads the live list in src/shared/extracts.ts, so a source or field
 * added there later reaches an existing workspace only through a new numbered migration, which
 * carries its own snapshot. Never edit this file.
 */
import type { FieldKind } from '../../shared/extracts.ts';

export interface FrozenSource {
  readonly name: string;
  readonly table: string;
  readonly rowsTable: string;
  readonly fields: readonly { readonly name: string; readonly kind: FieldKind }[];
}

type Fields = readonly (readonly [string, FieldKind])[];

const PERSON: Fields = [['forename', 'text'], ['middle_names', 'text'], ['surname', 'text'], ['former_surname', 'text'], ['dob', 'date'], ['sex', 'code'], ['address_line1', 'text'], ['address_line2', 'text'], ['town', 'text'], ['postcode', 'text'], ['uprn', 'text'], ['phone', 'text'], ['email', 'text'], ['upn', 'text'], ['la_child_id', 'text'], ['nhs_number', 'text'], ['nino', 'text'], ['pnc_id', 'text'], ['police_person_id', 'text']];

const OWN: Record<string, Fields> = {
  education_attendance: [['school_urn', 'text'], ['academic_year', 'text'], ['term', 'code'], ['sessions_possible', 'int'], ['sessions_authorised', 'int'], ['sessions_unauthorised', 'int']],
  education_exclusions: [['school_urn', 'text'], ['category', 'code'], ['start_date', 'date'], ['sessions', 'int'], ['reason', 'text']],
  education_status: [['status', 'code'], ['start_date', 'date'], ['end_date', 'date']],
  social_care_episodes: [['episode_id', 'text'], ['episode_type', 'code'], ['start_date', 'date'], ['end_date', 'date'], ['reason', 'text']],
  early_help_families: [['family_ref', 'text'], ['person_ref', 'text'], ['role', 'code'], ['attachment_date', 'date'], ['lead_practitioner', 'text'], ['assessment_date', 'date'], ['plan_date', 'date'], ['closure_date', 'date']],
  dwp_benefits: [['benefit', 'code'], ['start_date', 'date'], ['end_date', 'date']],
  dwp_employment: [['start_date', 'date'], ['end_date', 'date'], ['source', 'code']],
  police_events: [['event_id', 'text'], ['event_type', 'code'], ['event_date', 'date'], ['role', 'code'], ['outcome', 'code']],
  local_indicators: [['indicator', 'code'], ['start_date', 'date'], ['end_date', 'date'], ['value', 'text']],
};

export const SOURCES_001: readonly FrozenSource[] = Object.entries(OWN).map(([name, own]) => ({
  name, table: `stg_${name}`, rowsTable: `stg_${name}_rows`,
  fields: [...PERSON, ...own].map(([n, kind]) => ({ name: n, kind })),
}));
