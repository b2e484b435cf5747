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

describe('run, evaluate and claim never pick a plan silently', () => {
  it.each([
    [['run', '--inputs', 'x', '--window', '2024-Q1']],
    [['evaluate', '--window', '2024-Q1']],
    [['claim', '--window', '2024-Q1']],
  ])('%j without --preset or --config: exit 2, the presets listed, nothing written', async (args) => {
    const dir = tempDir();
    const db = join(dir, 'work.db');
    const r = await runCli([...args, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('choose the programme plan: --preset NAME (supporting-families-2021, supporting-families-2022, tf-phase1, tf-phase2) or --config FILE');
    expect(existsSync(db)).toBe(false);
  });

  it.each([
    ['police=2024-01-01', '--extract-date needs SOURCE=YYYY-MM-DD with SOURCE one of'],
    ['police_events=2024-02-30', '--extract-date police_events= needs a real date as YYYY-MM-DD'],
    ['police_events', '--extract-date police_events= needs a real date'],
  ])('--extract-date %s is a usage error', async (value, fragment) => {
    const db = join(tempDir(), 'work.db');
    const r = await runCli(['evaluate', '--preset', 'tf-phase2', '--window', '2024-Q1', '--extract-date', value, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(fragment);
    expect(existsSync(db)).toBe(false);
  });
});
