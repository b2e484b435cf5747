import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSampleData } from '../../src/generator/run-sample-data.ts';
import { runCli, tempDir } from '../helpers/cli.ts';
import { storeKinds, withStore } from '../helpers/stores.ts';
import { canonicalHeader } from './helpers.ts';

describe.each(storeKinds())('audit archive/verify and the clerical review round trip, on $name', (kind) => {
  let data: string, out: string, db: string, window: string;

  beforeAll(async () => {
    data = join(tempDir(), 'data');
    window = (await runSampleData({ families: 120, seed: 'b', out: data })).demoWindow;
    out = join(tempDir(), 'out');
    db = await kind.target();
    expect((await runCli(['run', '--preset', 'tf-phase2', '--inputs', data, '--window', window, '--out', out, '--db', db])).code).toBeLessThanOrEqual(1);
  });

  it('re-runs an archived claim from its inputs and finds every output identical; a tampered output is named', async () => {
    expect((await runCli(['audit', 'archive', out, '--inputs', data, '--db', db])).code).toBe(0);
    const runs = () => withStore(db, (s) => s.sql.all('SELECT id, command, status FROM runs ORDER BY id'));
    const before = await runs();
    const ok = await runCli(['audit', 'verify', out]);
    expect(ok.stdout).toContain('match');
    expect(ok.code).toBe(0);
    // The re-run used a scratch SQLite database of its own, removed after: the workspace is untouched.
    expect(await runs()).toEqual(before);
    expect(readdirSync(out).filter((n) => n.startsWith('.'))).toEqual([]);
    writeFileSync(join(out, 'claims.csv'), readFileSync(join(out, 'claims.csv'), 'utf8').replace(/\r\n$/, '\r\nextra\r\n'));
    const bad = await runCli(['audit', 'verify', out]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/claims\.csv: changed since the run/);
    expect(bad.stdout).not.toMatch(/re-run differs/);
    expect(bad.stdout).not.toMatch(/not produced/);
  });

  it('exports uncertain pairs, imports decisions and remembers them for the next link run', async () => {
    const file = join(tempDir(), 'review.xlsx');
    const exported = await runCli(['review', 'export', '--out', file, '--db', db]);
    expect(exported.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Review')!;
    const header = canonicalHeader(wb, 'Review');
    const decisionCol = header.indexOf('decision');
    expect(ws.rowCount).toBeGreaterThan(1);
    const sides = (row: number) => ['left', 'right'].map((p) => `${ws.getRow(row).getCell(header.indexOf(`${p}_source`)).value}:${ws.getRow(row).getCell(header.indexOf(`${p}_line`)).value}`);
    // Accept a pair that shares no record with the rejected one, so the two decisions cannot contradict.
    let acceptRow = 0;
    for (let r = 3; r <= ws.rowCount && acceptRow === 0; r++) if (!sides(r).some((k) => sides(2).includes(k))) acceptRow = r;
    ws.getRow(2).getCell(decisionCol).value = 'reject';
    if (acceptRow) ws.getRow(acceptRow).getCell(decisionCol).value = 'accept';
    await wb.xlsx.writeFile(file);
    expect((await runCli(['review', 'import', '--file', file, '--db', db])).code).toBe(0);
    expect((await runCli(['link', '--db', db])).code).toBe(0);

    const cell = (row: number, name: string) => ws.getRow(row).getCell(header.indexOf(name)).value;
    const { decisions, rejectedTogether } = await withStore(db, async (store) => {
      const personAt = async (source: unknown, line: unknown) => (await store.sql.get<{ id: string }>(`SELECT p.person_id AS id FROM lnk_persons p
        JOIN stg_${String(source)} s ON s.row_id = p.row_id WHERE p.run_id = (SELECT max(run_id) FROM lnk_persons) AND p.source = ? AND s.line = ?`,
      [String(source), Number(line)]))!.id;
      const samePerson = async (row: number) => await personAt(cell(row, 'left_source'), cell(row, 'left_line')) === await personAt(cell(row, 'right_source'), cell(row, 'right_line'));
      return { decisions: await store.sql.column<string>('SELECT decision FROM lnk_decision_log ORDER BY decision'), rejectedTogether: await samePerson(2) };
    });
    expect(decisions).toEqual(acceptRow ? ['accept', 'reject'] : ['reject']);
    // A rejected pair is never linked directly; it may only end up together through other strong links.
    expect(rejectedTogether).toBe(false);
  });
});
