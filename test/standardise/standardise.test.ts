import { describe, expect, it } from 'vitest';
import { foldText } from '../../src/core/standardise/fold-text.ts';
import { nameTokens } from '../../src/core/standardise/name-tokens.ts';
import { nicknameCanonical } from '../../src/core/standardise/nicknames.ts';
import { nysiis } from '../../src/core/standardise/nysiis.ts';
import { parsePostcode, postcodeText } from '../../src/core/standardise/postcode.ts';
import { parseAddressLine } from '../../src/core/standardise/address.ts';
import { normaliseEmail, normalisePhone, normaliseUprn } from '../../src/core/standardise/contact.ts';
import { areNicknames, nicknameGroups } from '../../src/core/standardise/nicknames.ts';
import { MAX_COMPARED_LENGTH } from '../../src/core/standardise/fold-text.ts';
import { checkIdentifier, upnCheckLetter } from '../../src/core/standardise/identifiers.ts';
import { parseDobParts } from '../../src/core/standardise/dob-parts.ts';

describe('names', () => {
  it('folds case, accents, punctuation and whitespace', () => {
    expect(foldText('  Zoë  Ó-Brien ')).toBe('ZOE O BRIEN');
    expect(nameTokens("Mr Seán O'Neil-Smith")).toEqual(['SEAN', 'ONEIL', 'SMITH']);
    expect(nameTokens(null)).toEqual([]);
  });
  it('drops titles and stray initials, keeps a lone initial, splits hyphenated surnames', () => {
    expect(nameTokens('Sir Tom')).toEqual(['TOM']);
    expect(nameTokens('John A')).toEqual(['JOHN']);
    expect(nameTokens('J.')).toEqual(['J']);
    expect(nameTokens('Smith-Jones')).toEqual(['SMITH', 'JONES']);
  });
  it('cuts a pathological value to the compared length', () => {
    expect(foldText('a'.repeat(5_000_000))).toHaveLength(MAX_COMPARED_LENGTH);
    expect(nameTokens('b'.repeat(5_000_000))[0]).toHaveLength(MAX_COMPARED_LENGTH);
  });
  it('knows a name may belong to several nickname groups', () => {
    for (const [a, b] of [['TOM', 'THOMAS'], ['WILLIE', 'WILLIAM'], ['LIZ', 'ELIZABETH'], ['FRED', 'FREDERICK'], ['FRED', 'ALFRED']]) expect(areNicknames(a, b)).toBe(true);
    expect(areNicknames('FREDERICK', 'ALFRED')).toBe(false);
    expect(nicknameGroups('FRED')).toEqual(expect.arrayContaining(['ALFRED', 'FREDERICK', 'WILFRED']));
  });
  it('maps nicknames to one canonical form', () => {
    expect(nicknameCanonical('BILL')).toBe(nicknameCanonical('WILLIAM'));
    expect(nicknameCanonical('JON')).toBe(nicknameCanonical('JONATHAN'));
    expect(nicknameCanonical('LIZ')).toBe('ELIZABETH');
    expect(nicknameCanonical('ZEBEDEE')).toBe('ZEBEDEE');
  });
  it('gives sound-alike names one phonetic code', () => {
    expect(nysiis('SMITH')).toBe(nysiis('SMYTH'));
    expect(nysiis('SMITH')).not.toBe(nysiis('SMALL'));
    expect(nysiis('KNIGHT')).toBe(nysiis('NIGHT'));
    expect(nysiis('')).toBe('');
  });
});

describe('postcodes', () => {
  it('normalises to unit, sector, district, area', () => {
    expect(parsePostcode(' ls61ab')).toEqual({ unit: 'LS6 1AB', sector: 'LS6 1', district: 'LS6', area: 'LS' });
    expect(parsePostcode('EC1A 1BB')?.sector).toBe('EC1A 1');
    expect(parsePostcode('not a postcode')).toBeNull();
    expect(parsePostcode('')).toBeNull();
  });
  it('keeps a postcode that is not UK-shaped as compact text', () => {
    expect(parsePostcode('2119')).toBeNull();
    expect(postcodeText(' 2119 ')).toBe('2119');
    expect(postcodeText('ls6 1ab')).toBe('LS61AB');
    expect(postcodeText(' - ')).toBeNull();
  });
});

describe('addresses and contacts', () => {
  it('writes street types out and splits house number from street', () => {
    expect(parseAddressLine('18 Linden Rd')).toEqual({ line: '18 LINDEN ROAD', number: '18', street: 'LINDENROAD' });
    expect(parseAddressLine('18 linden road')?.line).toBe('18 LINDEN ROAD');
    expect(parseAddressLine('177 pridhamstreet')?.street).toBe(parseAddressLine('177 Pridham Street')?.street);
    expect(parseAddressLine('  ')).toBeNull();
  });
  it('normalises phone, e-mail and UPRN', () => {
    expect(normalisePhone('+44 113 496 0000')).toBe('01134960000');
    expect(normalisePhone('12')).toBeNull();
    expect(normaliseEmail(' Jo@Example.org ')).toBe('jo@example.org');
    expect(normaliseEmail('not an address')).toBeNull();
    expect(normaliseUprn('000100012345')).toBe('100012345');
  });
});

describe('identifiers', () => {
  it('accepts a UPN with the right check letter and rejects a mistyped one', () => {
    const rest = '820200101001';
    const upn = upnCheckLetter(rest)! + rest;
    expect(checkIdentifier('upn', upn.toLowerCase())).toEqual({ value: upn, problem: null });
    const wrong = (upn[0] === 'A' ? 'B' : 'A') + rest;
    expect(checkIdentifier('upn', wrong)).toEqual({ value: null, problem: 'check-digit' });
    expect(checkIdentifier('upn', 'ABC')).toEqual({ value: null, problem: 'format' });
  });
  it('checks NHS numbers by modulus 11', () => {
    expect(checkIdentifier('nhs_number', '943 476 5919')).toEqual({ value: '9434765919', problem: null });
    expect(checkIdentifier('nhs_number', '9434765918').problem).toBe('check-digit');
  });
  it('checks NINO format and ignores the suffix', () => {
    expect(checkIdentifier('nino', 'ab 12 34 56 c')).toEqual({ value: 'AB123456', problem: null });
    expect(checkIdentifier('nino', 'QQ123456C').problem).toBe('format');
    expect(checkIdentifier('nino', 'GB123456A').problem).toBe('format');
  });
  it('treats blanks as missing without an issue', () => {
    expect(checkIdentifier('pnc_id', '  ')).toEqual({ value: null, problem: null });
    expect(checkIdentifier('pnc_id', '12/345')).toEqual({ value: '12345', problem: null });
  });
});

describe('dates of birth', () => {
  it('splits a real ISO date and refuses an impossible one', () => {
    expect(parseDobParts('2011-04-03')).toMatchObject({ y: 2011, m: 4, d: 3 });
    expect(parseDobParts('2011-02-30')).toBeNull();
    expect(parseDobParts(null)).toBeNull();
  });
});
