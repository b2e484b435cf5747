import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.ts';
import { storeKinds } from '../helpers/stores.ts';
import { canonicalHeader, hashes, readCsv, readSheet } from './helpers.ts';

const SAMPLE = join(import.meta.dirname, '..', '..', 'sample-data');
const W1 = '2019-Q3', W2 = '2019-Q4';

/** Sets a reviewer's decision on the first exported pair (the export's own layout: find the columns by their names). */
async function decide(file: string, decision: 'accept' | 'reject'): Promise<{ pairId: string; leftLine: number; rightLine: number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('Review')!;
  const header = canonicalHeader(wb, 'Review');
  const col = (name: string) => { const i = header.indexOf(name); expect(i, name).toBeGreaterThan(0); return i; };
  ws.getRow(2).getCell(col('decision')).value = decision;
  await wb.xlsx.writeFile(file);
  const cell = (name: string) => ws.getRow(2).getCell(col(name)).value;
  return { pairId: String(cell('pair_id')), leftLine: Number(cell('left_line')), rightLine: Number(cell('right_line')) };
}

/**
 * The quarter as the README describes it, across two windows on the committed sample:
 * run → review export → decide → import → claim --submit → audit archive → audit verify,
 * then window 1 re-run after window 2 reproduces its submitted bytes.
 */
describe.each(storeKinds())('the README workflow, two windows, on $name', (kind) => {
  let home: string, db: string, plan: string, tmp: string, savedTmp: string | undefined;
  const claims = (w: string) => join(home, 'claims', w);
  const tf = (...args: string[]) => runCli([...args, ...(['audit'].includes(args[0]) ? [] : ['--db', db])]);

  beforeAll(async () => {
    home = tempDir();
    db = await kind.target();
    plan = join(home, 'our-outcome-plan.json');
    expect((await runCli(['init', '--preset', 'tf-phase2', '--out', plan])).code).toBe(0);
  });
  // Every verify runs with the system temp folder pointed at an empty folder of its own, which must stay empty.
  beforeEach(() => { savedTmp = process.env.TMPDIR; tmp = join(tempDir(), 'system-tmp'); mkdirSync(tmp); process.env.TMPDIR = tmp; });
  afterEach(() => { if (savedTmp === undefined) delete process.env.TMPDIR; else process.env.TMPDIR = savedTmp; });

  // tsx (which runs the worker threads' TypeScript) keeps its compile cache of our source code in
  // tsx-<uid>; that holds no data. Anything else left there would be a copy of the data.
  const leftInTmp = () => readdirSync(tmp).filter((n) => !/^tsx-\d+$/.test(n));

  async function quarter(window: string, decision: 'accept' | 'reject') {
    expect((await tf('run', '--inputs', SAMPLE, '--window', window, '--config', plan, '--out', claims(window))).code).toBe(0);
    const review = join(home, `review-${window}.xlsx`);
    expect((await tf('review', 'export', '--out', review)).code).toBe(0);
    const pair = await decide(review, decision);
    expect((await tf('review', 'import', '--file', review)).code).toBe(0);
    const claim = await tf('claim', '--window', window, '--config', plan, '--out', claims(window), '--submit');
    expect(claim.code, claim.stderr).toBe(0);
    return pair;
  }

  it('applies the decisions to links.csv and the claim, archives and verifies both windows, and reproduces window 1', async () => {
    // Window 1: accept the first pair. It becomes a clerical link and leaves the review list.
    const accepted = await quarter(W1, 'accept');
    const links = readCsv<{ file: string; line: string; person_id: string; method: string; explanation: string }>(join(claims(W1), 'links.csv'));
    const clerical = links.filter((l) => l.method === 'clerical');
    expect(clerical.length).toBeGreaterThan(0);
    expect(clerical.every((l) => l.explanation.startsWith('review-accept'))).toBe(true);
    const xlsx1 = join(claims(W1), `claim-${W1}.xlsx`);
    expect((await readSheet(xlsx1, 'Review')).map((r) => r.pair_id)).not.toContain(accepted.pairId);
    const summary = await readSheet(xlsx1, 'Summary');
    expect(summary.find((r) => r.item === 'status')?.value).toMatch(/^SUBMITTED/);
    expect(summary.find((r) => r.item === 'review decisions applied')?.number).toBe(1);
    const manifest1 = JSON.parse(readFileSync(join(claims(W1), 'manifest.json'), 'utf8'));
    expect(manifest1.status).toBe('submitted');
    expect(manifest1.reviewDecisions.count).toBe(1);

    expect((await tf('audit', 'archive', claims(W1), '--inputs', SAMPLE, '--config', plan, '--db', db)).code).toBe(0);
    const v1 = await tf('audit', 'verify', claims(W1));
    expect(v1.stdout).toMatch(/^match/);
    expect(v1.code).toBe(0);
    expect(leftInTmp()).toEqual([]);
    const submitted1 = hashes(claims(W1));

    // Window 2: reject its first pair; the rejected pair never ends up linked directly.
    const rejected = await quarter(W2, 'reject');
    expect((await readSheet(join(claims(W2), `claim-${W2}.xlsx`), 'Review')).map((r) => r.pair_id)).not.toContain(rejected.pairId);
    expect(JSON.parse(readFileSync(join(claims(W2), 'manifest.json'), 'utf8')).reviewDecisions.count).toBe(2);
    expect((await tf('audit', 'archive', claims(W2), '--inputs', SAMPLE, '--config', plan, '--db', db)).code).toBe(0);
    const v2 = await tf('audit', 'verify', claims(W2));
    expect(v2.stdout, v2.stdout).toMatch(/^match/);
    expect(leftInTmp()).toEqual([]);

    // Window 1 again, after window 2's decision and claims: the submitted bytes, every file.
    const again = join(home, 'again');
    expect((await tf('run', '--inputs', SAMPLE, '--window', W1, '--config', plan, '--out', again)).code).toBe(0);
    expect(hashes(again)).toEqual(submitted1);
    // …and window 1's archive still verifies.
    expect((await tf('audit', 'verify', claims(W1))).code).toBe(0);

    // A second archive never overwrites the first.
    const twice = await tf('audit', 'archive', claims(W1), '--inputs', SAMPLE, '--config', plan, '--db', db);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/already exists/);

    // A tampered output: verify names the file, the sheet and the row, and still leaves no scratch copy anywhere.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(claims(W2), `claim-${W2}.xlsx`));
    wb.getWorksheet('Claims')!.getRow(2).getCell(1).value = 'TF999999';
    await wb.xlsx.writeFile(join(claims(W2), `claim-${W2}.xlsx`));
    const bad = await tf('audit', 'verify', claims(W2));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(new RegExp(`claim-${W2}\\.xlsx: changed since the run \\(the re-run matches the manifest\\): sheet Claims, row 2, column 1`));
    expect(leftInTmp()).toEqual([]);
    expect(readdirSync(claims(W2)).filter((n) => n.startsWith('.'))).toEqual([]);
  }, 600_000); // about ten whole runs of the pipeline: minutes on a busy 2-core host
});

