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
  /** For kind 'code': what plan messages call it ("event type"); default the name with spaces. */
  readonly label?: string;
  /** For kind 'code' without `codes`: the plan's own list of the codes it may hold (`codes.<key>`). */
  readonly planCodes?: 'benefits' | 'indicators' | 'policeOutcomes';
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

type FieldOptions = Pick<FieldDef, 'label' | 'planCodes'>;
const text = (name: string, required = true): FieldDef => ({ name, kind: 'text', required });
const date = (name: string, required = true): FieldDef => ({ name, kind: 'date', required });
const int = (name: string, required = true): FieldDef => ({ name, kind: 'int', required });
const code = (name: string, codes?: readonly string[], required = true, options: FieldOptions = {}): FieldDef =>
  ({ name, kind: 'code', required, ...(codes ? { codes } : {}), ...options });

export const TERMS = ['autumn', 'spring', 'summer'] as const;
export type Term = (typeof TERMS)[number];

/** What plan rules of the generic kinds can read from a source. */
export interface SourceRules {
  /**
   * `events`: dated rows counted by `events`, `reduction` and `noEvents` rules;
   * `spells`: rows with start_date and end_date read by `spell` and `spellsClosed` rules.
   */
  readonly kind: 'events' | 'spells';
  /** The code field a rule's `types` (events) or `codes` (spells) filter on. */
  readonly codeField: string;
}

/**
 * Everything the tool knows about one extract source, written once: ingest, the store, linkage,
 * the rules, the evidence trail and the generator's agency view all derive from it.
 */
export interface SourceRecord {
  readonly name: string;
  /** The source's own fields (spec §2), after the person fields every source has. */
  readonly fields: readonly FieldDef[];
  /**
   * The person fields this agency records beyond names, date of birth, sex and address: the
   * identifiers it holds, and whether it keeps former surname, UPRN, phone and email.
   */
  readonly holds: readonly PersonField[];
  /** The row's own date (evidence, event rules, coverage); null: the end of its school term (academic_year, term). */
  readonly dateField: string | null;
  /** The fields the evidence trail shows for a row, in order. */
  readonly evidence: readonly string[];
  /** What generic plan rules read from it; absent: only rule kinds written for this source read it. */
  readonly rules?: SourceRules;
  /** Whether a plan may give a data lag for it (`dataLagMonths`): false for the attachment list. Default true. */
  readonly dataLag?: boolean;
}

/** The built-in sources (spec §2 table), in the order outputs list them. */
const BUILT_IN = [
  {
    name: 'education_attendance', holds: ['upn'], dateField: null,
    fields: [
      text('school_urn', false),
      { name: 'academic_year', kind: 'text', required: true, pattern: /^\d{4}\/\d{2}$/ },
      code('term', TERMS.map((t) => t.toUpperCase())),
      int('sessions_possible'), int('sessions_authorised'), int('sessions_unauthorised'),
    ],
    evidence: ['academic_year', 'term', 'sessions_possible', 'sessions_authorised', 'sessions_unauthorised'],
  },
  {
    name: 'education_exclusions', holds: ['upn'], dateField: 'start_date',
    fields: [
      text('school_urn', false), code('category', ['SUSP', 'FIX', 'PERM'], true, { label: 'exclusion category' }), date('start_date'),
      int('sessions', false), text('reason', false),
    ],
    evidence: ['category', 'start_date', 'sessions'],
    rules: { kind: 'events', codeField: 'category' },
  },
  {
    name: 'education_status', holds: ['upn'], dateField: 'start_date',
    fields: [
      code('status', ['NOT_ON_ROLL', 'ALTERNATIVE_PROVISION', 'EHE', 'CME'], true, { label: 'education status' }), date('start_date'), date('end_date', false),
    ],
    evidence: ['status', 'start_date', 'end_date'],
    rules: { kind: 'spells', codeField: 'status' },
  },
  {
    name: 'social_care_episodes', holds: ['former_surname', 'uprn', 'phone', 'email', 'la_child_id', 'nhs_number'], dateField: 'start_date',
    fields: [
      text('episode_id'), code('episode_type', ['CIN', 'CP', 'LAC', 'EARLY_HELP'], true, { label: 'episode type' }), date('start_date'),
      date('end_date', false), text('reason', false),
    ],
    evidence: ['episode_id', 'episode_type', 'start_date', 'end_date'],
    rules: { kind: 'spells', codeField: 'episode_type' },
  },
  {
    name: 'early_help_families', holds: ['former_surname', 'uprn', 'phone', 'email', 'nhs_number', 'upn', 'nino', 'la_child_id'],
    dateField: 'attachment_date', dataLag: false,
    fields: [
      text('family_ref'), text('person_ref'),
      code('role', ['PARENT_CARER', 'CHILD', 'OTHER_ADULT', 'ABSENT_PARENT']),
      date('attachment_date'), text('lead_practitioner'),
      date('assessment_date', false), date('plan_date', false), date('closure_date', false),
    ],
    evidence: ['role', 'attachment_date', 'assessment_date', 'plan_date', 'closure_date'],
  },
  {
    name: 'dwp_benefits', holds: ['phone', 'email', 'nino'], dateField: 'start_date',
    fields: [code('benefit', undefined, true, { label: 'benefit code', planCodes: 'benefits' }), date('start_date'), date('end_date', false)],
    evidence: ['benefit', 'start_date', 'end_date'],
    rules: { kind: 'spells', codeField: 'benefit' },
  },
  {
    name: 'dwp_employment', holds: ['nino'], dateField: 'start_date',
    fields: [date('start_date'), date('end_date', false), code('source', ['RTI', 'SELF_EMPLOYED', 'DECLARED'], false, { label: 'employment source' })],
    evidence: ['source', 'start_date', 'end_date'],
  },
  {
    name: 'police_events', holds: ['pnc_id', 'police_person_id'], dateField: 'event_date',
    fields: [
      text('event_id'), code('event_type', ['OFFENCE', 'ASB', 'DOMESTIC_ABUSE'], true, { label: 'event type' }), date('event_date'),
      code('role', ['OFFENDER', 'SUSPECT', 'VICTIM', 'PERPETRATOR', 'SUBJECT'], true, { label: 'police role' }),
      code('outcome', undefined, false, { label: 'police outcome', planCodes: 'policeOutcomes' }),
    ],
    evidence: ['event_id', 'event_type', 'event_date', 'role', 'outcome'],
    rules: { kind: 'events', codeField: 'event_type' },
  },
  {
    name: 'local_indicators', holds: ['uprn', 'nhs_number'], dateField: 'start_date',
    fields: [code('indicator', undefined, true, { label: 'indicator code', planCodes: 'indicators' }), date('start_date'), date('end_date', false), text('value', false)],
    evidence: ['indicator', 'start_date', 'end_date', 'value'],
    rules: { kind: 'spells', codeField: 'indicator' },
  },
] as const satisfies readonly SourceRecord[];

