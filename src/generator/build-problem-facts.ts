/**
 * The clean facts that evidence one headline problem at attachment (A) and, when `resolvedOn`
 * is a date, stop by then so its outcome can be met; `null` keeps the problem going to the end
 * of the span. Event dates stay well inside the rule windows (never on a boundary day).
 */
import { addDays, fromDayNumber, toDayNumber } from '../shared/dates.ts';
import type { Random } from '../shared/random.ts';
import type { GenContext } from './build-person.ts';
import { between, pickOne, pickWeighted } from './pick-weighted.ts';
import type { Fact, Person } from './types.ts';

export interface FactSink {
  readonly rng: Random;
  readonly ctx: GenContext;
  readonly A: string;
  readonly facts: Fact[];
}

const OOW_BENEFITS = pickWeighted(['UC_SEARCHING', 'JSA', 'ESA', 'UC_PLANNING', 'IS', 'CA'], [35, 10, 20, 10, 15, 10]);
const HEALTH_CODES = pickWeighted(['MENTAL_HEALTH', 'SUBSTANCE_MISUSE', 'ALCOHOL_MISUSE', 'DRUG_MISUSE'], [50, 15, 20, 15]);
/** Outcomes that make an offence count (a charge alone does not). */
const PROVEN = ['PROVEN', 'CAUTION'];

export const day = (iso: string, n: number): string => addDays(iso, n);

/** Dates from `from` to before `to`, `gap` days apart (a range). */
export function repeatDates(rng: Random, from: string, to: string, gap: readonly [number, number]): string[] {
  const out: string[] = [];
  for (let d = toDayNumber(from); d < toDayNumber(to); d += between(rng, gap[0], gap[1])) out.push(fromDayNumber(d));
  return out;
}

/** One police event with a row per person involved (event × person). */
export function addPoliceEvent(s: FactSink, type: string, date: string, rows: readonly [Person, string][], outcome: string): void {
  const eventId = `EV${String(s.ctx.ids.next('event')).padStart(8, '0')}`;
  for (const [p, role] of rows) {
    if (!p.policePersonId) p.policePersonId = s.ctx.ids.policePersonId();
    if (type === 'OFFENCE' && (role === 'OFFENDER' || role === 'SUSPECT') && !p.pncId) p.pncId = s.ctx.ids.pncId(Number(date.slice(0, 4)));
    s.facts.push({ source: 'police_events', personId: p.id, f: { event_id: eventId, event_type: type, event_date: date, role, outcome } });
  }
}

export function addIndicator(s: FactSink, p: Person, indicator: string, start: string, end: string, value = ''): void {
  s.facts.push({ source: 'local_indicators', personId: p.id, f: { indicator, start_date: start, end_date: end, value } });
}

export function addEpisode(s: FactSink, p: Person, type: string, start: string, end: string, reason = ''): void {
  if (!p.laChildId) p.laChildId = s.ctx.ids.laChildId();
  const episodeId = `SC${String(s.ctx.ids.next('episode')).padStart(7, '0')}`;
  s.facts.push({ source: 'social_care_episodes', personId: p.id, f: { episode_id: episodeId, episode_type: type, start_date: start, end_date: end, reason } });
}

export function addBenefit(s: FactSink, p: Person, benefit: string, start: string, end: string): void {
  s.facts.push({ source: 'dwp_benefits', personId: p.id, f: { benefit, start_date: start, end_date: end } });
}

export function addEmployment(s: FactSink, p: Person, start: string, end: string): void {
  const source = s.rng.next() < 0.8 ? 'RTI' : pickOne(s.rng, ['SELF_EMPLOYED', 'DECLARED']);
  s.facts.push({ source: 'dwp_employment', personId: p.id, f: { start_date: start, end_date: end, source } });
}

