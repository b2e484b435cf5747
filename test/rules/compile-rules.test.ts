import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRules } from '../../src/core/rules/compile-rules.ts';
import { evaluateFamily } from '../../src/core/rules/evaluate-family.ts';
import { readPlan } from '../../src/io/read-plan.ts';
import { asb, attendance, benefit, da, episode, exclusion, family, indicator, job, member, offence, tfPhase2 } from './build-family.ts';

const A = '2023-06-15', C = '2024-06-30';
const busy = () => family(A,
  member('P', 'PARENT_CARER', '1985-01-01', { local_indicators: [indicator('MENTAL_HEALTH', '2022-01-01', '2023-10-01'), indicator('MARAC', '2023-01-01', '2023-02-01')],
    dwp_benefits: [benefit('JSA', '2022-01-01', '2023-11-30')], dwp_employment: [job('2023-12-01')], police_events: [asb('2023-02-01'), da('2024-01-05')] }),
  member('K', 'CHILD', '2009-05-01', { police_events: [offence('2023-03-01')], social_care_episodes: [episode('CP', '2022-01-01', '2022-08-01')],
    education_exclusions: [exclusion('PERM', '2022-09-01')], education_attendance: [attendance('2022/23', 'SUMMER', 100, 3), attendance('2023/24', 'AUTUMN', 100, 3), attendance('2023/24', 'SPRING', 100, 3)] }),
  member('X', 'ABSENT_PARENT', '1982-01-01', { local_indicators: [indicator('DRUG_MISUSE', '2023-01-01', '2023-03-01')] }));

describe('compileRules', () => {
  it.each(['tf-phase2', 'tf-phase1', 'supporting-families-2022'])('%s: unique rule ids, each described, unverified defaults flagged', (name) => {
    const nodes = compileRules(readPlan(name).plan);
    expect(new Set(nodes.map((n) => n.ruleId)).size).toBe(nodes.length);
    for (const n of nodes) expect(n.description.length).toBeGreaterThan(20);
    expect(nodes.some((n) => n.provenance.includes('unverified'))).toBe(true);
  });

  it('every evidence rule id is a compiled rule node', () => {
    const ids = new Set(compileRules(tfPhase2).map((n) => n.ruleId));
    const v = evaluateFamily(busy(), tfPhase2, C);
    expect(v.evidence.length).toBeGreaterThan(15);
    for (const e of v.evidence) expect(ids.has(e.ruleId)).toBe(true);
  });
});

describe('evaluateFamily does not depend on the order of members or rows', () => {
  it('shuffled members and rows give the same verdict (evidence as a set)', () => {
    const base = busy();
    const expected = evaluateFamily(base, tfPhase2, C);
    const key = (v: typeof expected) => JSON.stringify({ ...v, evidence: v.evidence.map((e) => JSON.stringify(e)).sort() });
    fc.assert(fc.property(fc.infiniteStream(fc.nat()), (stream) => {
      const order = <T>(xs: readonly T[]) => xs.map((x) => [stream.next().value, x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
      const shuffled = { ...base, members: order(base.members).map((m) => ({ ...m, facts: { ...m.facts, rows: Object.fromEntries(Object.entries(m.facts.rows).map(([s, rows]) => [s, order(rows!)])) } })) };
      const v = evaluateFamily(shuffled, tfPhase2, C);
      expect(key(v)).toBe(key(expected));
    }), { seed: 7, numRuns: 50 });
  });
});
