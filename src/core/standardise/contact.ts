import { MAX_COMPARED_LENGTH } from './fold-text.ts';

/** Phone number as digits, UK international prefix written as a leading 0; null below 6 digits. */
export function normalisePhone(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  let d = raw.slice(0, MAX_COMPARED_LENGTH).replace(/\D/g, '');
  if (d.startsWith('0044')) d = '0' + d.slice(4);
  else if (d.startsWith('44') && d.length === 12) d = '0' + d.slice(2);
  return d.length >= 6 ? d : null;
}

/** E-mail address lower-cased and trimmed; null without an @. */
export function normaliseEmail(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const e = raw.slice(0, MAX_COMPARED_LENGTH).trim().toLowerCase();
  return /^[^@\s]+@[^@\s]+$/.test(e) ? e : null;
}

/** UPRN as digits without leading zeros; null when not a number. */
export function normaliseUprn(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const d = raw.slice(0, MAX_COMPARED_LENGTH).trim().replace(/^0+/, '');
  return /^\d{1,12}$/.test(d) ? d : null;
}
