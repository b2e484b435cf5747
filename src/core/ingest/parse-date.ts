import { isoDate, isValidYmd } from '../../shared/dates.ts';

export type ParsedDate = { ok: true; iso: string } | { ok: false; code: 'cell/date-invalid' | 'cell/date-ambiguous' };

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?Z?)?$/;
const UK = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: 00:00(?::00)?)?$/;
const TWO_DIGIT_YEAR = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$/;

/**
 * Accepts ISO `YYYY-MM-DD` and UK `DD/MM/YYYY` (also with `.` or `-`, and a midnight time as
 * Excel appends). A two-digit year is ambiguous; anything else, or a day that does not exist,
 * is invalid. Never guesses.
 */
export function parseDate(raw: string): ParsedDate {
  let m = ISO.exec(raw);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]));
  m = UK.exec(raw);
  if (m) return checked(Number(m[3]), Number(m[2]), Number(m[1]));
  if (TWO_DIGIT_YEAR.test(raw)) return { ok: false, code: 'cell/date-ambiguous' };
  return { ok: false, code: 'cell/date-invalid' };
}

function checked(y: number, m: number, d: number): ParsedDate {
  return isValidYmd(y, m, d) ? { ok: true, iso: isoDate(y, m, d) } : { ok: false, code: 'cell/date-invalid' };
}
