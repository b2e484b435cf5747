import { describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { readReviewDecisions } from '../../src/io/review-workbook.ts';

async function sheet(rows: string[][]): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'tfpbr-review-')), 'review.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Review');
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(path);
  return path;
}

describe('readReviewDecisions', () => {
  it('reads filled-in decisions by fingerprint pair, whatever their case and spacing, and skips blanks', async () => {
    const path = await sheet([['pair_id', 'decision', 'left_name'], ['f1~f2', 'Accept', 'Jon'], ['f3~f4', ' reject ', 'Amy'], ['f5~f6', '', 'X']]);
    expect(await readReviewDecisions(path)).toEqual([
      { leftFingerprint: 'f1', rightFingerprint: 'f2', decision: 'accept' },
      { leftFingerprint: 'f3', rightFingerprint: 'f4', decision: 'reject' },
    ]);
  });

  it('names the row of a decision it cannot read instead of dropping it', async () => {
    const path = await sheet([['pair_id', 'decision'], ['f1~f2', 'accept'], ['f3~f4', 'maybe']]);
    await expect(readReviewDecisions(path)).rejects.toThrow(/row 3, column decision: write accept or reject, not "maybe"/);
  });
});
