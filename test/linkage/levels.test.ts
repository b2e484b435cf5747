import { describe, expect, it } from 'vitest';
import { buildLinkTable } from '../../src/core/linkage/link-table.ts';
import { comparatorsFor, LEVELS } from '../../src/core/linkage/comparisons.ts';
import { defaultLinkSettings } from '../../src/core/linkage/default-link-settings.ts';
import type { ComparisonName, LinkRecord } from '../../src/core/linkage/types.ts';
import { upnCheckLetter } from '../../src/core/standardise/identifiers.ts';

type Fields = LinkRecord['fields'];
const base: Fields = {
  forename: 'Jonathan', surname: 'Smith', dob: '2011-04-03', postcode: 'LS6 1AB', sex: 'M',
  address_line1: '18 Linden Road', town: 'Leeds', middle_names: 'Peter', phone: '0113 496 0000', email: 'jon.smith@example.org',
};
const upn = (rest: string): string => upnCheckLetter(rest)! + rest;

const cases: [ComparisonName, string, Fields, Fields][] = [
  ['forename', 'null', {}, { forename: null }],
  ['forename', 'exact', {}, { forename: 'JONATHAN' }],
  ['forename', 'exact', {}, { forename: 'Mr Jonathan' }],
  ['forename', 'swapped', {}, { forename: 'Smith', surname: 'Jonathan' }],
  ['forename', 'swapped', {}, { forename: 'Smiht', surname: 'Jonathan' }],
  ['forename', 'nickname', {}, { forename: 'Jon' }],
  ['forename', 'nickname', { forename: 'Fred' }, { forename: 'Frederick' }],
  ['forename', 'nickname', { forename: 'Willie' }, { forename: 'William' }],
  ['forename', 'jw-high', {}, { forename: 'Jonathen' }],
  ['forename', 'phonetic', { forename: 'Aisha' }, { forename: 'Ayesha' }],
  ['forename', 'jw-low', { forename: 'Maria' }, { forename: 'Marek' }],
  ['forename', 'initial', {}, { forename: 'J' }],
  ['forename', 'else', {}, { forename: 'Peter' }],
  ['middle_names', 'exact', {}, { middle_names: 'PETER' }],
  ['middle_names', 'first-name-or-initial', {}, { middle_names: 'P' }],
  ['middle_names', 'else', {}, { middle_names: 'Karl' }],
  ['middle_names', 'null', {}, { middle_names: null }],
  ['surname', 'exact', {}, { surname: 'smith' }],
  ['surname', 'swapped', { forename: 'Mia', surname: 'Gloster' }, { forename: 'Gloster', surname: 'Riley' }],
  ['surname', 'former-surname', { surname: 'Jones', former_surname: 'Smith' }, {}],
  ['surname', 'jw-high', {}, { surname: 'Smiths' }],
  ['surname', 'phonetic', {}, { surname: 'Smyth' }],
  ['surname', 'token', { surname: 'Smith-Harrington' }, {}],
  ['surname', 'jw-low', { surname: 'Smitton' }, {}],
  ['surname', 'else', {}, { surname: 'Okafor' }],
  ['surname', 'null', {}, { surname: '' }],
  ['dob', 'exact', {}, {}],
  ['dob', 'transposed-day-month', {}, { dob: '2011-03-04' }],
  ['dob', 'one-digit', {}, { dob: '2011-04-08' }],
  ['dob', 'one-digit', {}, { dob: '2012-04-03' }],
  ['dob', 'two-of-three', {}, { dob: '2011-04-27' }],
  ['dob', 'within-a-year', {}, { dob: '2011-09-21' }],
  ['dob', 'within-5-years', {}, { dob: '2013-09-21' }],
  ['dob', 'else', {}, { dob: '1980-09-21' }],
  ['dob', 'null', {}, { dob: null }],
  ['sex', 'exact', {}, {}],
  ['sex', 'else', {}, { sex: 'F' }],
  ['sex', 'null', {}, { sex: 'U' }],
  ['address', 'uprn', { uprn: '100012345678', address_line1: 'Flat 2' }, { uprn: '100012345678' }],
  ['address', 'line+postcode', {}, { address_line1: '18 LINDEN RD', postcode: 'ls61ab' }],
  ['address', 'line+postcode-close', {}, { postcode: 'LS6 1AD' }],
  ['address', 'line+town', {}, { postcode: 'BD1 1AA' }],
  ['address', 'line', {}, { postcode: 'BD1 1AA', town: 'Bradford' }],
  ['address', 'postcode+town', {}, { address_line1: '4 Oak Street' }],
  ['address', 'postcode', {}, { address_line1: '4 Oak Street', town: null }],
  ['address', 'postcode-close', {}, { address_line1: '4 Oak Street', postcode: 'LS6 1ZZ', town: null }],
  ['address', 'street', {}, { address_line1: '27 Linden Road', postcode: null }],
  ['address', 'town-or-district', {}, { address_line1: '4 Oak Street', postcode: 'LS6 3QT' }],
  ['address', 'else', {}, { address_line1: '4 Oak Street', postcode: 'BD1 1AA', town: 'Bradford' }],
  ['address', 'null', {}, { address_line1: null, postcode: null, town: null }],
  // A postcode that is not UK-shaped is compared as text, never dropped.
  ['address', 'postcode+town', { postcode: '2119' }, { postcode: '2119', address_line1: '4 Oak Street' }],
  ['address', 'postcode-close', { postcode: '2119', town: null }, { postcode: '2191', address_line1: '4 Oak Street', town: null }],
  ['phone', 'exact', {}, { phone: '+44 113 496 0000' }],
  ['phone', 'close', {}, { phone: '0113 496 0001' }],
  ['phone', 'else', {}, { phone: '0207 946 1234' }],
  ['email', 'exact', {}, { email: 'JON.SMITH@example.org' }],
  ['email', 'close', {}, { email: 'jon.smith@example.com' }],
  ['email', 'else', {}, { email: 'someone@example.org' }],
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
