/**
 * Calendar dates as ISO `YYYY-MM-DD` strings and as day numbers (days since 1970-01-01, UTC),
 * so date arithmetic never touches the local time zone or the clock.
 */
export function toDayNumber(iso: string): number {
  const y = Number(iso.slice(0, 4)), m = Number(iso.slice(5, 7)), d = Number(iso.slice(8, 10));
  return Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
}

export function fromDayNumber(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return fromDayNumber(toDayNumber(iso) + days);
}

/** Add calendar months, clamping the day to the target month's length (31 Mar + 1 month = 30 Apr). */
export function addMonths(iso: string, months: number): string {
  const y = Number(iso.slice(0, 4)), m = Number(iso.slice(5, 7)) - 1, d = Number(iso.slice(8, 10));
  const total = y * 12 + m + months;
  const ty = Math.floor(total / 12), tm = total - ty * 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return isoDate(ty, tm + 1, Math.min(d, last));
}

export function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function isValidYmd(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Whole years of age on `onIso` for someone born on `dobIso`. */
export function ageOn(dobIso: string, onIso: string): number {
  const by = Number(dobIso.slice(0, 4)), bmd = dobIso.slice(5);
  const oy = Number(onIso.slice(0, 4)), omd = onIso.slice(5);
  return oy - by - (omd < bmd ? 1 : 0);
}