/**
 * The built-in sources' names. A source registered at run time (`registerSource`, used by tests)
 * is typed as one too once registered.
 */
export type SourceName = (typeof BUILT_IN)[number]['name'];

export interface SourceDef extends Omit<SourceRecord, 'name' | 'fields'> {
  readonly name: SourceName;
  /** Person fields first, then the source's own fields: the column order of its staging table. */
  readonly fields: readonly FieldDef[];
  readonly ownFields: readonly FieldDef[];
  /** The staging view in the store: one column per field (what SQL and analysts query). */
  readonly table: `stg_${SourceName}`;
  /** The staging table behind it: each row's canonical values stored as one JSON array. */
  readonly rowsTable: `stg_${SourceName}_rows`;
  /** The field `rules.codeField` names. */
  readonly codeField: FieldDef | null;
  readonly dataLag: boolean;
}

/** Every registered source by name, and their names in registration order (the built-ins first). */
const registry: Record<string, SourceDef> = {};
export const SOURCES = registry as Readonly<Record<SourceName, SourceDef>>;
export const SOURCE_NAMES: readonly SourceName[] = [];

/**
 * Adds a source to the tool (the built-ins are added this way at load). Its staging table comes
 * from a migration (`src/store/migrations/add-source.ts`). Throws on a record that contradicts itself.
 */
export function registerSource(record: SourceRecord): SourceDef {
  const bad = (why: string): never => { throw new Error(`source ${record.name}: ${why}`); };
  if (!/^[a-z][a-z0-9_]*$/.test(record.name)) bad('a name is lower-case letters, digits and _');
  if (Object.hasOwn(registry, record.name)) bad('is already registered');
  const fields = [...personFieldDefs, ...record.fields];
  const field = (name: string) => fields.find((f) => f.name === name) ?? bad(`no field ${name}`);
  const names = fields.map((f) => f.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) bad(`field ${dup} twice`);
  if (record.dateField !== null && field(record.dateField).kind !== 'date') bad(`${record.dateField} is not a date field`);
  if (record.dateField === null && !(names.includes('academic_year') && names.includes('term'))) bad('dated by school term without academic_year and term');
  record.evidence.forEach(field);
  const codeField = record.rules ? field(record.rules.codeField) : null;
  if (codeField && codeField.kind !== 'code') bad(`${codeField.name} is not a code field`);
  if (record.rules?.kind === 'spells' && !(names.includes('start_date') && names.includes('end_date'))) bad('spells need start_date and end_date');
  if (record.rules?.kind === 'events' && record.dateField === null) bad('events need a dateField');
  for (const h of record.holds) if (!(PERSON_FIELDS as readonly string[]).includes(h)) bad(`holds ${h}, which is not a person field`);
  const name = record.name as SourceName;
  const def: SourceDef = Object.freeze({
    ...record, name, fields, ownFields: record.fields, codeField, dataLag: record.dataLag ?? true,
    table: `stg_${name}` as const, rowsTable: `stg_${name}_rows` as const,
  });
  registry[name] = def;
  (SOURCE_NAMES as SourceName[]).push(name);
  return def;
}

for (const record of BUILT_IN) registerSource(record);

export function isSourceName(s: string): s is SourceName {
  return Object.hasOwn(registry, s);
}

/** The registered sources a plan rule of this kind (or a data lag) may name. */
export function sourcesFor(use: SourceRules['kind'] | 'dataLag'): SourceName[] {
  return SOURCE_NAMES.filter((n) => (use === 'dataLag' ? SOURCES[n].dataLag : SOURCES[n].rules?.kind === use));
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
