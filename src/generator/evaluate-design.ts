/**
 * The truth for one designed family: an independent reading of `docs/rules-tf-phase2.md` applied
 * to the clean facts the design wrote (never to the noisy extracts, never through the rule engine
 * or the linker), so the pipeline's verdicts can be checked against it to the day.
 */
import { addDays, addMonths, ageOn, toDayNumber } from '../shared/dates.ts';
import type { SourceName } from '../shared/extracts.ts';
import { lastTermEndingBy, termAt, type WindowInfo } from './build-span.ts';
import { HEADLINES, type Fact, type Headline, type Role } from './types.ts';

export interface DesignMember { readonly personId: string; readonly role: Role; readonly dob: string }

export interface DesignedFamily {
  readonly attachmentDate: string;
  readonly members: readonly DesignMember[];
  /** Every fact about the members, all sources (early_help_families rows are ignored here). */
  readonly facts: readonly Fact[];
}

export interface WindowVerdict {
  readonly window: string;
  readonly claimDate: string;
  readonly ssp: boolean;
  readonly ce: boolean;
  readonly claimable: boolean;
  readonly acquired: readonly Headline[];
  /** Headlines (at attachment or acquired) whose outcome is not met at this claim date. */
  readonly unmet: readonly Headline[];
}

export interface FamilyTruth {
  readonly eligible: boolean;
  readonly problemsAtAttachment: readonly Headline[];
  /** Headlines acquired at any claim date of the span after attachment. */
  readonly problemsAcquired: readonly Headline[];
  readonly route: 'SSP' | 'CE' | '';
  readonly earliestWindow: string;
  readonly windows: readonly WindowVerdict[];
}

const OUT_OF_WORK = new Set(['JSA', 'ESA', 'IS', 'IB', 'SDA', 'CA', 'UC_SEARCHING', 'UC_PLANNING', 'UC_PREPARING', 'UC_NO_CONDITIONS']);
const LONG_CE = new Set(['JSA', 'UC_SEARCHING']);
const HEALTH_LIST = new Set(['MENTAL_HEALTH', 'SUBSTANCE_MISUSE', 'ALCOHOL_MISUSE', 'DRUG_MISUSE']);
/** Only a proven offence or a caution; a charge or a suspect alone is not evidence. */
const PROVEN = new Set(['PROVEN', 'CAUTION']);
const NON_VICTIM = new Set(['OFFENDER', 'PERPETRATOR', 'SUBJECT']);
/** Months from attachment before a family is claimable (every "after" window lies after attachment). */
const SUSTAIN_MONTHS = 6;
const TERM_ORDER = ['AUTUMN', 'SPRING', 'SUMMER'];
const ADULT_ROLES = new Set<Role>(['PARENT_CARER', 'OTHER_ADULT', 'ABSENT_PARENT']);

// Claim and attachment dates repeat across families: remember their month arithmetic.
const months = new Map<string, string>();
function addMonthsMemo(d: string, n: number): string {
  const k = `${d}${n}`;
  let v = months.get(k);
  if (v === undefined) { v = addMonths(d, n); months.set(k, v); }
  return v;
}

interface Ev { readonly date: string; readonly personId: string }

const openAt = (start: string, end: string, d: string) => start <= d && (end === '' || end >= d);
const overlaps = (start: string, end: string, lo: string, hi: string) => start <= hi && (end === '' || end >= lo);
const within = (d: string, lo: string, hi: string) => d >= lo && d <= hi;

// Helpers live at module level: tsx keeps function names, which costs a call per closure made.
function inTerms(d: string, terms: readonly { start: string; end: string }[]): boolean {
  for (const t of terms) if (d >= t.start && d <= t.end) return true;
  return false;
}
function evAt(x: Fact, date: string): Ev { return { date, personId: x.personId }; }
function countIn(xs: readonly Fact[], pred: (x: Fact) => boolean, lo: string, hi: string): number {
  let n = 0;
  for (const x of xs) if (pred(x) && x.f.event_date >= lo && x.f.event_date <= hi) n++;
  return n;
}
function daySpans(xs: readonly Fact[], p: string): (readonly [number, number])[] {
  return xs.filter((x) => x.personId === p)
    .map((x) => [toDayNumber(x.f.start_date), x.f.end_date === '' ? Infinity : toDayNumber(x.f.end_date)] as const);
}

