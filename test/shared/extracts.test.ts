import { describe, expect, it } from 'vitest';
import { sourceMappingSchema } from '../../src/core/ingest/mapping.ts';
import { isSourceName, registerSource, SOURCE_NAMES, SOURCES, sourcesFor, type SourceRecord } from '../../src/shared/extracts.ts';

const base: SourceRecord = {
  name: 'test_spells', holds: ['nino'], dateField: 'start_date',
  fields: [
    { name: 'kind', kind: 'code', required: true, codes: ['A', 'B'] },
    { name: 'start_date', kind: 'date', required: true },
    { name: 'end_date', kind: 'date', required: false },
  ],
  evidence: ['kind', 'start_date', 'end_date'],
  rules: { kind: 'spells', codeField: 'kind' },
};

describe('source records', () => {
  it.each([
    [{ name: 'Test-Spells' }, 'a name is lower-case letters, digits and _'],
    [{ name: 'police_events' }, 'is already registered'],
    [{ dateField: 'kind' }, 'kind is not a date field'],
    [{ dateField: 'end_dat' }, 'no field end_dat'],
    [{ dateField: null }, 'dated by school term without academic_year and term'],
    [{ evidence: ['kind', 'value'] }, 'no field value'],
    [{ rules: { kind: 'spells', codeField: 'start_date' } }, 'start_date is not a code field'],
    [{ fields: [base.fields[0]!, base.fields[1]!], evidence: [] }, 'spells need start_date and end_date'],
    [{ fields: [...base.fields, { name: 'dob', kind: 'date', required: false }] }, 'field dob twice'],
    [{ holds: ['shoe_size'] }, 'holds shoe_size, which is not a person field'],
    [{ rules: { kind: 'events', codeField: 'kind' }, dateField: null, fields: [...base.fields, { name: 'academic_year', kind: 'text', required: true }, { name: 'term', kind: 'code', required: true }] }, 'events need a dateField'],
  ] as [Partial<SourceRecord>, string][])('a record that contradicts itself is refused and not registered (%#)', (change, why) => {
    const record = { ...base, ...change } as SourceRecord;
    const before = [...SOURCE_NAMES];
    expect(() => registerSource(record)).toThrow(`source ${record.name}: ${why}`);
    expect(SOURCE_NAMES).toEqual(before);
  });

  it('a registered source is known everywhere its record is read: names, plan source lists, mappings', () => {
    expect(isSourceName('test_spells')).toBe(false);
    expect(sourceMappingSchema.safeParse({ source: 'test_spells' }).error?.issues[0]?.message).toMatch(/^unknown source; allowed: education_attendance, /);
    const def = registerSource(base);
    expect(def).toMatchObject({ table: 'stg_test_spells', rowsTable: 'stg_test_spells_rows', dataLag: true, codeField: base.fields[0] });
    expect(def.fields.map((f) => f.name)).toEqual([...SOURCES.dwp_benefits.fields.slice(0, 19).map((f) => f.name), 'kind', 'start_date', 'end_date']);
    expect(SOURCE_NAMES.at(-1)).toBe('test_spells');
    expect(sourcesFor('spells')).toContain('test_spells');
    expect(sourcesFor('events')).not.toContain('test_spells');
    expect(sourceMappingSchema.safeParse({ source: 'test_spells' }).success).toBe(true);
  });

  it('the built-in records: which rules read each, and which may have a data lag', () => {
    expect(sourcesFor('events')).toEqual(['education_exclusions', 'police_events']);
    expect(sourcesFor('spells').slice(0, 4)).toEqual(['education_status', 'social_care_episodes', 'dwp_benefits', 'local_indicators']);
    expect(sourcesFor('dataLag')).not.toContain('early_help_families');
    expect(SOURCES.police_events.codeField?.name).toBe('event_type');
    expect(SOURCES.education_attendance.dateField).toBeNull();
  });
});
