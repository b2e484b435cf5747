/**
 * One programme family designed into a known state: its headline problems at attachment, a plan
 * ('ssp' = every problem resolved, 'ce' = a job while another problem persists, 'none' = at least
 * one problem never resolved) and optionally one hard case. The facts it writes are the only rows
 * about its members, so the truth follows from the design.
 */
import { addMonths, ageOn } from '../shared/dates.ts';
import type { Random } from '../shared/random.ts';
import { buildAttendance, type TermKind } from './build-attendance.ts';
import { buildHousehold, type BuiltHousehold } from './build-household.ts';
import type { GenContext } from './build-person.ts';
import {
  addChildrenNeedHelp, addCrime, addDomesticAbuse, addEmployment, addEpisode, addHealth, addIndicator,
  addNeet, addPoliceEvent, addWorklessness, day, type FactSink,
} from './build-problem-facts.ts';
import { lastTermEndingBy } from './build-span.ts';
import { between, pickOne, pickWeighted } from './pick-weighted.ts';
import { HARD_CASES, type Fact, type HardCase, type Headline, type Person, type Role } from './types.ts';

export type Plan = 'ssp' | 'ce' | 'none';

export interface FamilyDesign {
  readonly familyRef: string;
  readonly attachmentDate: string;
  readonly households: readonly BuiltHousehold[];
  readonly members: readonly { readonly person: Person; readonly role: Role }[];
  readonly facts: readonly Fact[];
  readonly intended: { readonly problems: readonly Headline[]; readonly eligible: boolean; readonly plan: Plan };
  readonly hardCases: readonly HardCase[];
}

const PROBLEM_WEIGHTS = pickWeighted<Headline>(
  ['EDUCATION', 'WORKLESSNESS', 'HEALTH', 'CHILDREN_NEED_HELP', 'DOMESTIC_ABUSE', 'CRIME_ASB'], [50, 60, 55, 45, 35, 30]);
const PROBLEM_COUNT = pickWeighted([1, 2, 3, 4], [5, 45, 35, 15]);
const ACQUIRABLE: readonly Headline[] = ['DOMESTIC_ABUSE', 'CRIME_ASB', 'CHILDREN_NEED_HELP', 'HEALTH'];
const ABSENT_CARRIABLE: readonly Headline[] = ['WORKLESSNESS', 'CRIME_ASB', 'HEALTH'];

function drawProblems(rng: Random, n: number, must: readonly Headline[], exclude: readonly Headline[]): Headline[] {
  const out = [...must];
  for (let guard = 0; out.length < n && guard < 200; guard++) {
    const h = PROBLEM_WEIGHTS.pick(rng);
    if (!out.includes(h) && !exclude.includes(h)) out.push(h);
  }
  return out;
}

