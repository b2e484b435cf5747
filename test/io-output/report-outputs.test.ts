import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assembleClaims } from '../../src/core/claims/assemble-claims.ts';
import { parseWindow } from '../../src/core/claims/parse-window.ts';
import { sha256File } from '../../src/io/sha256-file.ts';
import { writeCsv } from '../../src/io/write-csv.ts';
import { buildRunId, writeManifest } from '../../src/io/write-manifest.ts';
import { writeWorkbook } from '../../src/io/write-workbook.ts';
import { buildReport } from '../../src/reporting/build-report.ts';
import type { InputFileInfo } from '../../src/reporting/types.ts';
import { buildLedgerEntries } from '../../src/core/claims/build-ledger-entries.ts';
import type { LedgerEntry } from '../../src/core/claims/types.ts';
import { createRandom } from '../../src/shared/random.ts';
import { fact, verdict } from '../claims/fixtures.ts';
import { tempDir } from './fixtures.ts';

const EVIL = '=HYPERLINK("http://x","y")';
const window = parseWindow('2024-Q3');
const inputs: InputFileInfo[] = [{ fileId: 1, name: 'police_events.csv', source: 'police_events', sha256: 'c'.repeat(64), read: 40, loaded: 39, rejected: 1 }];

const verdicts = Array.from({ length: 25 }, (_, i) => verdict(`F${String(i).padStart(2, '0')}`, {
  route: i % 5 === 0 ? null : i % 3 === 0 ? 'CE' : 'SSP',
  unmet: i % 5 === 0 ? [{ headline: 'EDUCATION', code: 'rule/data-incomplete', reason: 'summer term attendance not yet received' }] : [],
  evidence: [fact(`F${String(i).padStart(2, '0')}`, i + 2, { values: i === 1 ? `forename=${EVIL}` : 'event_type=ASB', personRef: i === 1 ? EVIL : 'P1' })],
}));

const claimsFor = (ledger: LedgerEntry[] = []) => assembleClaims({
  window, ledger, verdicts, cap: 18, payments: { resultsPayment: 800 }, random: createRandom(`spot-check:${window.window}`),
});

/** The same sequence the pipeline runs: claims → report → workbook + CSVs → manifest over them. */
async function writeAll(dir: string, claimSet = claimsFor()): Promise<string[]> {
  const runId = buildRunId({ toolVersion: '0.1.0', presetHash: 'h', window, inputSha256: inputs.map((f) => f.sha256) });
  const report = buildReport({
    claimSet, run: { runId, toolVersion: '0.1.0', presetId: 'tf-phase2', presetHash: 'h', inputs },
    dataQuality: [{ file: 'police_events.csv', source: 'police_events', read: 40, loaded: 39, rejected: 1, byReason: { 'cell/date-invalid': 1 } }],
    rejects: [{ file: 'police_events.csv', line: 17, field: 'event_date', code: 'cell/date-invalid', message: 'not a date', raw: EVIL }],
    review: [], identification: [], links: [],
  });
  const outputs = [join(dir, report.workbookName)];
  await writeWorkbook(outputs[0], report.workbook);
  for (const { name, table } of report.csv) {
    outputs.push(join(dir, name));
    await writeCsv(join(dir, name), table);
  }
  await writeManifest(join(dir, 'manifest.json'), { runId, preset: { id: 'tf-phase2', hash: 'h' }, window, inputs, outputs, toolVersion: '0.1.0' });
  return [...outputs, join(dir, 'manifest.json')];
}

describe('a whole report', () => {
  const tz = process.env.TZ;
  afterEach(() => { vi.useRealTimers(); process.env.TZ = tz; });

  it('is byte-identical for every output file across clocks and time zones', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-01-01T00:00:01Z'));
    process.env.TZ = 'Europe/London';
    const a = tempDir();
    const filesA = await writeAll(a);
    vi.setSystemTime(new Date('2038-06-15T13:14:15Z'));
    process.env.TZ = 'Australia/Eucla';
    const b = tempDir();
    await writeAll(b);
    expect(readdirSync(a).sort()).toEqual(readdirSync(b).sort());
    expect(readdirSync(a)).toHaveLength(8);
    for (const f of filesA) {
      const name = f.slice(a.length + 1);
      expect(await sha256File(join(b, name)), name).toBe(await sha256File(f));
    }
  });

  it('re-running a submitted window reproduces the filed outputs byte for byte, even after a later window is filed', async () => {
    const filedDir = tempDir();
    const filed = claimsFor();
    const filedFiles = await writeAll(filedDir, filed);
    const later: LedgerEntry[] = [{ familyRef: 'F00', window: '2024-Q4', route: 'SSP', amount: 800, submitted: true }];
    const again = claimsFor([...buildLedgerEntries(filed, true), ...later]);
    expect(again.submitted).toBe(true);
    const againDir = tempDir();
    await writeAll(againDir, again);
    for (const f of filedFiles) {
      const name = f.slice(filedDir.length + 1);
      expect(await sha256File(join(againDir, name)), name).toBe(await sha256File(f));
    }
  });

  it('shows injected input as text in both the workbook and the CSV files', async () => {
    const dir = tempDir();
    await writeAll(dir);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'claim-2024-Q3.xlsx'));
    const evidence = wb.getWorksheet('Evidence')!;
    const values: ExcelJS.Cell[] = [];
    evidence.eachRow((row) => row.eachCell((c) => { if (String(c.value).includes('HYPERLINK')) values.push(c); }));
    expect(values.map((c) => [c.type, c.value, c.formula])).toEqual([[ExcelJS.ValueType.String, EVIL, undefined], [ExcelJS.ValueType.String, `forename=${EVIL}`, undefined]]);
    const rejects = parse(readFileSync(join(dir, 'rejects.csv')), { bom: true, columns: true }) as Record<string, string>[];
    expect(rejects[0].raw).toBe(`'${EVIL}`);
    const csvEvidence = parse(readFileSync(join(dir, 'evidence.csv')), { bom: true, columns: true }) as Record<string, string>[];
    expect(csvEvidence.find((r) => r.family_ref === 'F01')).toMatchObject({ values: `forename=${EVIL}`, person_ref: `'${EVIL}` });
  });

  it('Summary sheet totals equal the sum of the Claims sheet, read back from the file', async () => {
    const dir = tempDir();
    await writeAll(dir);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'claim-2024-Q3.xlsx'));
    const claims = wb.getWorksheet('Claims')!;
    let sum = 0, n = 0;
    let footer: ExcelJS.Row | undefined;
    claims.eachRow((row, i) => {
      if (row.getCell(1).value === 'Total') footer = row;
      else if (i > 1) { sum += row.getCell(7).value as number; n++; }
    });
    // The totals row at the foot of Claims: a SUM formula over the amounts, its result already computed.
    expect(footer!.getCell(7).value).toEqual({ formula: `SUM(G2:G${n + 1})`, result: sum });
    const summary = wb.getWorksheet('Summary')!;
    let total: ExcelJS.Row | undefined;
    summary.eachRow((row) => { if (row.getCell(1).value === 'claims' && row.getCell(2).value === 'families claimed (total)') total = row; });
    expect(n).toBe(18);
    expect(total!.getCell(3).value).toBe(n);
    expect(total!.getCell(5).value).toBe(sum);
    expect(wb.getWorksheet('Spot check')!.rowCount).toBe(1 + 2);
  });
});
