import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeWorkbook } from '../../src/io/write-workbook.ts';
import { INJECTIONS, model, readZip, tempDir } from './fixtures.ts';

async function readBack(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('writeWorkbook', () => {
  const tz = process.env.TZ;
  afterEach(() => { vi.useRealTimers(); process.env.TZ = tz; });

  it('is readable by a person: frozen bold header, widths, formats, autofilter', async () => {
    const path = join(tempDir(), 'claim.xlsx');
    await writeWorkbook(path, model);
    const ws = (await readBack(path)).getWorksheet('Claims')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).values).toEqual([undefined, 'family_ref', 'attachment_date', 'problems', 'amount', 'share', 'name']);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    // Widths fit the widest value (or the header's longest word) plus a margin: 'F001', 'attachment_date', 'problems', '£1,234.50', '25.0%', the longest name.
    expect(ws.columns.map((c) => c.width)).toEqual([12, 17, 10, 11, 7, 28]);
    expect(ws.autoFilter).toEqual('A1:F8');

    const date = ws.getCell('B2');
    expect(date.value).toBeInstanceOf(Date);
    expect((date.value as Date).toISOString()).toBe('2023-06-01T00:00:00.000Z');
    expect(date.numFmt).toBe('dd/mm/yyyy');
    expect(ws.getCell('D2').value).toBe(800);
    expect(ws.getCell('D2').numFmt).toBe('£#,##0.00');
    expect(ws.getCell('C2').numFmt).toBe('0');
    expect(ws.getCell('E2').numFmt).toBe('0.0%');
    expect(ws.getCell('F2').value).toBe('Zoë Ó Briain');
    expect(ws.getCell('F2').numFmt).toBe('@');
    expect(ws.getCell('B3').value).toBeNull();
  });

  it('adds what an analyst uses: a totals row, dropdowns, print set-up, and a pointer to the CSV beyond the sheet limit', async () => {
    const path = join(tempDir(), 'extras.xlsx');
    const rows = [{ ref: 'A', amount: 800, result: null }, { ref: 'B', amount: 1200.5, result: 'query' }, { ref: 'C', amount: 0.1, result: null }];
    const columns = [
      { header: 'Family ref', key: 'ref', width: 10, format: 'text' as const },
      { header: 'Amount', key: 'amount', width: 10, format: 'money' as const },
      { header: 'Result', key: 'result', width: 10, format: 'text' as const },
    ];
    await writeWorkbook(path, { date: '2024-09-30', sheets: [
      { name: 'Claims', columns, rows, totals: { label: 'Total', sum: ['amount'] }, choices: { result: ['confirmed', 'not confirmed', 'query'] } },
      { name: 'Long', columns, rows, sheetLimit: { rows: 2, csv: 'long.csv' } },
      { name: 'Streamed', columns, rows: rows.slice(0, 2), totalRows: 5, sheetLimit: { rows: 2, csv: 'streamed.csv' } },
    ] });
    const wb = await readBack(path);
    const claims = wb.getWorksheet('Claims')!;
    expect(claims.getRow(5).getCell(1).value).toBe('Total');
    expect(claims.getRow(5).getCell(2).value).toEqual({ formula: 'SUM(B2:B4)', result: 2000.6 });
    expect(claims.getCell('C2').dataValidation).toMatchObject({ type: 'list', formulae: ['"confirmed,not confirmed,query"'] });
    expect(claims.getCell('C4').dataValidation?.type).toBe('list');
    expect(claims.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    expect(claims.getCell('A1').value).toBe('Family ref');
    const long = wb.getWorksheet('Long')!;
    expect(long.rowCount).toBe(1 + 2 + 1);
    expect(long.getRow(4).getCell(1).value).toBe('1 more rows are not shown here: long.csv holds all 3');
    // Only the sheet's rows were held; the total counts those streamed to the CSV.
    expect(wb.getWorksheet('Streamed')!.getRow(4).getCell(1).value).toBe('3 more rows are not shown here: streamed.csv holds all 5');
  });

  it('writes formula-like input as plain text, never a formula', async () => {
    const path = join(tempDir(), 'claim.xlsx');
    await writeWorkbook(path, model);
    const ws = (await readBack(path)).getWorksheet('Claims')!;
    INJECTIONS.forEach((text, i) => {
      const cell = ws.getCell(`F${i + 3}`);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      // XML end-of-line normalisation: a carriage return inside text reads back as a line feed.
      expect(cell.value).toBe(text.replace('\r', '\n'));
      expect(cell.formula).toBeUndefined();
      expect(cell.numFmt).toBe('@');
    });
    // and no formula element anywhere in the sheet XML
    const xml = readZip(readFileSync(path)).get('xl/worksheets/sheet1.xml')!.data.toString('utf8');
    expect(xml).toContain('<sheetData>');
    expect(xml).not.toMatch(/<f[ >]/);
  });

  it('gives the same bytes whatever the clock and time zone', async () => {
    const dir = tempDir();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-03-05T23:59:58Z'));
    process.env.TZ = 'Pacific/Kiritimati';
    await writeWorkbook(join(dir, 'a.xlsx'), model);
    vi.setSystemTime(new Date('1999-12-31T01:02:03Z'));
    process.env.TZ = 'America/Los_Angeles';
    await writeWorkbook(join(dir, 'b.xlsx'), model);
    vi.useRealTimers();
    process.env.TZ = 'UTC';
    await writeWorkbook(join(dir, 'c.xlsx'), model);
    expect(sha(join(dir, 'b.xlsx'))).toBe(sha(join(dir, 'a.xlsx')));
    expect(sha(join(dir, 'c.xlsx'))).toBe(sha(join(dir, 'a.xlsx')));
    const wb = await readBack(join(dir, 'a.xlsx'));
    expect(wb.created.toISOString()).toBe('2024-09-30T00:00:00.000Z');
    expect(readdirSync(dir).sort()).toEqual(['a.xlsx', 'b.xlsx', 'c.xlsx']);
    const dates = [...readZip(readFileSync(join(dir, 'a.xlsx'))).values()].map((e) => [e.dosDate, e.dosTime]);
    expect(new Set(dates.map(String))).toEqual(new Set([String([(44 << 9) | (9 << 5) | 30, 0])]));
  });

  it('rejects a date column value that is not ISO, without leaving a file', async () => {
    const dir = tempDir();
    const bad = { sheets: [{ ...model.sheets[0], rows: [{ ...model.sheets[0].rows[0], attachment_date: '01/06/2023' }] }] };
    await expect(writeWorkbook(join(dir, 'x.xlsx'), bad)).rejects.toThrow(/YYYY-MM-DD/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