export function designFamily(rng: Random, ctx: GenContext, index: number, forced: HardCase | null): FamilyDesign {
  const { span } = ctx;
  const familyRef = `TF${String(index + 1).padStart(6, '0')}`;
  const attachDays = Math.round((Date.parse(span.attachTo) - Date.parse(span.attachFrom)) / 86_400_000);
  const hard: HardCase | null = forced ?? (rng.next() < 0.12 ? pickOne(rng, HARD_CASES) : null);
  // Hard cases attach early and resolve quickly, so what makes them hard shows inside the span.
  const A = day(span.attachFrom, rng.int((hard ? Math.min(attachDays, 150) : attachDays) + 1));

  // Problems carried by the household, and (hard case) by an absent parent only.
  let absentProblems: Headline[] = [];
  let problems: Headline[];
  if (hard === 'absent_parent') {
    absentProblems = [...ABSENT_CARRIABLE];
    absentProblems.splice(rng.int(3), 1);
    problems = drawProblems(rng, rng.next() < 0.7 ? 1 : 0, [], absentProblems);
  } else {
    const must: Headline[] = hard === 'attendance_late' || hard === 'child_turns_16' ? ['EDUCATION']
      : hard === 'zero_baseline' ? ['CRIME_ASB'] : hard === 'ce_benefit_overlap' ? ['WORKLESSNESS'] : [];
    const n = Math.max(PROBLEM_COUNT.pick(rng), hard ? 2 : 1);
    problems = drawProblems(rng, hard === 'acquired_problem' ? Math.min(n, 3) : n, must, []);
  }
  const allProblems = [...problems, ...absentProblems];
  // Hard cases resolve everything, so the hard part alone decides when (or whether) they succeed.
  let plan: Plan = hard === 'ce_benefit_overlap' ? 'ce'
    : hard && hard !== 'attached_twice' ? 'ssp'
    : problems.includes('WORKLESSNESS') && rng.next() < 0.25 ? 'ce' : rng.next() < 0.6 ? 'ssp' : 'none';
  if (plan === 'ce' && problems.length < 2) plan = 'ssp';
  const blocker: Headline | null = plan === 'ssp' ? null
    : pickOne(rng, plan === 'ce' ? problems.filter((h) => h !== 'WORKLESSNESS') : allProblems);
  const resolvedOn = new Map<Headline, string | null>();
  for (const h of allProblems) {
    const keep = h === blocker || (plan === 'none' && rng.next() < 0.3);
    resolvedOn.set(h, keep ? null : day(A, between(rng, 30, hard ? 120 : 240)));
  }

  // Household shaped to what the problems need.
  const offence = problems.includes('CRIME_ASB') && rng.next() < 0.5;
  const childAges: number[] = [];
  const childDobs: (string | undefined)[] = [];
  if (hard === 'child_turns_16') { childAges.push(15); childDobs.push(addMonths(day(A, between(rng, 40, 200)), -192)); }
  else if (problems.includes('EDUCATION')) { childAges.push(between(rng, 6, 13)); childDobs.push(undefined); }
  if (offence) { childAges.push(between(rng, 12, 15)); childDobs.push(undefined); }
  const extra = between(rng, childAges.length === 0 ? 1 : 0, 2);
  for (let i = 0; i < extra; i++) { childAges.push(between(rng, 0, 17)); childDobs.push(undefined); }
  const lone = rng.next() < 0.55;
  const otherAdultAges = rng.next() < 0.1 ? [rng.next() < 0.5 ? between(rng, 18, 23) : between(rng, 50, 70)] : [];
  const home = buildHousehold(rng, ctx, {
    refDate: A, parents: lone ? 1 : 2, parentAge: Math.max(...childAges) + between(rng, 18, 28), childAges, childDobs, otherAdultAges,
  });
  const households: BuiltHousehold[] = [home];
  const members: { person: Person; role: Role }[] = [
    ...home.parents.map((person) => ({ person, role: 'PARENT_CARER' as Role })),
    ...home.children.map((person) => ({ person, role: 'CHILD' as Role })),
    ...home.others.map((person) => ({ person, role: 'OTHER_ADULT' as Role })),
  ];
  let absent: Person | null = null;
  if (hard === 'absent_parent' || (lone && rng.next() < 0.15)) {
    const h = buildHousehold(rng, ctx, { refDate: A, parents: 0, parentAge: 0, childAges: [], otherAdultAges: [ageOn(home.parents[0].dob, A) + between(rng, 0, 6)] });
    households.push(h);
    absent = h.others[0];
    members.push({ person: absent, role: 'ABSENT_PARENT' });
  }

  const facts: Fact[] = [];
  const sink: FactSink = { rng, ctx, A, facts };
  const parents = home.parents;
  const adults = [...parents, ...home.others];
  const eduChild = problems.includes('EDUCATION') || hard === 'child_turns_16' ? home.children[0] : null;
  const offChild = offence ? home.children[eduChild ? 1 : 0] : null;
  const L = lastTermEndingBy(A);

  for (const h of allProblems) {
    const r = resolvedOn.get(h) ?? null;
    const byAbsent = absentProblems.includes(h) && absent !== null;
    switch (h) {
      case 'CRIME_ASB':
        addCrime(sink, byAbsent ? absent! : offChild ?? pickOne(rng, adults), offChild !== null && !byAbsent, r, hard === 'zero_baseline');
        break;
      case 'EDUCATION':
        if (rng.next() < 0.15) {
          facts.push({ source: 'education_status', personId: eduChild!.id, f: {
            status: rng.next() < 0.7 ? 'ALTERNATIVE_PROVISION' : 'NOT_ON_ROLL', start_date: day(A, -between(rng, 30, 200)), end_date: r ?? '' } });
        }
        if (rng.next() < 0.25) {
          // Three suspensions spread over the three terms before attachment.
          for (const t of [L - 2, L - 1, L]) {
            const term = span.terms.find((x) => x.index === t);
            if (term) facts.push({ source: 'education_exclusions', personId: eduChild!.id, f: {
              school_urn: '', category: rng.next() < 0.8 ? 'SUSP' : 'FIX', start_date: day(term.start, between(rng, 10, 60)),
              sessions: String(between(rng, 1, 10)), reason: pickOne(rng, ['PD', 'VP', 'VA', 'DM', 'BU']) } });
          }
        }
        break;
      case 'CHILDREN_NEED_HELP':
        addChildrenNeedHelp(sink, pickOne(rng, home.children), r);
        break;
      case 'WORKLESSNESS': {
        const young = members.find((m) => m.role !== 'ABSENT_PARENT' && ageOn(m.person.dob, A) >= 16 && ageOn(m.person.dob, A) <= 24);
        if (!byAbsent && young && plan !== 'ce' && rng.next() < 0.3) { addNeet(sink, young.person, r); break; }
        const adult = byAbsent ? absent! : pickOne(rng, parents);
        // Progress to work is off benefit AND in work, so a resolved worklessness problem always ends in a job.
        const jobFrom = plan === 'ce' ? day(A, between(rng, 20, 150)) : r;
        addWorklessness(sink, adult, r, jobFrom, hard === 'ce_benefit_overlap' ? between(rng, 14, 45) : 0);
        break;
      }
      case 'DOMESTIC_ABUSE': {
        const victim = parents.find((p) => p.sex === 'F') ?? parents[0];
        let perpetrator: Person | null = parents.find((p) => p !== victim) ?? absent;
        if (!perpetrator && rng.next() < 0.8) {
          const ex = buildHousehold(rng, ctx, { refDate: A, parents: 0, parentAge: 0, childAges: [], otherAdultAges: [between(rng, 20, 50)] });
          households.push(ex);
          perpetrator = ex.others[0];
        }
        addDomesticAbuse(sink, victim, perpetrator, r);
        break;
      }
      case 'HEALTH':
        addHealth(sink, byAbsent ? absent! : rng.next() < 0.8 ? pickOne(rng, parents) : pickOne(rng, [...home.children, ...home.others]), r);
        break;
    }
  }

  // School attendance for every pupil: the problem child poor before A (and after, until resolved).
  const firstAfter = L + 1;
  const eduResolvedFrom = firstAfter + (hard ? 0 : between(rng, 0, 2));
  for (const child of home.children) {
    const isProblem = child === eduChild && problems.includes('EDUCATION');
    const kindOf = (t: { index: number; end: string }): TermKind => {
      if (!isProblem) return 'good';
      if (t.end <= A) return t.index >= L - 2 ? 'bad' : rng.next() < 0.5 ? 'bad' : 'good';
      if (hard === 'attendance_late' && t.index === firstAfter) return 'skip';
      if (hard === 'child_turns_16') return 'bad';
      return resolvedOn.get('EDUCATION') !== null && t.index >= eduResolvedFrom ? 'good' : 'bad';
    };
    facts.push(...buildAttendance(rng, span, child, kindOf, L - 3));
  }

  if (hard === 'acquired_problem') {
    const h = pickOne(rng, ACQUIRABLE.filter((x) => !allProblems.includes(x)));
    const d = day(A, between(rng, 30, 150));
    const who = pickOne(rng, members.filter((m) => m.role !== 'ABSENT_PARENT')).person;
    if (h === 'DOMESTIC_ABUSE') addPoliceEvent(sink, 'DOMESTIC_ABUSE', d, [[pickOne(rng, adults), 'VICTIM']], 'NFA');
    else if (h === 'CRIME_ASB') addPoliceEvent(sink, 'ASB', d, [[who, 'SUBJECT']], '');
    // Spells last over 92 days, so a quarter's claim date always falls inside one: acquired for sure.
    else if (h === 'CHILDREN_NEED_HELP') addEpisode(sink, pickOne(rng, home.children), 'CIN', d, day(d, between(rng, 100, 150)), 'N1');
    else addIndicator(sink, who, 'MENTAL_HEALTH', d, day(d, between(rng, 100, 200)));
  }

  // Harmless context the rules must ignore: jobs of adults not in the workless headline, an
  // early-help episode, an offence where a member was the victim, a debt indicator.
  if (!allProblems.includes('WORKLESSNESS')) for (const p of adults) if (rng.next() < 0.5) addEmployment(sink, p, day(A, -between(rng, 100, 2000)), '');
  if (rng.next() < 0.4) addEpisode(sink, pickOne(rng, home.children), 'EARLY_HELP', day(A, -between(rng, 0, 30)), '');
  if (rng.next() < 0.1) addPoliceEvent(sink, 'OFFENCE', day(A, between(rng, -300, 300)), [[pickOne(rng, adults), 'VICTIM']], 'NFA');
  if (rng.next() < 0.15) addIndicator(sink, pickOne(rng, adults), 'DEBT', day(A, -between(rng, 0, 400)), '', String(between(rng, 200, 9000)));

  // The LA's family list; a re-attached family appears again with a later attachment date.
  const practitioner = pickOne(rng, ctx.names.practitioners);
  const attachments = [A];
  const personRef = new Map(members.map((m) => [m.person, `EH${String(ctx.ids.next('person_ref') * 7 + 1_000_003).padStart(8, '0')}`]));
  if (hard === 'attached_twice') {
    const again = day(A, between(rng, 120, 300));
    attachments.push(again < span.end ? again : day(span.end, -10));
  }
  for (const at of attachments) {
    const assessment = day(at, between(rng, 0, 20));
    const planDate = day(assessment, between(rng, 5, 30));
    const closure = rng.next() < 0.5 ? day(at, between(rng, 180, 400)) : '';
    for (const { person, role } of members) {
      facts.push({ source: 'early_help_families', personId: person.id, f: {
        family_ref: familyRef, person_ref: personRef.get(person) as string, role: role.toLowerCase(), attachment_date: at,
        lead_practitioner: at === A ? practitioner : pickOne(rng, ctx.names.practitioners),
        assessment_date: rng.next() < 0.9 ? assessment : '', plan_date: rng.next() < 0.85 ? planDate : '',
        closure_date: closure && closure <= span.end ? closure : '' } });
    }
  }

  // A dependent child: 0-15, or 16-18 in full-time education (a school attendance row in the last 3 terms by A).
  const atSchool = (c: Person) => facts.some((x) => x.source === 'education_attendance' && x.personId === c.id
    && span.terms.some((t) => t.index >= L - 2 && t.index <= L && t.academicYear === x.f.academic_year && t.term.toUpperCase() === x.f.term));
  const dependent = home.children.some((c) => ageOn(c.dob, A) <= 15 || (ageOn(c.dob, A) <= 18 && atSchool(c)));
  const eligible = dependent && problems.length + Math.min(1, absentProblems.length) >= 2;
  const tags: HardCase[] = [];
  if (hard) tags.push(hard);
  return { familyRef, attachmentDate: A, households, members, facts, intended: { problems: allProblems, eligible, plan }, hardCases: tags };
}
