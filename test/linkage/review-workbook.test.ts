import { describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { checkKnownPairs, readReviewDecisions } from '../../src/io/review-workbook.ts';

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
      { leftFingerprint: 'f1', rightFingerprint: 'f2', decision: 'accept', row: 2 },
      { leftFingerprint: 'f3', rightFingerprint: 'f4', decision: 'reject', row: 3 },
    ]);
  });

  it('names the row of a decision it cannot read instead of dropping it', async () => {
    const path = await sheet([['pair_id', 'decision'], ['f1~f2', 'accept'], ['f3~f4', 'not amber janet smith-evans']]);
    const error = await readReviewDecisions(path).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/row 3, column decision: write accept or reject/);
    // The cell is the reviewer's free text: it is never echoed.
    expect((error as Error).message).not.toMatch(/amber|janet|smith/i);
  });

  it('refuses a pair marked both accept and reject, naming both rows; the same decision twice counts once', async () => {
    const both = await sheet([['pair_id', 'decision'], ['f1~f2', 'accept'], ['f3~f4', 'accept'], ['f1~f2', 'reject']]);
    await expect(readReviewDecisions(both)).rejects.toThrow(/rows 2 and 4: the same pair is marked both accept and reject/);
    const twice = await sheet([['pair_id', 'decision'], ['f1~f2', 'accept'], ['f1~f2', 'ACCEPT']]);
    expect(await readReviewDecisions(twice)).toEqual([{ leftFingerprint: 'f1', rightFingerprint: 'f2', decision: 'accept', row: 2 }]);
  });

  it('refuses decisions on pairs the workspace never offered, naming the rows', async () => {
    const path = await sheet([['pair_id', 'decision'], ['f1~f2', 'accept'], ['zz~yy', 'reject'], ['f3~f4', 'reject']]);
    const decisions = await readReviewDecisions(path);
    expect(() => checkKnownPairs(path, decisions, new Set(['f1~f2', 'zz~yy', 'f3~f4']))).not.toThrow();
    expect(() => checkKnownPairs(path, decisions, new Set(['f1~f2']))).toThrow(/rows 3, 4, column pair_id: not a pair this workspace offered/);
  });
});
