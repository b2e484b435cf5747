import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSampleData } from '../../src/generator/run-sample-data.ts';
import { runCli, tempDir } from '../helpers/cli.ts';
import { storeKinds } from '../helpers/stores.ts';
import { hashes, nextWindow, readCsv, readSheet, truthFamilies, type TruthFamily } from './helpers.ts';

/**
 * Generator data (seeded) → `tfpbr run` → the workbook read back, against the generator's
 * designed truth. The first window with any claimable family is claimed, submitted, and the
 * next window must then claim exactly the families first claimable in it.
 */
describe.each(storeKinds())('tfpbr run on generated data, on $name', (kind) => {
  let data: string;
  let truth: TruthFamily[];
  let first: string;

  beforeAll(async () => {
    data = join(tempDir(), 'data');
    await runSampleData({ families: 120, seed: 'e2e', out: data });
    truth = truthFamilies(data);
    first = truth.map((f) => f.earliest_claimable_window).filter(Boolean).sort()[0];
  });

  const designedIn = (w: string) => truth.filter((f) => f.earliest_claimable_window === w).map((f) => f.family_ref).sort();

  it('claims exactly the designed families, with evidence pointing at real input lines and totals that add up', async () => {
    const out = join(tempDir(), 'out');
    const db = await kind.target();
    const r = await runCli(['run', '--preset', 'tf-phase2', '--inputs', data, '--window', first, '--out', out, '--db', db]);
    expect(r.code, r.stderr).toBeLessThanOrEqual(1);
    const xlsx = join(out, `claim-${first}.xlsx`);
    const claims = await readSheet(xlsx, 'Claims');
    expect(claims.map((c) => c.family_ref).sort()).toEqual(designedIn(first));
    const designed = new Map(truth.map((f) => [f.family_ref, f]));
    for (const c of claims) expect(c.route).toBe(designed.get(String(c.family_ref))!.route);

    const summary = await readSheet(xlsx, 'Summary');
    const total = summary.find((s) => s.section === 'claims' && s.item === 'families claimed (total)')!;
    expect(total.number).toBe(claims.length);
    expect(total.unit).toBe('families');
    expect(total.amount).toBeCloseTo(claims.reduce((t, c) => t + Number(c.amount), 0), 2);

    // Every evidence row points at a real input line about a true member of that family.
    const evidence = await readSheet(xlsx, 'Evidence');
    expect(evidence.length).toBeGreaterThan(0);
    const personOfLine = new Map(readCsv<{ source: string; line: string; person_id: string }>(join(data, 'truth', 'rows.csv'))
      .map((r) => [`${r.source}:${r.line}`, r.person_id]));
    const familyOf = new Map(readCsv<{ person_id: string; family_ref: string }>(join(data, 'truth', 'people.csv'))
      .map((p) => [p.person_id, p.family_ref]));
    for (const e of evidence) {
      expect(e.source_file).toBe(`${e.source}.csv`);
      const person = personOfLine.get(`${e.source}:${e.line}`);
      expect(person, `${e.source_file}:${e.line}`).toBeDefined();
      expect(familyOf.get(person!), `${e.source_file}:${e.line}`).toBe(e.family_ref);
    }
  });

  it('never claims a family twice: after submitting one window the next claims only the newly claimable', async () => {
    const db = await kind.target();
    const q1 = join(tempDir(), 'q1');
    expect((await runCli(['run', '--preset', 'tf-phase2', '--inputs', data, '--window', first, '--out', q1, '--db', db, '--submit'])).code).toBeLessThanOrEqual(1);
    const before = hashes(q1);
    const second = nextWindow(first);
    const q2 = join(tempDir(), 'q2');
    await runCli(['claim', '--preset', 'tf-phase2', '--window', second, '--out', q2, '--db', db]);
    const claimed = readCsv<{ family_ref: string }>(join(q2, 'claims.csv')).map((c) => c.family_ref);
    expect(claimed.filter((f) => designedIn(first).includes(f))).toEqual([]);
    expect(claimed.sort()).toEqual(designedIn(second));
    const again = join(tempDir(), 'q1-again');
    await runCli(['claim', '--preset', 'tf-phase2', '--window', first, '--out', again, '--db', db]);
    expect(hashes(again)).toEqual(before);
  });

  it('gives byte-identical outputs whatever the clock and time zone', async () => {
    const outs: Record<string, string>[] = [];
    for (const [tz, clock] of [['UTC', '2025-01-01T00:00:00Z'], ['Pacific/Auckland', '2031-07-15T13:45:00Z']] as const) {
      process.env.TZ = tz;
      const out = join(tempDir(), 'out');
      await runCli(['run', '--preset', 'tf-phase2', '--inputs', data, '--window', first, '--out', out, '--db', await kind.target()], { clock: () => new Date(clock) });
      outs.push(hashes(out));
    }
    process.env.TZ = 'UTC';
    expect(Object.keys(outs[0]).length).toBeGreaterThanOrEqual(8);
    expect(outs[1]).toEqual(outs[0]);
  });

  it('writes formula-like text from an extract as inert text in the workbook and the CSV', async () => {
    const inputs = tempDir();
    const evil = '=HYPERLINK("http://x","y")';
    const target = designedIn(first)[0];
    for (const f of readdirSync(data).filter((n) => n.endsWith('.csv'))) {
      let text = readFileSync(join(data, f), 'utf8');
      if (f === 'early_help_families.csv') text = text.replace(new RegExp(`(^|,)${target}(?=,)`, 'gm'), `$1"${evil.replaceAll('"', '""')}"`);
      writeFileSync(join(inputs, f), text);
    }
    const out = join(tempDir(), 'out');
    await runCli(['run', '--preset', 'tf-phase2', '--inputs', inputs, '--window', first, '--out', out, '--db', await kind.target()]);
    const claims = await readSheet(join(out, `claim-${first}.xlsx`), 'Claims');
    expect(claims.map((c) => c.family_ref)).toContain(evil);
    const csv = readFileSync(join(out, 'claims.csv'), 'utf8');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('logs one JSON object per event and never a name, date of birth or identifier', async () => {
    const r = await runCli(['--json', 'run', '--preset', 'tf-phase2', '--inputs', data, '--window', first, '--out', join(tempDir(), 'out'), '--db', await kind.target()]);
    const lines = r.stderr.trim().split('\n');
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const people = readCsv<{ forename: string; surname: string; dob: string }>(join(data, 'truth', 'people.csv'));
    const personal = new Set(people.flatMap((p) => [p.surname, p.dob]).filter((v) => v.length >= 4));
    const words = new Set(r.stderr.split(/[^A-Za-z0-9-]+/));
    expect([...personal].filter((v) => words.has(v) || r.stderr.includes(v) && /\d/.test(v))).toEqual([]);
    expect(r.stderr).not.toMatch(/TF\d{6}|EH\d{6,}/);
  });
});
