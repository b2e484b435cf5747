import { describe, expect, it } from 'vitest';
import { buildLinkTable } from '../../src/core/linkage/link-table.ts';
import { comparatorsFor, LEVELS } from '../../src/core/linkage/comparisons.ts';
import { defaultLinkSettings } from '../../src/core/linkage/default-link-settings.ts';
import type { ComparisonName, LinkRecord } from '../../src/core/linkage/types.ts';
import { upnCheckLetter } from '../../src/core/standardise/identifiers.ts';

type Fields = LinkRecord['fields'];
const base: Fields = { forename: 'Jonathan', surname: 'Smith', dob: '2011-04-03', postcode: 'LS6 1AB', sex: 'M' };
const upn = (rest: string): string => upnCheckLetter(rest)! + rest;

const cases: [ComparisonName, string, Fields, Fields][] = [
  ['forename', 'null', {}, { forename: null }],
  ['forename', 'exact', {}, { forename: 'JONATHAN' }],
  ['forename', 'swapped', {}, { forename: 'Smith', surname: 'Jonathan' }],
  ['forename', 'nickname', {}, { forename: 'Jon' }],
  ['forename', 'jw-high', {}, { forename: 'Jonathen' }],
  ['forename', 'phonetic', { forename: 'Aisha' }, { forename: 'Ayesha' }],
  ['forename', 'jw-low', { forename: 'Maria' }, { forename: 'Marek' }],
  ['forename', 'initial', {}, { forename: 'J' }],
  ['forename', 'else', {}, { forename: 'Peter' }],
  ['surname', 'exact', {}, { surname: 'smith' }],
  ['surname', 'former-surname', { surname: 'Jones', former_surname: 'Smith' }, {}],
  ['surname', 'jw-high', {}, { surname: 'Smiths' }],
  ['surname', 'phonetic', {}, { surname: 'Smyth' }],
  ['surname', 'token', { surname: 'Smith-Harrington' }, {}],
  ['surname', 'jw-low', { surname: 'Smitton' }, {}],
  ['surname', 'else', {}, { surname: 'Okafor' }],
  ['surname', 'null', {}, { surname: '' }],
  ['dob', 'exact', {}, {}],
  ['dob', 'transposed-day-month', {}, { dob: '2011-03-04' }],
  ['dob', 'two-of-three', {}, { dob: '2011-04-13' }],
  ['dob', 'within-5-years', {}, { dob: '2012-09-21' }],
  ['dob', 'else', {}, { dob: '1980-09-21' }],
  ['dob', 'null', {}, { dob: null }],
  ['postcode', 'unit', {}, { postcode: 'ls61ab' }],
  ['postcode', 'sector', {}, { postcode: 'LS6 1ZZ' }],
  ['postcode', 'district', {}, { postcode: 'LS6 3QT' }],
  ['postcode', 'else', {}, { postcode: 'BD1 1AA' }],
  ['postcode', 'null', {}, { postcode: 'unknown' }],
  ['sex', 'exact', {}, {}],
  ['sex', 'else', {}, { sex: 'F' }],
  ['sex', 'null', {}, { sex: 'U' }],
  ['ids', 'null', {}, {}],
  ['ids', 'agree', { upn: upn('820200101001') }, { upn: upn('820200101001') }],
  ['ids', 'disagree', { upn: upn('820200101001') }, { upn: upn('820200101002') }],
];

describe('comparison levels', () => {
  const settings = defaultLinkSettings();
  const comparators = comparatorsFor(settings);
  it.each(cases)('%s fires %s', (comparison, level, left, right) => {
    const records: LinkRecord[] = [
      { key: 'a', source: 's1', fields: { ...base, ...left } },
      { key: 'b', source: 's2', fields: { ...base, ...right } },
    ];
    const t = buildLinkTable(records, settings.strongIds, []);
    const c = settings.comparisons.indexOf(comparison);
    const got = comparators[c](t, t.unitOf[0], t.unitOf[1]);
    expect(LEVELS[comparison][got]).toBe(level);
    expect(comparators[c](t, t.unitOf[1], t.unitOf[0])).toBe(got);
  });
});
