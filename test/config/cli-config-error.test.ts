import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.ts';

const preset = () => JSON.parse(readFileSync(join(import.meta.dirname, '../../config/presets/tf-phase2.json'), 'utf8'));

describe('tfpbr evaluate --config with a bad plan: exit 2, the key path, nothing written', () => {
  it.each([
    ['a misspelled key', (j: any) => { j.eligibility.minProblem = 2; }, "eligibility: unknown key 'minProblem'"],
    ['a negative threshold', (j: any) => { j.headlines.EDUCATION.outcome.measures[0].maxPct = -10; }, 'headlines.EDUCATION.outcome.measures[0].maxPct'],
    ['an unknown benefit code', (j: any) => { j.codeLists.outOfWorkBenefits.push('JSAX'); }, "codeLists.outOfWorkBenefits[10]: unknown benefit code 'JSAX'"],
  ])('%s', async (_name, edit, fragment) => {
    const dir = tempDir();
    const json = preset();
    edit(json);
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(json, null, 2));
    const db = join(dir, 'work.db');
    const r = await runCli(['evaluate', '--config', join(dir, 'plan.json'), '--window', '2024-Q1', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(fragment);
    expect(existsSync(db)).toBe(false);
  });
});
