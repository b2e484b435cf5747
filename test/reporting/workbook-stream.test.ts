import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderWorkbook, writeWorkbook } from '../../src/io/write-workbook.ts';
import { NOT_CLAIMED_COLUMNS } from '../../src/reporting/build-not-claimed-table.ts';
import type { CellValue, TableModel } from '../../src/reporting/types.ts';

// More rows than the width sample (2,000) and several waits for the zip (every 1,000 rows).
const rows: Record<string, CellValue>[] = Array.from({ length: 4_321 }, (_, i) => ({
  family_ref: `F${String(i).padStart(6, '0')}`, attachment_date: '2019-01-0' + (1 + (i % 9)), eligible: i % 3 ? 'yes' : 'no',
  headline: 'CLAIM', code: i % 2 ? 'claim/no-outcome' : 'rule/threshold-missed', reason: `reason ${'x'.repeat(i % 120)}`, claimed_in_window: null,
}));
async function* stream() { for (const r of rows) yield r; }
const held: TableModel = { name: 'Not claimed', columns: NOT_CLAIMED_COLUMNS, rows };
const streamed: TableModel = { name: 'Not claimed', columns: NOT_CLAIMED_COLUMNS, rows: [], stream };

describe('a workbook sheet from streamed rows', () => {
  it('is byte for byte the sheet of the same rows held, written to a file or rendered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfpbr-wbstream-'));
    await writeWorkbook(join(dir, 'held.xlsx'), { date: '2019-09-30', sheets: [held] });
    await writeWorkbook(join(dir, 'streamed.xlsx'), { date: '2019-09-30', sheets: [streamed, held] });
    await writeWorkbook(join(dir, 'held2.xlsx'), { date: '2019-09-30', sheets: [held, held] });
    expect(readFileSync(join(dir, 'streamed.xlsx')).equals(readFileSync(join(dir, 'held2.xlsx')))).toBe(true);
    expect((await renderWorkbook({ date: '2019-09-30', sheets: [streamed] })).equals(readFileSync(join(dir, 'held.xlsx')))).toBe(true);
  });

  it('stops at the sheet limit with the pointer to the CSV, counting every streamed row', async () => {
    const limited = (t: TableModel): TableModel => ({ ...t, sheetLimit: { rows: 1_500, csv: 'not-claimed.csv' } });
    const a = await renderWorkbook({ date: '2019-09-30', sheets: [limited(streamed)] });
    const b = await renderWorkbook({ date: '2019-09-30', sheets: [limited(held)] });
    expect(a.equals(b)).toBe(true);
  });

  it('goes to the file as its rows are written, not held until the sheet is committed', async () => {
    // 20,000 rows are some 4 MiB of sheet XML; waiting on the pipe into the zip (readable-stream's
    // PassThrough, which has no writableNeedDrain) lets the zip deflate them into the file as they come.
    const path = join(mkdtempSync(join(tmpdir(), 'tfpbr-wbstream-')), 'big.xlsx');
    const tmp = `${path}.tmp-${process.pid}`;
    let writtenBeforeLastRow = -1;
    async function* many() {
      for (let i = 0; i < 20_000; i++) {
        if (i === 19_999) writtenBeforeLastRow = existsSync(tmp) ? statSync(tmp).size : 0;
        yield { ...rows[i % rows.length], family_ref: `F${String(i).padStart(6, '0')}`, reason: `reason ${i * 7919 % 100_003} ${'y'.repeat(i % 97)}` };
      }
    }
    await writeWorkbook(path, { date: '2019-09-30', sheets: [{ name: 'Not claimed', columns: NOT_CLAIMED_COLUMNS, rows: [], stream: many }] });
    expect(statSync(path).size).toBeGreaterThan(200_000);
    expect(writtenBeforeLastRow).toBeGreaterThan(statSync(path).size / 2);
  });
});
