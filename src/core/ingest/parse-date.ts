export type ParsedDate = { ok: true; iso: string } | { ok: false; code: 'cell/date-invalid' | 'cell/date-ambiguous' };

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?Z?)?$/;
const UK = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: 00:00(?::00)?)?$/;
const TWO_DIGIT_YEAR = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Accepts ISO `YYYY-MM-DD` and UK `DD/MM/YYYY` (also with `.` or `-`, and a midnight time as
 * Excel appends). A two-digit year is ambiguous; anything else, or a day that does not exist,
 * is invalid. Never guesses. The common 10-character forms skip the regular expressions: this
 * runs for every date of every row.
 */
export function parseDate(raw: string): ParsedDate {
  if (raw.length === 10) {
    const c4 = raw.charCodeAt(4), c2 = raw.charCodeAt(2);
    if (c4 === 45 && raw.charCodeAt(7) === 45) return checked(digits(raw, 0, 4), digits(raw, 5, 7), digits(raw, 8, 10), raw);
    if (c2 === 47 && raw.charCodeAt(5) === 47) return checked(digits(raw, 6, 10), digits(raw, 3, 5), digits(raw, 0, 2), null);
  }
  let m = ISO.exec(raw);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]), null);
  m = UK.exec(raw);
  if (m) return checked(Number(m[3]), Number(m[2]), Number(m[1]), null);
  if (TWO_DIGIT_YEAR.test(raw)) return { ok: false, code: 'cell/date-ambiguous' };
  return { ok: false, code: 'cell/date-invalid' };
}

/** The number in raw[from, to) or -1 when any character is not a digit. */
function digits(raw: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = raw.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function checked(y: number, m: number, d: number, iso: string | null): ParsedDate {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return { ok: false, code: 'cell/date-invalid' };
  const leap = m === 2 && (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
  if (d > DAYS_IN_MONTH[m - 1] + (leap ? 1 : 0)) return { ok: false, code: 'cell/date-invalid' };
  return { ok: true, iso: iso ?? `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}` };
}
