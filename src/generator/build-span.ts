/**
 * The generated period: school terms (the rules text's calendar: autumn 1 Sep–31 Dec, spring
 * 1 Jan–31 Mar, summer 1 Apr–31 Jul), claim windows (calendar quarters, claim date = last day)
 * and the range attachment dates are drawn from.
 */
import { addDays, addMonths, isoDate } from '../shared/dates.ts';
import type { Term } from '../shared/extracts.ts';

export interface TermInfo {
  /** Position in the endless term calendar: consecutive terms differ by 1. */
  readonly index: number;
  readonly academicYear: string;
  readonly term: Term;
  readonly start: string;
  readonly end: string;
}

export interface WindowInfo { readonly name: string; readonly claimDate: string }

export interface Span {
  readonly start: string;
  readonly end: string;
  /** Terms inside the span, in order. */
  readonly terms: readonly TermInfo[];
  /** Quarters whose claim date lies inside the span. */
  readonly windows: readonly WindowInfo[];
  readonly attachFrom: string;
  readonly attachTo: string;
}

/** Term number `index` of the calendar: index 3·Y is autumn of academic year Y/Y+1. */
const termCache = new Map<number, TermInfo>();
const lastTermCache = new Map<string, number>();

export function termAt(index: number): TermInfo {
  let t = termCache.get(index);
  if (!t) { t = Object.freeze(computeTerm(index)); termCache.set(index, t); }
  return t;
}

function computeTerm(index: number): TermInfo {
  const y = Math.floor(index / 3), k = index - y * 3;
  const academicYear = `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
  if (k === 0) return { index, academicYear, term: 'autumn', start: isoDate(y, 9, 1), end: isoDate(y, 12, 31) };
  if (k === 1) return { index, academicYear, term: 'spring', start: isoDate(y + 1, 1, 1), end: isoDate(y + 1, 3, 31) };
  return { index, academicYear, term: 'summer', start: isoDate(y + 1, 4, 1), end: isoDate(y + 1, 7, 31) };
}

/** The index of the last term ending on or before `date`. */
export function lastTermEndingBy(date: string): number {
  let found = lastTermCache.get(date);
  if (found === undefined) {
    const y = Number(date.slice(0, 4));
    for (found = (y + 1) * 3; termAt(found).end > date; found--);
    lastTermCache.set(date, found);
  }
  return found;
}

export function buildSpan(startYear: number, termCount: number): Span {
  if (!Number.isInteger(startYear) || startYear < 2000 || startYear > 2090) throw new Error(`startYear out of range: ${startYear}`);
  // Eligibility looks back 3 terms and outcomes need 3 terms after attachment: 7 is the least useful span.
  if (!Number.isInteger(termCount) || termCount < 7 || termCount > 30) throw new Error(`terms must be 7–30: ${termCount}`);
  const terms = Array.from({ length: termCount }, (_, i) => termAt(startYear * 3 + i));
  const start = terms[0].start, end = terms[terms.length - 1].end;
  const windows: WindowInfo[] = [];
  for (let y = startYear; y <= Number(end.slice(0, 4)); y++) {
    for (let q = 1; q <= 4; q++) {
      const claimDate = addDays(isoDate(q === 4 ? y + 1 : y, q === 4 ? 1 : q * 3 + 1, 1), -1);
      if (claimDate >= start && claimDate <= end) windows.push({ name: `${y}-Q${q}`, claimDate });
    }
  }
  // Attach once three terms of history exist; leave at least 9 months of follow-up.
  return { start, end, terms, windows, attachFrom: addDays(terms[2].end, 1), attachTo: addMonths(end, -9) };
}
