/**
 * The canonical extracts of spec §2: one definition per source, shared by ingest, the store,
 * the generator, linkage and the rules. Column names here are the canonical ones; an LA's own
 * names are mapped onto them by `config/mappings/*.json`.
 */

export type FieldKind = 'text' | 'date' | 'int' | 'number' | 'code';

export interface FieldDef {
  readonly name: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  /** For kind 'code': the allowed values (upper-case). Absent = any code matching CODE_PATTERN. */
  readonly codes?: readonly string[];
  /** For kind 'text': a pattern the trimmed value must match. */
  readonly pattern?: RegExp;
}

/** A free code (benefit, outcome, indicator): upper-case letters, digits and underscores. */
export const CODE_PATTERN = /^[A-Z0-9_]+$/;

/** Identifiers strong enough to link on their own. */
export const STRONG_IDS = ['upn', 'la_child_id', 'nhs_number', 'nino', 'pnc_id', 'police_person_id'] as const;
export type StrongId = (typeof STRONG_IDS)[number];

export const PERSON_FIELDS = [
  'forename', 'middle_names', 'surname', 'former_surname', 'dob', 'sex',
  'address_line1', 'address_line2', 'town', 'postcode', 'uprn', 'phone', 'email',
  ...STRONG_IDS,
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

const personFieldDefs: readonly FieldDef[] = PERSON_FIELDS.map((name): FieldDef =>
  name === 'dob' ? { name, kind: 'date', required: false }
  : name === 'sex' ? { name, kind: 'code', required: false, codes: ['M', 'F', 'U', 'X'] }
  : { name, kind: 'text', required: false });

const text = (name: string, required = true): FieldDef => ({ name, kind: 'text', required });
const date = (name: string, required = true): FieldDef => ({ name, kind: 'date', required });
const int = (name: string, required = true): FieldDef => ({ name, kind: 'int', required });
const code = (name: string, codes?: readonly string[], required = true): FieldDef =>
  ({ name, kind: 'code', required, ...(codes ? { codes } : {}) });

export const SOURCE_NAMES = [
  'education_attendance', 'education_exclusions', 'education_status', 'social_care_episodes',
  'early_help_families', 'dwp_benefits', 'dwp_employment', 'police_events', 'local_indicators',
] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

export const TERMS = ['autumn', 'spring', 'summer'] as const;
export type Term = (typeof TERMS)[number];

/** Fields beyond the person fields, per source (spec §2 table). */
const SOURCE_FIELDS: Record<SourceName, readonly FieldDef[]> = {
  education_attendance: [
    text('school_urn', false),
    { name: 'academic_year', kind: 'text', required: true, pattern: /^\d{4}\/\d{2}$/ },
    code('term', TERMS.map((t) => t.toUpperCase())),
    int('sessions_possible'), int('sessions_authorised'), int('sessions_unauthorised'),
  ],
  education_exclusions: [
    text('school_urn', false), code('category', ['SUSP', 'FIX', 'PERM']), date('start_date'),
    int('sessions', false), text('reason', false),
  ],
  education_status: [
    code('status', ['NOT_ON_ROLL', 'ALTERNATIVE_PROVISION', 'EHE', 'CME']), date('start_date'), date('end_date', false),
  ],
  social_care_episodes: [
    text('episode_id'), code('episode_type', ['CIN', 'CP', 'LAC', 'EARLY_HELP']), date('start_date'),
    date('end_date', false), text('reason', false),
  ],
  early_help_families: [
    text('family_ref'), text('person_ref'),
    code('role', ['PARENT_CARER', 'CHILD', 'OTHER_ADULT', 'ABSENT_PARENT']),
    date('attachment_date'), text('lead_practitioner'),
    date('assessment_date', false), date('plan_date', false), date('closure_date', false),
  ],
  dwp_benefits: [code('benefit'), date('start_date'), date('end_date', false)],
  dwp_employment: [date('start_date'), date('end_date', false), code('source', ['RTI', 'SELF_EMPLOYED', 'DECLARED'], false)],
  police_events: [
    text('event_id'), code('event_type', ['OFFENCE', 'ASB', 'DOMESTIC_ABUSE']), date('event_date'),
    code('role', ['OFFENDER', 'SUSPECT', 'VICTIM', 'PERPETRATOR', 'SUBJECT']), code('outcome', undefined, false),
  ],
  local_indicators: [code('indicator'), date('start_date'), date('end_date', false), text('value', false)],
};

export interface SourceDef {
  readonly name: SourceName;
  /** Person fields first, then the source's own fields: the column order of its staging table. */
  readonly fields: readonly FieldDef[];
  readonly ownFields: readonly FieldDef[];
  /** The staging view in the store: one column per field (what SQL and analysts query). */
  readonly table: `stg_${SourceName}`;
  /** The staging table behind it: each row's canonical values stored as one JSON array. */
  readonly rowsTable: `stg_${SourceName}_rows`;
}

function sourceDef(name: SourceName): SourceDef {
  return Object.freeze({
    name,
    fields: [...personFieldDefs, ...SOURCE_FIELDS[name]],
    ownFields: SOURCE_FIELDS[name],
    table: `stg_${name}` as const,
    rowsTable: `stg_${name}_rows` as const,
  });
}

export const SOURCES: Readonly<Record<SourceName, SourceDef>> = Object.freeze(
  Object.fromEntries(SOURCE_NAMES.map((name) => [name, sourceDef(name)])) as Record<SourceName, SourceDef>,
);

export function isSourceName(s: string): s is SourceName {
  return (SOURCE_NAMES as readonly string[]).includes(s);
}

/**
 * A canonical row as the store and the core see it: every field by its canonical name,
 * dates as ISO `YYYY-MM-DD`, ints as numbers, codes upper-case, blanks as null.
 * `file_id` and `line` are its provenance (the input file and its 1-based line number).
 */
export type CanonicalValue = string | number | null;
export interface CanonicalRow {
  readonly row_id: number;
  readonly file_id: number;
  readonly line: number;
  readonly [field: string]: CanonicalValue;
}