describe.each(storeKinds())('audit archive and verify refuse what would leave their folders, and leave nothing when they fail, on $name', (kind) => {
  let home: string, db: string, run: string;
  beforeAll(async () => {
    home = tempDir();
    db = await kind.target();
    run = join(home, 'run');
    expect((await runCli(['run', '--inputs', SAMPLE, '--window', W1, '--preset', 'tf-phase2', '--out', run, '--db', db])).code).toBe(0);
  });

  it('a failed archive (an input changed since the run) leaves no archive and no temporary folder', async () => {
    const inputs = join(home, 'inputs-changed');
    cpSync(SAMPLE, inputs, { recursive: true });
    writeFileSync(join(inputs, 'police_events.csv'), `${readFileSync(join(inputs, 'police_events.csv'), 'utf8')}\n`);
    const r = await runCli(['audit', 'archive', run, '--inputs', inputs, '--db', db]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/police_events\.csv: differs from the file the run used/);
    expect(readdirSync(run).filter((n) => n === 'archive' || n.startsWith('.'))).toEqual([]);
  });

  it('an input named ../… in the manifest is refused with exit 3 naming it, and nothing is written', async () => {
    const forged = join(home, 'forged');
    cpSync(run, forged, { recursive: true });
    const m = JSON.parse(readFileSync(join(forged, 'manifest.json'), 'utf8'));
    m.inputs[0].name = '../../evil.csv';
    writeFileSync(join(forged, 'manifest.json'), JSON.stringify(m));
    const r = await runCli(['audit', 'archive', forged, '--inputs', SAMPLE, '--db', db]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('"../../evil.csv" is not a plain file name');
    expect(existsSync(join(home, 'evil.csv'))).toBe(false);
    expect(readdirSync(forged).filter((n) => n === 'archive' || n.startsWith('.'))).toEqual([]);
  });

  it('verify refuses a manifest or archive that is not in the expected form with exit 3, naming the field, never the value', async () => {
    const copy = join(home, 'malformed');
    cpSync(run, copy, { recursive: true });
    expect((await runCli(['audit', 'archive', copy, '--inputs', SAMPLE, '--db', db])).code).toBe(0);
    writeFileSync(join(copy, 'archive', 'ledger.json'), '[{"family_ref": "TF000001", "amount": "eight hundred"}]');
    const ledger = await runCli(['audit', 'verify', copy]);
    expect(ledger.code).toBe(3);
    expect(ledger.stderr).toMatch(/the archived ledger is not in the expected form \(field 0\.window\)/);
    expect(ledger.stderr).not.toContain('TF000001');
    const m = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8'));
    writeFileSync(join(copy, 'manifest.json'), JSON.stringify({ ...m, outputs: null }));
    const manifest = await runCli(['audit', 'verify', copy]);
    expect(manifest.code).toBe(3);
    expect(manifest.stderr).toMatch(/manifest\.json.* is not in the expected form \(field outputs\)/);
    expect(readdirSync(copy).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('verify refuses an archived input that is a symbolic link out of the archive, and leaves no scratch copy', async () => {
    const copy = join(home, 'linked');
    cpSync(run, copy, { recursive: true });
    expect((await runCli(['audit', 'archive', copy, '--inputs', SAMPLE, '--db', db])).code).toBe(0);
    const victim = join(copy, 'archive', 'inputs', 'police_events.csv');
    rmSync(victim);
    symlinkSync(join(SAMPLE, 'police_events.csv'), victim);
    const r = await runCli(['audit', 'verify', copy]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('"police_events.csv" leads outside');
    expect(readdirSync(copy).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});
