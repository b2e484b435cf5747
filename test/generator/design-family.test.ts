import { describe, expect, it } from 'vitest';
import { buildIdentifiers } from '../../src/generator/build-identifiers.ts';
import type { GenContext } from '../../src/generator/build-person.ts';
import { buildSpan } from '../../src/generator/build-span.ts';
import { designFamily } from '../../src/generator/design-family.ts';
import { evaluateDesign } from '../../src/generator/evaluate-design.ts';
import { readNameData } from '../../src/generator/read-name-data.ts';
import { HARD_CASES } from '../../src/generator/types.ts';
import { addMonths, ageOn } from '../../src/shared/dates.ts';
import { createRandom } from '../../src/shared/random.ts';

/** The design's intent (problems, eligibility, plan, hard case) must be what the rules text reads from its facts. */
describe('designFamily', () => {
  const span = buildSpan(2022, 8);
  const ctx: GenContext = { names: readNameData(), ids: buildIdentifiers(), span, laCode: '926' };
  const root = createRandom('design-test');
  const designs = Array.from({ length: 1400 }, (_, i) => {
    const d = designFamily(root.fork(`f${i}`), ctx, i, i < 7 * 20 ? HARD_CASES[i % 7] : null);
    const truth = evaluateDesign({
      attachmentDate: d.attachmentDate,
      members: d.members.map((m) => ({ personId: m.person.id, role: m.role, dob: m.person.dob })),
      facts: d.facts,
    }, span.windows);
    return { d, truth };
  });

  it('evidences at attachment exactly the problems it designed, and is eligible exactly when designed so', () => {
    const mismatches = designs.filter(({ d, truth }) =>
      [...d.intended.problems].sort().join() !== [...truth.problemsAtAttachment].sort().join() || d.intended.eligible !== truth.eligible);
    expect(mismatches.map(({ d, truth }) => `${d.familyRef} ${d.hardCases} ${d.intended.problems} vs ${truth.problemsAtAttachment}`)).toEqual([]);
  });

  it('never meets SSP when a problem is kept going; mostly succeeds when every problem is resolved', () => {
    for (const { d, truth } of designs) {
      if (d.intended.plan !== 'ssp') expect(truth.windows.some((w) => w.ssp), d.familyRef).toBe(false);
    }
    const resolved = designs.filter(({ d }) => d.intended.plan === 'ssp' && d.intended.eligible && !d.hardCases.includes('acquired_problem'));
    const claimed = resolved.filter(({ truth }) => truth.route !== '');
    expect(claimed.length / resolved.length).toBeGreaterThan(0.6);
    const ce = designs.filter(({ d }) => d.intended.plan === 'ce');
    expect(ce.filter(({ truth }) => truth.route === 'CE').length / ce.length).toBeGreaterThan(0.5);
  });

  it('builds each hard case as described', () => {
    const tagged = (h: string) => designs.filter(({ d }) => d.hardCases.includes(h as never));
    for (const h of HARD_CASES) expect(tagged(h).length, h).toBeGreaterThanOrEqual(20);
    for (const { truth } of tagged('acquired_problem')) expect(truth.problemsAcquired.length).toBeGreaterThan(0);
    for (const { d } of tagged('zero_baseline')) {
      const baseline = d.facts.filter((f) => f.source === 'police_events' && f.f.event_date >= addMonths(d.attachmentDate, -6) && f.f.event_date <= d.attachmentDate);
      expect(baseline.filter((f) => f.f.event_type !== 'DOMESTIC_ABUSE' && f.f.role !== 'VICTIM')).toEqual([]);
    }
    for (const { d } of tagged('attached_twice')) {
      const dates = new Set(d.facts.filter((f) => f.source === 'early_help_families').map((f) => f.f.attachment_date));
      expect(dates.size).toBe(2);
      expect([...dates].sort()[0]).toBe(d.attachmentDate);
    }
    for (const { d } of tagged('ce_benefit_overlap')) {
      const job = d.facts.find((f) => f.source === 'dwp_employment' && f.f.end_date === '' && d.facts.some((b) => b.source === 'dwp_benefits' && b.personId === f.personId))!;
      const benefit = d.facts.find((f) => f.source === 'dwp_benefits' && f.personId === job.personId && f.f.benefit !== 'UC_WORKING')!;
      expect(benefit.f.end_date > job.f.start_date).toBe(true);
    }
    for (const { d } of tagged('child_turns_16')) {
      expect(d.members.some((m) => m.role === 'CHILD' && ageOn(m.person.dob, d.attachmentDate) === 15 && ageOn(m.person.dob, span.end) >= 16)).toBe(true);
    }
    for (const { d } of tagged('absent_parent')) {
      const absent = d.members.find((m) => m.role === 'ABSENT_PARENT')!;
      expect(absent.person.householdId).not.toBe(d.members[0].person.householdId);
      expect(d.facts.filter((f) => f.personId === absent.person.id && f.source !== 'early_help_families').length).toBeGreaterThan(0);
    }
    for (const { d } of tagged('attendance_late')) {
      const child = d.members.find((m) => m.role === 'CHILD')!.person;
      const terms = d.facts.filter((f) => f.source === 'education_attendance' && f.personId === child.id).map((f) => `${f.f.academic_year} ${f.f.term}`);
      expect(terms.length).toBeLessThan(span.terms.length);
    }
  });
});
