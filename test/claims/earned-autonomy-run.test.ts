import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv, readSheet } from '../e2e/helpers.ts';
import { runCli, tempDir } from '../helpers/cli.ts';

describe('Earned Autonomy (a plan setting)', () => {
  it('reports the successful families with no payment claimed', async () => {
    const dir = tempDir('tfpbr-ea-');
    const plan = JSON.parse(readFileSync(join(import.meta.dirname, '../../config/presets/tf-phase2.json'), 'utf8'));
    writeFileSync(join(dir, 'ea.json'), JSON.stringify({ ...plan, id: 'our-ea-plan', earnedAutonomy: true }));
    const out = join(dir, 'out');
    const r = await runCli(['run', '--config', join(dir, 'ea.json'), '--inputs', join(import.meta.dirname, '../../sample-data'), '--window', '2019-Q4',
      '--out', out, '--db', join(dir, 'w.db')]);
    expect(r.code).toBeLessThanOrEqual(1);
    const claims = readCsv<{ family_ref: string; route: string; amount: string }>(join(out, 'claims.csv'));
    expect(claims.length).toBeGreaterThan(0);
    expect(new Set(claims.map((c) => c.amount))).toEqual(new Set(['0.00']));
    const summary = await readSheet(join(out, 'claim-2019-Q4.xlsx'), 'Summary');
    expect(summary.find((s) => s.item === 'earned autonomy')?.value).toBe('outcomes reported; no results payment is claimed');
    expect(summary.find((s) => s.section === 'claims' && s.item === 'families claimed (total)')).toMatchObject({ number: claims.length, unit: 'families', amount: 0 });
  }, 120_000);
});
