import { isValidYmd, toDayNumber } from '../../shared/dates.ts';

export interface DobParts { readonly y: number; readonly m: number; readonly d: number; readonly day: number }

/** Parts of an ISO date of birth; null when blank or not a real date. */
export function parseDobParts(iso: string | null | undefined): DobParts | null {
  if (iso == null) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  if (!m) return null;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  if (!isValidYmd(y, mo, d)) return null;
  return { y, m: mo, d, day: toDayNumber(iso.trim()) };
}
