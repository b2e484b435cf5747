import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalHeader, readCsv, readSheet } from '../e2e/helpers.ts';
import { runCli, tempDir } from '../helpers/cli.ts';

/** The audit round trip on the committed sample: submit, spot check, withdraw, and the family is never claimed again. */
describe('claim checked and claim withdraw', () => {
  const dir = tempDir('tfpbr-withdraw-');
  const db = join(dir, 'w.db');
  const q3 = join(dir, 'q3');
  const data = join(import.meta.dirname, '../../sample-data');
  let failed = '';

  beforeAll(async () => {
    const r = await runCli(['run', '--preset', 'tf-phase2', '--inputs', data, '--window', '2019-Q3', '--out', q3, '--db', db, '--submit']);
    expect(r.code).toBeLessThanOrEqual(1);
  }, 120_000);

  it('reads the auditor\'s results back and lists a failed check for withdrawal (exit 1)', async () => {
    const file = join(q3, 'claim-2019-Q3.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Spot check')!;
    const header = canonicalHeader(wb, 'Spot check');
    failed = ws.getRow(2).getCell(header.indexOf('family_ref')).text;
    ws.getRow(2).getCell(header.indexOf('checked_by')).value = 'A Auditor';
    ws.getRow(2).getCell(header.indexOf('result')).value = 'fail';
    const filled = join(dir, 'checked.xlsx');
    await wb.xlsx.writeFile(filled);
    const r = await runCli(['claim', 'checked', '--file', filled]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('spot check 2019-Q3: 0 passed, 1 failed, 0 not yet checked');
    expect(r.stdout).toContain(`failed: ${failed} (checked by A Auditor): withdraw with tfpbr claim withdraw --window 2019-Q3 --family ${failed}`);

    ws.getRow(2).getCell(header.indexOf('result')).value = 'maybe';
    await wb.xlsx.writeFile(filled);
    const bad = await runCli(['claim', 'checked', '--file', filled]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('Spot check row 2, column result: write pass or fail');
    expect(bad.stderr).not.toContain('maybe');
  });

  it('withdraws a submitted claim once; the family is then never claimed again, and the filed window shows it', async () => {
    expect(failed).not.toBe('');
    const w = await runCli(['claim', 'withdraw', '--window', '2019-Q3', '--family', failed, '--reason', 'failed spot check', '--by', 'A Auditor', '--db', db],
      { clock: () => new Date('2019-11-05T10:00:00Z') });
    expect(w.code).toBe(0);
    const again = await runCli(['claim', 'withdraw', '--window', '2019-Q3', '--family', failed, '--reason', 'x', '--by', 'y', '--db', db]);
    expect([again.code, again.stderr]).toEqual([2, expect.stringContaining('already withdrawn')]);
    const wrong = await runCli(['claim', 'withdraw', '--window', '2019-Q4', '--family', failed, '--reason', 'x', '--by', 'y', '--db', db]);
    expect([wrong.code, wrong.stderr]).toEqual([2, expect.stringContaining('no submitted claim in window 2019-Q4')]);

    const q4 = join(dir, 'q4');
    expect((await runCli(['claim', '--preset', 'tf-phase2', '--window', '2019-Q4', '--out', q4, '--db', db])).code).toBe(0);
    expect(readCsv<{ family_ref: string }>(join(q4, 'claims.csv')).map((c) => c.family_ref)).not.toContain(failed);
    const nc = readCsv<{ family_ref: string; code: string; reason: string }>(join(q4, 'not-claimed.csv')).filter((n) => n.family_ref === failed);
    expect(nc.map((n) => [n.code, n.reason])).toEqual([['claim/withdrawn', 'claimed in 2019-Q3 and withdrawn on 2019-11-05; a withdrawn claim is not claimed again']]);

    const again3 = join(dir, 'q3-again');
    expect((await runCli(['claim', '--preset', 'tf-phase2', '--window', '2019-Q3', '--out', again3, '--db', db])).code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(again3, 'manifest.json'), 'utf8'));
    expect(manifest.withdrawals).toEqual([{ familyRef: failed, window: '2019-Q3', at: '2019-11-05', by: 'A Auditor', reason: 'failed spot check' }]);
    const summary = await readSheet(join(again3, 'claim-2019-Q3.xlsx'), 'Summary');
    expect(summary.filter((r) => r.section === 'withdrawn').map((r) => r.item)).toEqual([failed]);
    expect(summary.find((r) => r.item === 'withdrawn since submitted')).toMatchObject({ number: 1, unit: 'families', amount: 800 });
    // The filed claims are reproduced as filed: the ledger keeps the claim and its withdrawal.
    expect(readCsv<{ family_ref: string }>(join(again3, 'claims.csv')).map((c) => c.family_ref)).toContain(failed);
  }, 120_000);
});
