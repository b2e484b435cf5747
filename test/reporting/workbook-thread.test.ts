import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputSet } from '../../src/io/output-set.ts';
import { writeCsvRows } from '../../src/io/write-csv.ts';
import { writeWorkbook } from '../../src/io/write-workbook.ts';
import { OutOfMemoryError } from '../../src/pipeline/heap-guard.ts';
import { startWorkbook } from '../../src/pipeline/stages/workbook-thread.ts';
import { column } from '../../src/reporting/column.ts';
import { NOT_CLAIMED_COLUMNS } from '../../src/reporting/build-not-claimed-table.ts';
import type { CellValue, TableModel, WorkbookModel } from '../../src/reporting/types.ts';
import { BatchQueue } from '../../src/shared/batch-queue.ts';

type Row = Record<string, CellValue>;

// More rows than a batch (1,000) and the width sample (2,000); the first sheet stops at its limit.
const notClaimed: Row[] = Array.from({ length: 4_321 }, (_, i) => ({
  family_ref: `F${String(i).padStart(6, '0')}`, attachment_date: '2019-01-0' + (1 + (i % 9)), eligible: i % 3 ? 'yes' : 'no',
  headline: 'CLAIM', code: i % 2 ? 'claim/no-outcome' : 'rule/threshold-missed', reason: `reason ${'x'.repeat(i % 120)} ${i}`, claimed_in_window: null,
}));
const EVIDENCE_COLUMNS = [column('family_ref'), column('line', 'int'), column('record_date', 'date'), { ...column('values', 'text', 40), wrap: true }];
const evidence: Row[] = Array.from({ length: 3_210 }, (_, i) => ({
  family_ref: `F${String(i >> 2).padStart(6, '0')}`, line: i + 2, record_date: `2019-0${1 + (i % 9)}-1${i % 10}`, values: `event_type=ASB; note=${'y'.repeat(i % 70)}`,
}));
async function* each(rows: Row[]) { for (const r of rows) yield r; }

/** A claim-like workbook: held sheets around two streamed ones, the first of them shown up to a limit. */
function claimModel(evidenceRows = evidence): WorkbookModel {
  const held: TableModel = {
    name: 'Claims', columns: [column('family_ref'), column('amount', 'money')], totals: { label: 'Total', sum: ['amount'] },
    rows: Array.from({ length: 30 }, (_, i) => ({ family_ref: `F${i}`, amount: 800 })),
  };
  return {
    date: '2019-09-30', title: 'Results claim 2019-Q3',
    sheets: [
      held,
      { name: 'Evidence', columns: EVIDENCE_COLUMNS, rows: [], sheetLimit: { rows: 1_500, csv: 'evidence.csv' }, stream: () => each(evidenceRows) },
      { name: 'Not claimed', columns: NOT_CLAIMED_COLUMNS, rows: [], stream: () => each(notClaimed) },
      { ...held, name: 'Spot check' },
    ],
  };
}

/** The claim stage's sequence: the workbook started, each streamed sheet's CSV written while feeding the sheet, then done; closed whatever happens. */
async function writeFed(dir: string, model: WorkbookModel, thread: boolean, evidenceRows = evidence): Promise<void> {
  const book = startWorkbook(join(dir, 'claim.xlsx'), model, thread);
  try {
    await writeCsvRows(join(dir, 'evidence.csv'), EVIDENCE_COLUMNS, book.feed('Evidence', each(evidenceRows)));
    await writeCsvRows(join(dir, 'not-claimed.csv'), NOT_CLAIMED_COLUMNS, book.feed('Not claimed', each(notClaimed)));
    await book.done();
  } finally {
    await book.close();
  }
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'tfpbr-wbthread-'));

