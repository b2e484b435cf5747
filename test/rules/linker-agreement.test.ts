import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formFamilies } from '../../src/core/families/form-families.ts';
import { evaluateFamily } from '../../src/core/rules/evaluate-family.ts';
import { runSampleData } from '../../src/generator/run-sample-data.ts';
import { openStore } from '../../src/store/open-store.ts';
import { readPersonRows } from '../../src/store/read-person-rows.ts';
import { runCli, tempDir } from '../helpers/cli.ts';
import { tfPhase2 } from './build-family.ts';
import { groupByPerson, readSampleData } from './read-sample-data.ts';

/**
 * The same check as generator-agreement, but with persons from the real linker (`tfpbr run`)
 * instead of the true ids. Slow (a full run on 1,000 families and 10,000 households), so it
 * runs only when asked: TFPBR_LINKER_AGREEMENT=1 npx vitest run test/rules/linker-agreement.test.ts
 */
describe.skipIf(!process.env.TFPBR_LINKER_AGREEMENT)('agreement with the generator ground truth (real linker)', () => {
  it('families right / total', async () => {
    const dir = tempDir('tfpbr-linker-');
    const data = join(dir, 'data');
    const { demoWindow } = await runSampleData({ families: 1000, seed: 20240601, out: data });
    const db = join(dir, 'work.db');
    const run = await runCli(['run', '--preset', 'tf-phase2', '--inputs', data, '--window', demoWindow, '--db', db, '--out', join(dir, 'out')]);
    expect(run.code).toBe(0);
    const truth = readSampleData(data);
    const store = await openStore(db);
    const runId = (await store.sql.column<number>('SELECT MAX(run_id) AS r FROM lnk_persons'))[0];
    const fileIds = await store.sql.column<number>('SELECT DISTINCT file_id FROM run_inputs WHERE run_id = ?', [runId]);
    const rows = await readPersonRows(store, runId, fileIds);
    await store.close();
    const facts = groupByPerson(rows);
    const families = new Map(formFamilies(rows.filter((r) => r.source === 'early_help_families').map((r) => ({ row: r.row, personId: r.personId })), (id) => facts.get(id)!)
      .map((f) => [f.familyRef, f]));
    const wrong: string[] = [];
    for (const t of truth.truthFamilies) {
      const f = families.get(t.family_ref!);
      if (!f) { wrong.push(`${t.family_ref}: not formed`); continue; }
      const vs = truth.windows.filter((w) => w.claimDate > f.attachmentDate).map((w) => evaluateFamily(f, tfPhase2, w.claimDate));
      const first = vs.find((v) => v.route !== null);
      const mine = [String(vs[0]?.eligible ?? false), (vs[0]?.problemsAtAttachment ?? []).join(';'),
        first ? truth.windows.find((w) => w.claimDate === first.claimDate)!.name : '', first?.route ?? ''];
      const want = [t.eligible, t.problems_at_attachment, t.earliest_claimable_window, t.route];
      if (mine.join('|') !== want.join('|')) wrong.push(`${t.family_ref} [${t.hard_cases || 'plain'}] truth ${want.join('|')} linked ${mine.join('|')}`);
    }
    const right = truth.truthFamilies.length - wrong.length;
    console.log(`real linker: families right ${right} / ${truth.truthFamilies.length}\n${wrong.join('\n')}`);
    expect(right).toBeGreaterThanOrEqual(990);
  }, 300_000);
});
