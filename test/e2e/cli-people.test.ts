import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/cli/logger.ts';
import { runCli, tempDir } from '../helpers/cli.ts';
import { storeKinds } from '../helpers/stores.ts';
import { readCsv } from './helpers.ts';

const SAMPLE = join(import.meta.dirname, '..', '..', 'sample-data');

describe.each(storeKinds())('the command line for people and for cron, on $name', (kind) => {
  let db: string, out: string;
  let claimed: string[], notClaimed: string[];
  beforeAll(async () => {
    const home = tempDir();
    db = await kind.target();
    out = join(home, 'claims');
    expect((await runCli(['run', '--inputs', SAMPLE, '--window', '2019-Q3', '--preset', 'tf-phase2', '--out', out, '--db', db, '--submit'])).code).toBe(0);
    claimed = readCsv<{ family_ref: string }>(join(out, 'claims.csv')).map((c) => c.family_ref);
    notClaimed = [...new Set(readCsv<{ family_ref: string }>(join(out, 'not-claimed.csv')).map((c) => c.family_ref))];
  });

  it('explain tells a claimed family\'s story: the claim, members with every linked record, evidence with file:line', async () => {
    const r = await runCli(['explain', claimed[0], '--window', '2019-Q3', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Family ${claimed[0]}: claimed for results in 2019-Q3 \\((SSP|CE), £800\\.00, submitted\\)`));
    expect(r.stdout).toMatch(/Members \(\d+\):/);
    expect(r.stdout).toMatch(/early_help_families\.csv: line \d+/);
    // Every evidence line points at a real file and line of the claim's own evidence.csv.
    const evidence = readCsv<{ family_ref: string; source_file: string; line: string }>(join(out, 'evidence.csv')).filter((e) => e.family_ref === claimed[0]);
    for (const e of evidence) expect(r.stdout).toContain(`${e.source_file}:${e.line}`);
  });

  it('explain tells a not-claimed family\'s story with each unmet outcome and its reason', async () => {
    const r = await runCli(['explain', notClaimed[0], '--window', '2019-Q3', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Family ${notClaimed[0]}: not claimed`));
    const reasons = readCsv<{ family_ref: string; code: string; reason: string }>(join(out, 'not-claimed.csv')).filter((n) => n.family_ref === notClaimed[0] && n.code.startsWith('rule/'));
    for (const n of reasons) expect(r.stdout).toContain(`not met [${n.code}]: ${n.reason}`);
  });

  it('explain on an unknown family is a usage error saying what to check', async () => {
    const r = await runCli(['explain', 'TF999999', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no evaluation of family TF999999/);
  });

  it('a usage error is one line and a hint, and under --json exactly one JSON line', async () => {
    const plain = await runCli(['run', '--inputs', SAMPLE]);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toBe("tfpbr: required option '--window <window>' not specified\n  (see `tfpbr run --help`)\n");
    const json = await runCli(['--json', 'claim', '--bogus']);
    expect(json.code).toBe(2);
    const lines = json.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ event: 'error', exitCode: 2, hint: 'see `tfpbr claim --help`' });
  });

  it('presets list names every preset; init copies one into an outcome plan and never overwrites it', async () => {
    const list = await runCli(['presets', 'list']);
    expect(list.stdout).toMatch(/^tf-phase2 +2015-04-01 to 2021-03-31/m);
    const plan = join(tempDir(), 'our-outcome-plan.json');
    expect((await runCli(['init', '--preset', 'tf-phase2', '--out', plan])).code).toBe(0);
    expect(JSON.parse(readFileSync(plan, 'utf8')).id).toBe('tf-phase2');
    const again = await runCli(['init', '--preset', 'tf-phase2', '--out', plan]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('TFPBR_DB names the database when --db is not given', async () => {
    process.env.TFPBR_DB = db;
    try {
      const r = await runCli(['explain', claimed[0]]);
      expect(r.code, r.stderr).toBe(0);
    } finally { delete process.env.TFPBR_DB; }
  });

  it('on a terminal a running stage shows its name and elapsed time; on a pipe nothing but the events', async () => {
    const capture = (tty: boolean) => {
      const stream = Object.assign(new PassThrough(), { isTTY: tty });
      let text = '';
      stream.on('data', (c) => { text += String(c); });
      let now = 0;
      const log = createLogger({ json: false, stream, clock: () => new Date(now), tickMs: 0 });
      const end = log.begin!('link', 'linking people');
      now = 1500;
      log.event('link', 'summary', { records: 3 });
      end();
      return text;
    };
    expect(capture(true)).toContain('link: linking people… 1.5 s');
    expect(capture(false)).toBe('link: summary (records=3)\n');
  });
});