export function evaluateDesign(family: DesignedFamily, windows: readonly WindowInfo[]): FamilyTruth {
  const A = family.attachmentDate;
  const role = new Map(family.members.map((m) => [m.personId, m.role]));
  const dob = new Map(family.members.map((m) => [m.personId, m.dob]));
  const by = (source: SourceName) => family.facts.filter((x) => x.source === source && role.has(x.personId));
  const police = by('police_events'), attendance = by('education_attendance'), exclusions = by('education_exclusions');
  const status = by('education_status'), care = by('social_care_episodes'), benefits = by('dwp_benefits');
  const jobs = by('dwp_employment'), indicators = by('local_indicators');
  const isChild = (p: string) => role.get(p) === 'CHILD';
  const isAdult = (p: string) => ADULT_ROLES.has(role.get(p) as Role);
  const age = (p: string, d: string) => ageOn(dob.get(p) as string, d);
  const termIndex = new Map(attendance.map((x) => [x, Number(x.f.academic_year.slice(0, 4)) * 3 + TERM_ORDER.indexOf(x.f.term)]));
  const termIndexOf = (x: Fact) => termIndex.get(x) as number;

  const oow = benefits.filter((x) => OUT_OF_WORK.has(x.f.benefit));

  // Offences of every member aged 10 or over (parents or children), proven or cautioned, as offender.
  const isOffence = (x: Fact) => x.f.event_type === 'OFFENCE' && role.has(x.personId)
    && x.f.role === 'OFFENDER' && PROVEN.has(x.f.outcome) && age(x.personId, x.f.event_date) >= 10;
  const isAsb = (x: Fact) => x.f.event_type === 'ASB' && NON_VICTIM.has(x.f.role);
  const possibleOf = (x: Fact) => Number(x.f.sessions_possible);

  function evidence(h: Headline, D: string): Ev[] {
    const yearBack = addMonthsMemo(D, -12);
    switch (h) {
      case 'CRIME_ASB':
        return police.filter((x) => within(x.f.event_date, yearBack, D) && (isOffence(x) || isAsb(x))).map((x) => evAt(x, x.f.event_date));
      case 'EDUCATION': {
        const last = lastTermEndingBy(D), terms = [last - 2, last - 1, last].map(termAt);
        // Unauthorised absence over the last 3 terms taken together: 10%, or 15% when they ended before September 2015.
        const pct = terms[2]!.end < '2015-09-01' ? 15 : 10;
        const out: Ev[] = [];
        for (const p of new Set(attendance.map((x) => x.personId))) {
          if (!isChild(p)) continue;
          const rows = attendance.filter((x) => x.personId === p && termIndexOf(x) >= last - 2 && termIndexOf(x) <= last && possibleOf(x) > 0);
          const possible = rows.reduce((n, x) => n + possibleOf(x), 0), absent = rows.reduce((n, x) => n + Number(x.f.sessions_unauthorised), 0);
          if (possible > 0 && absent * 100 >= pct * possible) out.push(...rows.map((x) => evAt(x, termAt(termIndexOf(x)).end)));
        }
        const children = new Set(exclusions.map((x) => x.personId));
        for (const p of children) {
          if (!isChild(p)) continue;
          const susp = exclusions.filter((x) => x.personId === p && (x.f.category === 'SUSP' || x.f.category === 'FIX') && inTerms(x.f.start_date, terms));
          if (susp.length >= 3) out.push({ personId: p, date: susp.map((x) => x.f.start_date).sort().at(-1) as string });
        }
        out.push(...exclusions.filter((x) => isChild(x.personId) && x.f.category === 'PERM' && within(x.f.start_date, yearBack, D)).map((x) => evAt(x, x.f.start_date)));
        out.push(...status.filter((x) => isChild(x.personId) && (x.f.status === 'NOT_ON_ROLL' || x.f.status === 'ALTERNATIVE_PROVISION')
          && openAt(x.f.start_date, x.f.end_date, D)).map((x) => evAt(x, x.f.start_date)));
        return out;
      }
      case 'CHILDREN_NEED_HELP':
        return care.filter((x) => isChild(x.personId) && (
          ((x.f.episode_type === 'CIN' || x.f.episode_type === 'CP') && openAt(x.f.start_date, x.f.end_date, D))
          || (x.f.episode_type === 'CP' && overlaps(x.f.start_date, x.f.end_date, yearBack, D)))).map((x) => evAt(x, x.f.start_date));
      case 'WORKLESSNESS':
        return [
          ...oow.filter((x) => isAdult(x.personId) && openAt(x.f.start_date, x.f.end_date, D)),
          ...indicators.filter((x) => x.f.indicator === 'NEET' && openAt(x.f.start_date, x.f.end_date, D)
            && age(x.personId, D) >= 16 && age(x.personId, D) <= 24),
        ].map((x) => evAt(x, x.f.start_date));
      case 'DOMESTIC_ABUSE':
        return [
          ...police.filter((x) => x.f.event_type === 'DOMESTIC_ABUSE' && (x.f.role === 'VICTIM' || x.f.role === 'PERPETRATOR')
            && within(x.f.event_date, yearBack, D)).map((x) => evAt(x, x.f.event_date)),
          ...indicators.filter((x) => x.f.indicator === 'MARAC' && (openAt(x.f.start_date, x.f.end_date, D) || within(x.f.start_date, yearBack, D)))
            .map((x) => evAt(x, x.f.start_date)),
        ];
      case 'HEALTH':
        return indicators.filter((x) => HEALTH_LIST.has(x.f.indicator) && openAt(x.f.start_date, x.f.end_date, D)).map((x) => evAt(x, x.f.start_date));
    }
  }

  const oowAdultsAtA = [...new Set(oow.filter((x) => isAdult(x.personId) && openAt(x.f.start_date, x.f.end_date, A)).map((x) => x.personId))];

  function outcome(h: Headline, C: string): boolean {
    const half = addMonthsMemo(C, -6);
    switch (h) {
      case 'CRIME_ASB': {
        const offBase = countIn(police, isOffence, addMonthsMemo(A, -6), A), offFollow = countIn(police, isOffence, half, C);
        const asbBase = countIn(police, isAsb, addMonthsMemo(A, -6), A), asbFollow = countIn(police, isAsb, half, C);
        return offFollow * 100 <= offBase * 67 && asbFollow * 100 <= asbBase * 40;
      }
      case 'EDUCATION': {
        const kids = family.members.filter((m) => m.role === 'CHILD' && age(m.personId, C) >= 5 && age(m.personId, C) <= 15);
        return kids.every((m) => {
          const rows = attendance.filter((x) => x.personId === m.personId && termAt(termIndexOf(x)).end > A && termAt(termIndexOf(x)).end <= C)
            .sort((a, b) => termIndexOf(a) - termIndexOf(b)).slice(-3);
          if (rows.length < 3) return false;
          const idx = rows.map(termIndexOf);
          if (idx[1] !== idx[0] + 1 || idx[2] !== idx[1] + 1) return false;
          // Overall attendance (authorised absence counts too) at or above 90% over the 3 terms together.
          const possible = rows.reduce((n, x) => n + possibleOf(x), 0);
          const absent = rows.reduce((n, x) => n + Number(x.f.sessions_unauthorised) + Number(x.f.sessions_authorised), 0);
          if (possible <= 0 || (possible - absent) * 100 < 90 * possible) return false;
          const terms = idx.map(termAt);
            const ex = exclusions.filter((x) => x.personId === m.personId && inTerms(x.f.start_date, terms));
          return !ex.some((x) => x.f.category === 'PERM') && ex.filter((x) => x.f.category !== 'PERM').length < 3;
        });
      }
      case 'CHILDREN_NEED_HELP':
        return !care.some((x) => isChild(x.personId) && (x.f.episode_type === 'CIN' || x.f.episode_type === 'CP')
          && (openAt(x.f.start_date, x.f.end_date, C) || within(x.f.start_date, half, C)))
          // No child of the family taken into care since attachment.
          && !care.some((x) => isChild(x.personId) && x.f.episode_type === 'LAC' && x.f.start_date > A && x.f.start_date <= C);
      case 'WORKLESSNESS': {
        const lo = addDays(C, -90);
        if (oowAdultsAtA.length > 0) {
          // Off out-of-work benefits for 13 weeks AND moved into work: a job started after attachment, held in those weeks.
          return oowAdultsAtA.some((p) => !oow.some((x) => x.personId === p && overlaps(x.f.start_date, x.f.end_date, lo, C))
            && jobs.some((x) => x.personId === p && x.f.start_date > A && overlaps(x.f.start_date, x.f.end_date, lo, C)));
        }
        if (oow.some((x) => isAdult(x.personId) && x.f.start_date <= C)) return false;
        const neet = indicators.filter((x) => x.f.indicator === 'NEET' && x.f.start_date <= C);
        return neet.every((x) => x.f.end_date !== '' && x.f.end_date <= C && !overlaps(x.f.start_date, x.f.end_date, lo, C));
      }
      case 'DOMESTIC_ABUSE':
        return !police.some((x) => x.f.event_type === 'DOMESTIC_ABUSE' && within(x.f.event_date, half, C))
          && !indicators.some((x) => x.f.indicator === 'MARAC' && overlaps(x.f.start_date, x.f.end_date, half, C));
      case 'HEALTH': {
        const health = indicators.filter((x) => HEALTH_LIST.has(x.f.indicator));
        const relevant = health.filter((x) => openAt(x.f.start_date, x.f.end_date, A) || (x.f.start_date > A && x.f.start_date <= C));
        return relevant.every((x) => x.f.end_date !== '' && x.f.end_date <= half)
          && !health.some((x) => overlaps(x.f.start_date, x.f.end_date, half, C));
      }
    }
  }

  function continuousEmployment(C: string): boolean {
    const c = toDayNumber(C), a = toDayNumber(A);
    return oowAdultsAtA.some((p) => {
      const long = oow.some((x) => x.personId === p && openAt(x.f.start_date, x.f.end_date, A) && LONG_CE.has(x.f.benefit));
      const [weeks, needed] = long ? [30, 26] : [15, 13];
      const work = daySpans(jobs, p), off = daySpans(oow, p);
      let good = 0;
      for (let k = 1; k <= weeks; k++) {
        const lo = c - 7 * k + 1, hi = c - 7 * k + 7;
        if (lo <= a) break; // only weeks wholly after attachment
        let covered = true;
        for (let d = lo; d <= hi && covered; d++) covered = work.some(([s, e]) => s <= d && e >= d);
        if (covered && !off.some(([s, e]) => s <= hi && e >= lo)) good++;
      }
      return good >= needed;
    });
  }

  const evidenceAtA = new Map(HEADLINES.map((h) => [h, evidence(h, A)]));
  const atA = HEADLINES.filter((h) => (evidenceAtA.get(h) as Ev[]).length > 0);
  const viaHousehold = atA.filter((h) => (evidenceAtA.get(h) as Ev[]).some((e) => role.get(e.personId) !== 'ABSENT_PARENT'));
  // A dependent child: 0-15, or 16-18 with school attendance in one of the last 3 terms ending by A.
  const lastAtA = lastTermEndingBy(A);
  const inEducation = (p: string) => attendance.some((x) => x.personId === p && termIndexOf(x) >= lastAtA - 2 && termIndexOf(x) <= lastAtA && possibleOf(x) > 0);
  const dependentChild = family.members.some((m) => m.role === 'CHILD' && age(m.personId, A) >= 0
    && (age(m.personId, A) <= 15 || (age(m.personId, A) <= 18 && inEducation(m.personId))));
  const claimableFrom = addMonthsMemo(A, SUSTAIN_MONTHS);
  const eligible = dependentChild && viaHousehold.length + Math.min(1, atA.length - viaHousehold.length) >= 2;

  const verdicts: WindowVerdict[] = windows.filter((w) => w.claimDate > A).map((w) => {
    const C = w.claimDate;
    const acquired = HEADLINES.filter((h) => !atA.includes(h) && evidence(h, C).some((e) => e.date > A));
    const unmet = HEADLINES.filter((h) => (atA.includes(h) || acquired.includes(h)) && !outcome(h, C));
    const ssp = unmet.length === 0;
    const ce = continuousEmployment(C);
    return { window: w.name, claimDate: C, ssp, ce, claimable: eligible && C >= claimableFrom && (ssp || ce), acquired, unmet };
  });
  const first = verdicts.find((v) => v.claimable);
  return {
    eligible,
    problemsAtAttachment: atA,
    problemsAcquired: HEADLINES.filter((h) => verdicts.some((v) => v.acquired.includes(h))),
    route: first ? (first.ssp ? 'SSP' : 'CE') : '',
    earliestWindow: first?.window ?? '',
    windows: verdicts,
  };
}
