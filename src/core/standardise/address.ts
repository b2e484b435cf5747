/**
 * Address lines standardised for comparison: folded, common street-type abbreviations written
 * out ("18 Linden Rd" = "18 LINDEN ROAD"), and split into the house number(s) and the rest
 * with spaces removed, so "pridhamstreet" and "Pridham Street" compare equal.
 */
import { foldText } from './fold-text.ts';

// Royal Mail / Australia Post street-type abbreviations (both appear in public test data).
const EXPAND: Record<string, string> = {
  RD: 'ROAD', ST: 'STREET', STR: 'STREET', AVE: 'AVENUE', AV: 'AVENUE', DR: 'DRIVE', DRV: 'DRIVE', LN: 'LANE',
  CL: 'CLOSE', CRES: 'CRESCENT', CRS: 'CRESCENT', CT: 'COURT', CRT: 'COURT', GDNS: 'GARDENS', GRN: 'GREEN',
  GR: 'GROVE', GRV: 'GROVE', GRO: 'GROVE', PL: 'PLACE', SQ: 'SQUARE', TER: 'TERRACE', TCE: 'TERRACE', TERR: 'TERRACE',
  PDE: 'PARADE', HWY: 'HIGHWAY', CCT: 'CIRCUIT', CIR: 'CIRCLE', BLVD: 'BOULEVARD', WY: 'WAY', MT: 'MOUNT',
  PK: 'PARK', HTS: 'HEIGHTS', APT: 'FLAT', APARTMENT: 'FLAT', UNIT: 'FLAT',
};

export interface AddressParts {
  /** Whole line, folded and expanded. */
  readonly line: string;
  /** Tokens containing a digit, joined by spaces ('' when none). */
  readonly number: string;
  /** The other tokens with no spaces ('' when none). */
  readonly street: string;
}

export function parseAddressLine(raw: string | null | undefined): AddressParts | null {
  const folded = foldText(raw);
  if (folded === '') return null;
  const tokens = folded.split(' ').map((t) => EXPAND[t] ?? t);
  const numbers = tokens.filter((t) => /\d/.test(t));
  const words = tokens.filter((t) => !/\d/.test(t));
  return { line: tokens.join(' '), number: numbers.join(' '), street: words.join('') };
}
