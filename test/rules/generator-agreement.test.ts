import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formFamilies } from '../../src/core/families/form-families.ts';
import { evaluateFamily } from '../../src/core/rules/evaluate-family.ts';
import type { FamilyVerdict } from '../../src/shared/verdict.ts';
import { runSampleData } from '../../src/generator/run-sample-data.ts';
import { tfPhase2AsShipped as tfPhase2 } from './build-family.ts';
import { groupByPerson, readSampleData, type SampleData } from './read-sample-data.ts';

/**
 * The generator designs 1,000 families against docs/rules-tf-phase2.md and writes its own
 * reading of them as truth. With linkage replaced by the true person ids, the rule engine must
 * reproduce every family's eligibility, problems and earliest claimable window + route.
 */
describe('agreement with the generator ground truth (true person ids)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tfpbr-agree-'));
  let data: SampleData;
  const verdicts = new Map<string, FamilyVerdict[]>();

  beforeAll(async () => {
    await runSampleData({ families: 1000, seed: 20240601, out: dir, householdsPerFamily: 0 });
    data = readSampleData(dir);
    const facts = groupByPerson(data.rows);
    const earlyHelp = data.rows.filter((r) => r.source === 'early_help_families').map((r) => ({ row: r.row, personId: r.personId }));
    for (const f of formFamilies(earlyHelp, (id) => facts.get(id)!)) {
      verdicts.set(f.familyRef, data.windows.filter((w) => w.claimDate > f.attachmentDate).map((w) => evaluateFamily(f, tfPhase2, w.claimDate)));
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every family: eligibility, problems at attachment and acquired, earliest claimable window and route', () => {
    const mismatches: string[] = [];
    for (const t of data.truthFamilies) {
      const vs = verdicts.get(t.family_ref!);
      if (!vs) { mismatches.push(`${t.family_ref}: not formed`); continue; }
      const first = vs.findIndex((v) => v.route !== null);
      const mine = {
        attachment: vs[0]?.attachmentDate ?? '',
        eligible: String(vs[0]?.eligible ?? false),
        atA: (vs[0]?.problemsAtAttachment ?? []).join(';'),
        acquired: tfPhase2Order(new Set(vs.flatMap((v) => v.problemsAcquired))).join(';'),
        window: first >= 0 ? data.windows.find((w) => w.claimDate === vs[first]!.claimDate)!.name : '',
        route: first >= 0 ? vs[first]!.route! : '',
      };
      const truth = { attachment: t.attachment_date, eligible: t.eligible, atA: t.problems_at_attachment, acquired: t.problems_acquired, window: t.earliest_claimable_window, route: t.route };
      for (const k of Object.keys(truth) as (keyof typeof truth)[]) {
        if (truth[k] !== mine[k]) mismatches.push(`${t.family_ref} [${t.hard_cases || 'plain'}] ${k}: truth=${truth[k]} engine=${mine[k]}${k === 'window' || k === 'route' ? explain(vs, data, t.family_ref!) : ''}`);
      }
    }
    expect(data.truthFamilies.length).toBe(1000);
    // The designs exercise both verdicts: a good share of families is claimable, a good share is not.
    const claimable = data.truthFamilies.filter((t) => t.route !== '').length;
    expect(claimable).toBeGreaterThan(300);
    expect(claimable).toBeLessThan(900);
    expect(mismatches).toEqual([]);
  });

  it('every window: SSP, CE and claimable as the truth has them', () => {
    const byKey = new Map<string, FamilyVerdict>();
    for (const [ref, vs] of verdicts) for (const v of vs) byKey.set(`${ref}|${v.claimDate}`, v);
    const mismatches: string[] = [];
    for (const o of data.truthOutcomes) {
      const v = byKey.get(`${o.family_ref}|${o.claim_date}`);
      if (!v) { mismatches.push(`${o.family_ref} ${o.window}: no verdict`); continue; }
      const mine = { ssp: String(v.ssp), ce: String(v.ce), claimable: String(v.route !== null) };
      for (const k of ['ssp', 'ce', 'claimable'] as const) {
        if (o[k] !== mine[k]) mismatches.push(`${o.family_ref} ${o.window} ${k}: truth=${o[k]} (unmet ${o.unmet || '-'}) engine=${mine[k]} (unmet ${v.unmet.map((u) => `${u.headline}:${u.code}`).join(',')})`);
      }
    }
    expect(mismatches.slice(0, 30)).toEqual([]);
  });
});

function tfPhase2Order(set: Set<string>): string[] {
  return Object.keys(tfPhase2.headlines).filter((h) => set.has(h));
}

function explain(vs: FamilyVerdict[], data: SampleData, ref: string): string {
  const outcomes = data.truthOutcomes.filter((o) => o.family_ref === ref);
  return ` | ${vs.map((v) => {
    const o = outcomes.find((x) => x.claim_date === v.claimDate);
    return `${v.claimDate}: engine ${v.route ?? '-'} [${v.unmet.map((u) => u.headline).join(',')}] truth ${o?.claimable === 'true' ? (o.ssp === 'true' ? 'SSP' : 'CE') : '-'} [${o?.unmet ?? ''}]`;
  }).join('; ')}`;
}
