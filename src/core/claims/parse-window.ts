import { UsageError } from '../../shared/errors.ts';
import { isoDate, isValidYmd } from '../../shared/dates.ts';
import type { ClaimWindow } from './types.ts';

const WINDOW = /^(\d{4})-Q([1-4])$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * `2024-Q3` → 1 July to 30 September 2024, claim date 30 September unless overridden. An
 * override must fall inside the window: a later date belongs to the next window, and outcomes
 * measured there would not match the window the claim is filed under.
 */
export function parseWindow(text: string, claimDateOverride?: string): ClaimWindow {
  const m = WINDOW.exec(text.trim());
  if (!m) throw new UsageError(`--window must look like 2024-Q3 (a year and a calendar quarter Q1-Q4), got "${text}"`);
  const year = Number(m[1]), quarter = Number(m[2]);
  if (year < 1900 || year > 2100) throw new UsageError(`--window year ${year} is out of range`);
  const firstMonth = (quarter - 1) * 3 + 1;
  const start = isoDate(year, firstMonth, 1);
  const lastMonth = firstMonth + 2;
  const end = isoDate(year, lastMonth, new Date(Date.UTC(year, lastMonth, 0)).getUTCDate());
  const window = `${year}-Q${quarter}`;
  if (claimDateOverride === undefined) return { window, start, end, claimDate: end };
  const d = ISO.exec(claimDateOverride.trim());
  if (!d || !isValidYmd(Number(d[1]), Number(d[2]), Number(d[3]))) {
    throw new UsageError(`--claim-date must be a real date in YYYY-MM-DD form, got "${claimDateOverride}"`);
  }
  const claimDate = d[0];
  if (claimDate < start || claimDate > end) {
    throw new UsageError(`--claim-date ${claimDate} is outside window ${window} (${start} to ${end})`);
  }
  return { window, start, end, claimDate };
}
