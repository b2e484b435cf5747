/**
 * Calendar dates as ISO `YYYY-MM-DD` strings and as day numbers (days since 1970-01-01, UTC),
 * so date arithmetic never touches the local time zone or the clock.
 */
export function toDayNumber(iso: string): number {
  // Integer arithmetic (Hinnant's days-from-civil): no Date objects, as the rules and the
  // generator call this millions of times.
  const m = Number(iso.slice(5, 7)), d = Number(iso.slice(8, 10));
  const y = Number(iso.slice(0, 4)) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

export function fromDayNumber(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  return isoDate(yoe + era * 400 + (m <= 2 ? 1 : 0), m, doy - Math.floor((153 * mp + 2) / 5) + 1);
}

export function addDays(iso: string, days: number): string {
  return fromDayNumber(toDayNumber(iso) + days);
}

/** Add calendar months, clamping the day to the target month's length (31 Mar + 1 month = 30 Apr). */
export function addMonths(iso: string, months: number): string {
  const y = Number(iso.slice(0, 4)), m = Number(iso.slice(5, 7)) - 1, d = Number(iso.slice(8, 10));
  const total = y * 12 + m + months;
  const ty = Math.floor(total / 12), tm = total - ty * 12;
  return isoDate(ty, tm + 1, Math.min(d, daysInMonth(ty, tm + 1)));
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

export function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function isValidYmd(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

/** Whole years of age on `onIso` for someone born on `dobIso`. */
export function ageOn(dobIso: string, onIso: string): number {
  const by = Number(dobIso.slice(0, 4)), bmd = dobIso.slice(5);
  const oy = Number(onIso.slice(0, 4)), omd = onIso.slice(5);
  return oy - by - (omd < bmd ? 1 : 0);
}