/** Crime/ASB: offences by a child aged 12–15 at A, or ASB by anyone; `zeroBaseline` puts the evidence 7–11 months before A. */
export function addCrime(s: FactSink, actor: Person, offence: boolean, resolvedOn: string | null, zeroBaseline: boolean): void {
  const { rng, A } = s;
  const one = (date: string) => {
    if (!offence) { addPoliceEvent(s, 'ASB', date, [[actor, 'SUBJECT']], ''); return; }
    addPoliceEvent(s, 'OFFENCE', date, [[actor, 'OFFENDER']], pickOne(rng, PROVEN));
    // Now and then a suspicion or a charge that was never proven beside it: it must count for nothing.
    if (rng.next() < 0.15) addPoliceEvent(s, 'OFFENCE', day(date, between(rng, 1, 5)), [[actor, rng.next() < 0.5 ? 'SUSPECT' : 'OFFENDER']], 'CHARGED');
  };
  const end = s.ctx.span.end;
  if (zeroBaseline) {
    for (let i = between(rng, 1, 2); i > 0; i--) one(day(A, -between(rng, 195, 330)));
    // The one event after A means a zero baseline is only met once it leaves the 6-month window.
    if (resolvedOn) one(day(A, between(rng, 15, 60)));
  } else {
    // A problem kept going has its baseline late in the 6 months, so no early window can see a drop.
    for (let i = between(rng, 2, 4); i > 0; i--) one(day(A, -between(rng, 10, resolvedOn ? 170 : 90)));
    if (resolvedOn && toDayNumber(resolvedOn) - toDayNumber(A) > 30 && rng.next() < 0.5) one(day(A, between(rng, 10, toDayNumber(resolvedOn) - toDayNumber(A) - 5)));
  }
  // Kept going: every 6-month window after A holds more than two thirds of the largest baseline (4).
  if (!resolvedOn) for (const d of repeatDates(rng, day(A, between(rng, 3, 15)), end, [20, 40])) one(d);
}

export function addChildrenNeedHelp(s: FactSink, child: Person, resolvedOn: string | null): void {
  const { rng, A } = s;
  if (resolvedOn && rng.next() < 0.25) {
    // A child protection plan that ended before attachment still counts for 12 months.
    addEpisode(s, child, 'CP', day(A, -between(rng, 200, 330)), day(A, -between(rng, 20, 100)), 'N2');
    return;
  }
  addEpisode(s, child, rng.next() < 0.7 ? 'CIN' : 'CP', day(A, -between(rng, 20, 300)), resolvedOn ?? '', pickOne(rng, ['N1', 'N2', 'N3', 'N4', 'N8']));
}

/** Out-of-work benefit open at A; a job from `jobFrom` (benefit ending the day before, or `overlapDays` after). */
export function addWorklessness(s: FactSink, adult: Person, resolvedOn: string | null, jobFrom: string | null, overlapDays = 0): void {
  const { rng, A } = s;
  const benefit = OOW_BENEFITS.pick(rng);
  const start = day(A, -between(rng, 60, 900));
  if (jobFrom) {
    addBenefit(s, adult, benefit, start, day(jobFrom, overlapDays > 0 ? overlapDays : -1));
    addEmployment(s, adult, jobFrom, '');
    if (benefit.startsWith('UC') && rng.next() < 0.5) addBenefit(s, adult, 'UC_WORKING', jobFrom, '');
  } else {
    addBenefit(s, adult, benefit, start, resolvedOn ?? '');
  }
}

export function addNeet(s: FactSink, young: Person, resolvedOn: string | null): void {
  addIndicator(s, young, 'NEET', day(s.A, -between(s.rng, 30, 300)), resolvedOn ?? '');
}

export function addDomesticAbuse(s: FactSink, victim: Person, perpetrator: Person | null, resolvedOn: string | null): void {
  const { rng, A } = s;
  const end = s.ctx.span.end;
  const event = (date: string) => addPoliceEvent(s, 'DOMESTIC_ABUSE', date,
    perpetrator ? [[victim, 'VICTIM'], [perpetrator, 'PERPETRATOR']] : [[victim, 'VICTIM']], pickOne(rng, ['NFA', 'CHARGED', 'CAUTION', '']));
  if (rng.next() < 0.25) {
    addIndicator(s, victim, 'MARAC', day(A, -between(rng, 20, 250)), resolvedOn ?? '');
  } else {
    for (let i = between(rng, 1, 2); i > 0; i--) event(day(A, -between(rng, 10, 330)));
  }
  if (resolvedOn && toDayNumber(resolvedOn) - toDayNumber(A) > 30 && rng.next() < 0.4) event(day(A, between(rng, 10, toDayNumber(resolvedOn) - toDayNumber(A) - 5)));
  if (!resolvedOn) for (const d of repeatDates(rng, day(A, -between(rng, 10, 60)), end, [60, 150])) event(d);
}

export function addHealth(s: FactSink, p: Person, resolvedOn: string | null): void {
  const { rng, A } = s;
  addIndicator(s, p, HEALTH_CODES.pick(rng), day(A, -between(rng, 30, 700)), resolvedOn ?? '', pickOne(rng, ['', '', 'Tier 2', 'Tier 3', 'CMHT', 'IAPT']));
}
