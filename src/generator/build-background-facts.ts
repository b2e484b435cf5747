/**
 * Facts about the surrounding population (not on the programme): the noise linkage and
 * identification face. Some households carry problems, a few enough to be eligible but not
 * attached. None of these people is a programme family member, so none of this is evidence
 * for a designed family.
 */
import { ageOn, fromDayNumber, toDayNumber } from '../shared/dates.ts';
import type { Random } from '../shared/random.ts';
import { buildAttendance } from './build-attendance.ts';
import type { BuiltHousehold } from './build-household.ts';
import type { GenContext } from './build-person.ts';
import {
  addBenefit, addEmployment, addEpisode, addIndicator, addPoliceEvent, day, type FactSink,
} from './build-problem-facts.ts';
import { between, pickOne, pickWeighted } from './pick-weighted.ts';
import type { Fact } from './types.ts';

const BENEFITS = pickWeighted(['UC_SEARCHING', 'UC_WORKING', 'JSA', 'ESA', 'IS', 'CA', 'UC_NO_CONDITIONS', 'UC_PLANNING', 'IB', 'SDA'],
  [30, 25, 8, 15, 8, 6, 6, 5, 2, 1]);
const INDICATORS = pickWeighted(['MENTAL_HEALTH', 'DEBT', 'SUBSTANCE_MISUSE', 'ALCOHOL_MISUSE', 'NEET', 'MARAC', 'DRUG_MISUSE'],
  [35, 25, 8, 10, 10, 4, 8]);

export function buildBackgroundFacts(rng: Random, ctx: GenContext, hh: BuiltHousehold): Fact[] {
  const facts: Fact[] = [];
  const { span } = ctx;
  const first = toDayNumber(span.start), last = toDayNumber(span.end);
  const anyDay = () => fromDayNumber(between(rng, first, last));
  const sink: FactSink = { rng, ctx, A: span.start, facts };
  const adults = [...hh.parents, ...hh.others].filter((p) => ageOn(p.dob, span.start) >= 16);
  const everyone = hh.household.people;
  // A few households with several problems: eligible on paper, not (yet) attached.
  const troubled = hh.children.length > 0 && rng.next() < 0.03;

  if (hh.children.length > 0 && (troubled || rng.next() < 0.06)) {
    for (const child of hh.children) {
      const poor = troubled ? rng.next() < 0.7 : rng.next() < 0.08;
      facts.push(...buildAttendance(rng, span, child, () => (poor && rng.next() < 0.7 ? 'bad' : 'good')));
      if (poor && rng.next() < 0.2) facts.push({ source: 'education_exclusions', personId: child.id, f: {
        school_urn: '', category: rng.next() < 0.95 ? 'SUSP' : 'PERM', start_date: anyDay(), sessions: String(between(rng, 1, 10)), reason: 'PD' } });
    }
    if (rng.next() < 0.03) {
      const start = anyDay();
      facts.push({ source: 'education_status', personId: pickOne(rng, hh.children).id, f: {
        status: pickOne(rng, ['EHE', 'CME', 'NOT_ON_ROLL', 'ALTERNATIVE_PROVISION']), start_date: start, end_date: rng.next() < 0.5 ? day(start, between(rng, 20, 200)) : '' } });
    }
  }
  for (const a of adults) {
    if (troubled || rng.next() < 0.1) {
      const start = day(anyDay(), -between(rng, 0, 700));
      addBenefit(sink, a, BENEFITS.pick(rng), start, rng.next() < 0.5 ? day(start, between(rng, 30, 900)) : '');
    }
    if (rng.next() < 0.12) {
      const start = day(anyDay(), -between(rng, 0, 2000));
      addEmployment(sink, a, start, rng.next() < 0.3 ? day(start, between(rng, 60, 1500)) : '');
    }
  }
  if (rng.next() < (troubled ? 0.5 : 0.035)) {
    const who = pickOne(rng, everyone);
    const x = rng.next();
    if (x < 0.4) addPoliceEvent(sink, 'ASB', anyDay(), [[who, 'SUBJECT']], '');
    else if (x < 0.75) addPoliceEvent(sink, 'OFFENCE', anyDay(), [[who, pickOne(rng, ['OFFENDER', 'SUSPECT', 'VICTIM'])]], pickOne(rng, ['PROVEN', 'NFA', 'CHARGED', 'CAUTION', '']));
    else if (adults.length >= 2) addPoliceEvent(sink, 'DOMESTIC_ABUSE', anyDay(), [[adults[0], 'PERPETRATOR'], [adults[1], 'VICTIM']], 'NFA');
    else addPoliceEvent(sink, 'DOMESTIC_ABUSE', anyDay(), [[who, 'VICTIM']], '');
  }
  if (hh.children.length > 0 && rng.next() < (troubled ? 0.4 : 0.02)) {
    const start = anyDay();
    addEpisode(sink, pickOne(rng, hh.children), pickOne(rng, ['CIN', 'CIN', 'CP', 'LAC', 'EARLY_HELP']), start, rng.next() < 0.6 ? day(start, between(rng, 30, 400)) : '');
  }
  if (rng.next() < (troubled ? 0.4 : 0.04)) {
    const start = day(anyDay(), -between(rng, 0, 400));
    addIndicator(sink, pickOne(rng, everyone), INDICATORS.pick(rng), start, rng.next() < 0.5 ? day(start, between(rng, 30, 500)) : '');
  }
  // Dates stay on valid days and spells never end before they start (ingest would reject them).
  return facts.filter((f) => !(f.f.end_date && f.f.start_date && f.f.end_date < f.f.start_date));
}
