import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.ts';
import { sampleInputs } from './helpers.ts';

/**
 * The catalogue rule "a message never carries an input value", tested from outside: every value
 * in the inputs carries a marker, the inputs are damaged in every way a message reports, and
 * stdout, stderr and --json output must never contain the marker. (Values are stored, in the
 * database and the workbook, where they belong; they just never reach a log or an error.)
 */
const MARK = 'QZXMARK';
const marked = fc.tuple(fc.constantFrom('', ' ', '"', '""', '\n', ',', '=', '1980-01-01', '31/02/1980', '01/02/80', 'JSA', '-5', 'x'.repeat(120)), fc.nat(999))
  .map(([damage, n]) => `${MARK}${n}${damage}`);

function expectNoMarker(r: { stdout: string; stderr: string }): void {
  const found = [r.stdout, r.stderr].join('\n').split('\n').filter((l) => l.includes(MARK));
  expect(found, 'lines carrying an input value').toEqual([]);
}

function csvCell(v: string, quote: boolean): string {
  return quote ? `"${v.replaceAll('"', '""')}"` : v;
}

describe('no input value ever reaches a message', () => {
  it('ingest --json: rows damaged in every way, every value marked (fuzzed)', async () => {
    const header = ['forename', 'surname', 'dob', 'nino', 'benefit', 'start_date', 'end_date'];
    const row = fc.tuple(fc.array(marked, { minLength: 5, maxLength: 9 }), fc.boolean()).map(([cells, quote]) => cells.map((c) => csvCell(c, quote)).join(','));
    await fc.assert(fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 30 }), async (rows) => {
      const dir = tempDir();
      writeFileSync(join(dir, 'dwp_benefits.csv'), [header.join(','), ...rows].join('\n'));
      for (const json of [true, false]) {
        const r = await runCli([...(json ? ['--json'] : []), 'ingest', '--inputs', dir, '--db', join(tempDir(), 'w.db'), '--max-field-length', '100']);
        expect(r.code).not.toBe(70);
        expectNoMarker(r);
      }
    }), { numRuns: 8, seed: 7 });
  });

  it('run --json over the sample with every name and identifier marked, then every whole-file failure', async () => {
    const inputs = sampleInputs();
    for (const name of readdirSync(inputs)) {
      const [header, ...rows] = parse(readFileSync(join(inputs, name))) as string[][];
      const marked = header.map((h) => ['forename', 'surname', 'upn', 'nino', 'family_ref', 'person_ref', 'address_line1'].includes(h));
      writeFileSync(join(inputs, name), stringify([header, ...rows.map((r) => r.map((v, i) => (marked[i] && v !== '' ? `${MARK}${v}` : v)))]));
    }
    const r = await runCli(['--json', 'run', '--preset', 'tf-phase2', '--inputs', inputs, '--window', '2019-Q3', '--db', join(tempDir(), 'w.db'), '--out', tempDir()]);
    expect(r.code, r.stderr).toBeLessThanOrEqual(1);
    expect(r.stderr).toContain('"event":"summary"');
    expectNoMarker(r);
    const dwp = join(inputs, 'dwp_benefits.csv');
    for (const text of [`forename,surname\n`, `forename,${MARK}\n1,2\n`, `\uFEFF${MARK}\u0000`, `forename,surname,dob\n"${MARK}`]) {
      writeFileSync(dwp, text);
      for (const json of [true, false]) expectNoMarker(await runCli([...(json ? ['--json'] : []), 'ingest', '--inputs', inputs, '--db', join(tempDir(), 'w.db')]));
    }
  });

  it('review import: a decision or pair id cell holding a name is refused without echoing it', async () => {
    for (const [pair, decision] of [['a~b', `not ${MARK} janet smith-evans`], [`${MARK}~`, 'accept'], [`${MARK}`, 'reject']]) {
      const path = join(tempDir(), 'review.xlsx');
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Review');
      ws.addRow(['pair_id', 'decision']);
      ws.addRow([pair, decision]);
      await wb.xlsx.writeFile(path);
      const r = await runCli(['--json', 'review', 'import', '--file', path, '--db', join(tempDir(), 'w.db')]);
      expect(r.code).toBe(3);
      expectNoMarker(r);
    }
  });

  it('link --people: a misplaced quote is named by its line, not its value', async () => {
    const dir = tempDir();
    for (const text of [`id,forename,surname\n1,${MARK} "x",y\n`, `id,forename\n1,"${MARK}`, `id,forename\n1,"${MARK}"z,\n`]) {
      writeFileSync(join(dir, 'p.csv'), text);
      const r = await runCli(['--json', 'link', '--people', join(dir, 'p.csv'), '--out', join(dir, 'o.csv')]);
      expect(r.code).not.toBe(70);
      expectNoMarker(r);
    }
  });
});