describe('the claim workbook written while its CSV files are', () => {
  it('is byte for byte the workbook that reads its streams itself, on a worker thread or on this one; the CSV files get every row', async () => {
    const [plain, inline, worker] = [tempDir(), tempDir(), tempDir()];
    await writeWorkbook(join(plain, 'claim.xlsx'), claimModel());
    await writeCsvRows(join(plain, 'evidence.csv'), EVIDENCE_COLUMNS, evidence);
    await writeCsvRows(join(plain, 'not-claimed.csv'), NOT_CLAIMED_COLUMNS, notClaimed);
    await writeFed(inline, claimModel(), false);
    await writeFed(worker, claimModel(), true);
    for (const name of ['claim.xlsx', 'evidence.csv', 'not-claimed.csv']) {
      const expected = readFileSync(join(plain, name));
      expect(readFileSync(join(inline, name)).equals(expected), `${name} inline`).toBe(true);
      expect(readFileSync(join(worker, name)).equals(expected), `${name} on the worker`).toBe(true);
    }
  });

  it('refuses the streamed sheets out of turn, or left unfed', async () => {
    const dir = tempDir();
    const book = startWorkbook(join(dir, 'claim.xlsx'), claimModel(), false);
    try {
      await expect(writeCsvRows(join(dir, 'x.csv'), NOT_CLAIMED_COLUMNS, book.feed('Not claimed', each(notClaimed)))).rejects.toThrow(/Not claimed fed out of turn \(Evidence is next\)/);
      await expect(book.done()).rejects.toThrow(/sheet Not claimed was not fed/);
    } finally {
      await book.close();
    }
    expect(readdirSync(dir).filter((n) => n.endsWith('.xlsx'))).toEqual([]);
  });

  it.each([false, true])('a failure in the workbook (thread: %s) rejects the claim\'s writing, and the output folder stays as it was', async (thread) => {
    const out = tempDir();
    writeFileSync(join(out, 'manifest.json'), '{"outputs":[]}');
    const before = readdirSync(out).sort();
    // A date the sheet cannot write (the CSV file writes it as text), early or in the last row it shows.
    for (const at of [10, 1_499]) {
      const bad = evidence.map((r, i) => (i === at ? { ...r, record_date: '30/09/2019' } : r));
      const set = await OutputSet.begin(out);
      const written = (async () => {
        try {
          await writeFed(join(out, `.tfpbr-staging-${process.pid}`), claimModel(bad), thread, bad);
          await set.commit();
        } finally {
          await set.discard();
        }
      })();
      await expect(written).rejects.toThrow(/a date column holds a value that is not YYYY-MM-DD/);
      expect(readdirSync(out).sort()).toEqual(before);
    }
  });

  it('a worker out of heap fails it with the heap guard\'s error (exit 70), and the output folder stays as it was', async () => {
    const out = tempDir();
    const set = await OutputSet.begin(out);
    process.env.TFPBR_HEAP_LIMIT_MIB = '1';
    try {
      const written = (async () => {
        try { await writeFed(join(out, `.tfpbr-staging-${process.pid}`), claimModel(), true); } finally { await set.discard(); }
      })();
      await expect(written).rejects.toBeInstanceOf(OutOfMemoryError);
    } finally {
      delete process.env.TFPBR_HEAP_LIMIT_MIB;
    }
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('a batch queue', () => {
  it('makes the producer wait while the consumer holds its room, and ends with the count it was given', async () => {
    const q = new BatchQueue<number>(3);
    let waited = true;
    await q.push([1]);
    const full = q.push([2, 3]).then(() => { waited = false; });
    await Promise.resolve();
    expect(waited).toBe(true);
    const items = q.items();
    expect((await items.next()).value).toBe(1);
    await full;
    q.end(7);
    expect([(await items.next()).value, (await items.next()).value, await items.next()]).toEqual([2, 3, { done: true, value: 7 }]);
  });

  it('fails a waiting producer and the consumer', async () => {
    const q = new BatchQueue<number>(1);
    const waiting = q.push([1, 2]);
    q.fail(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    await expect(q.items().next()).rejects.toThrow('stop');
    await expect(q.push([3])).rejects.toThrow('stop');
  });
});
