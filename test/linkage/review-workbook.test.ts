import { describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { readReviewDecisions, writeReviewWorkbook } from '../../src/io/review-workbook.ts';
import type { LinkRecord, ReviewPair } from '../../src/core/linkage/types.ts';

const rec = (key: string, forename: string): LinkRecord => ({ key, source: key.split(':')[0], fields: { forename, surname: '=HYPERLINK("x")', dob: '2011-04-03' } });
const pair = (l: string, r: string, fpL: string, fpR: string): ReviewPair => ({
  leftKey: l, rightKey: r, probability: 0.7, matchWeight: 1.2, rule: null, leftFingerprint: fpL, rightFingerprint: fpR,
  explanation: [{ comparison: 'prior', level: 'lambda', weight: -10 }, { comparison: 'forename', level: 'jw-high', weight: 11.2 }],
});

describe('review workbook', () => {
  it('round-trips: pairs are written side by side and filled decisions are read back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tfpbr-review-'));
    const path = join(dir, 'review.xlsx');
    const records = new Map([rec('a:1', 'Jon'), rec('b:1', 'John'), rec('a:2', 'Amy'), rec('b:2', 'Aimee'), rec('a:3', 'X'), rec('b:3', 'Y')].map((r) => [r.key, r]));
    await writeReviewWorkbook(path, [pair('a:1', 'b:1', 'f1', 'f2'), pair('a:2', 'b:2', 'f3', 'f4'), pair('a:3', 'b:3', 'f5', 'f6')], records);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('Review')!;
    const header = (ws.getRow(1).values as unknown[]).map(String);
    expect(ws.getRow(2).getCell(header.indexOf('left_forename')).text).toBe('Jon');
    expect(ws.getRow(2).getCell(header.indexOf('right_forename')).text).toBe('John');
    expect(ws.getRow(2).getCell(header.indexOf('left_surname')).text).toBe('\'=HYPERLINK("x")');
    expect(ws.getRow(2).getCell(header.indexOf('explanation')).text).toContain('forename=jw-high (+11.20)');
    ws.getRow(2).getCell(header.indexOf('decision')).value = 'Accept';
    ws.getRow(3).getCell(header.indexOf('decision')).value = ' reject ';
    await wb.xlsx.writeFile(path);

    expect(await readReviewDecisions(path)).toEqual([
      { leftFingerprint: 'f1', rightFingerprint: 'f2', decision: 'accept' },
      { leftFingerprint: 'f3', rightFingerprint: 'f4', decision: 'reject' },
    ]);
  });
});
