import { describe, expect, it } from 'vitest';
import { assembleClaims } from '../../src/core/claims/assemble-claims.ts';
import { parseWindow } from '../../src/core/claims/parse-window.ts';
import { buildReport, type ReportInput } from '../../src/reporting/build-report.ts';
import { guardFormula, isFormulaLike } from '../../src/reporting/guard-formula.ts';
import type { RunInfo } from '../../src/reporting/types.ts';
import { createRandom } from '../../src/shared/random.ts';
import { fact, verdict } from '../claims/fixtures.ts';

const Q3 = parseWindow('2024-Q3');
const run: RunInfo = {
  runId: 'abc123', toolVersion: '0.1.0', presetId: 'tf-phase2', presetHash: 'f'.repeat(64),
  inputs: [
    { fileId: 1, name: 'police_events.csv', source: 'police_events', sha256: '1'.repeat(64), read: 10, loaded: 9, rejected: 1 },
    { fileId: 2, name: 'dwp_benefits.xlsx', source: 'dwp_benefits', sha256: '2'.repeat(64), read: 5, loaded: 5, rejected: 0 },
  ],
};

function input(over: Partial<ReportInput> = {}): ReportInput {
  const claimSet = assembleClaims({
    window: Q3, ledger: [], payments: { resultsPayment: 800 }, random: createRandom('r'),
    verdicts: [
      verdict('F2', { route: 'CE', problemsAtAttachment: ['WORKLESSNESS', 'HEALTH'], problemsAchieved: ['WORKLESSNESS'], evidence: [fact('F2', 7, { fileId: 2, headline: 'WORKLESSNESS', source: 'dwp_benefits' })] }),
      verdict('F1'),
      verdict('F3', { route: null, unmet: [{ headline: 'HEALTH', code: 'rule/data-missing', reason: 'no health data' }] }),
    ],
  });
  return { claimSet, run, dataQuality: [], review: [], identification: [], rejects: [], links: [], ...over };
}

const sheet = (r: ReturnType<typeof buildReport>, name: string) => r.workbook.sheets.find((s) => s.name === name)!;

describe('buildReport', () => {
  it('has the sheets of spec §6 in order and the six CSV tables', () => {
    const r = buildReport(input());
    expect(r.workbookName).toBe('claim-2024-Q3.xlsx');
    expect(r.workbook.sheets.map((s) => s.name)).toEqual(['Summary', 'Read me', 'Claims', 'Evidence', 'Not claimed', 'Spot check', 'Data quality', 'Rejected rows', 'Review']);
    expect(r.csv.map((c) => c.name)).toEqual(['claims.csv', 'evidence.csv', 'not-claimed.csv', 'identification.csv', 'rejects.csv', 'links.csv']);
    expect(r.csv[0].table).toBe(sheet(r, 'Claims'));
  });

  it('every row holds exactly its columns, and dates/money hold the right kinds of value', () => {
    const r = buildReport(input());
    for (const t of [...r.workbook.sheets, ...r.csv.map((c) => c.table)]) {
      for (const row of t.rows) {
        expect(Object.keys(row).sort()).toEqual(t.columns.map((c) => c.key).sort());
        for (const c of t.columns) {
          const v = row[c.key];
          if (v === null) continue;
          if (c.format === 'date') expect(v).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          if (c.format === 'money' || c.format === 'int' || c.format === 'percent') expect(typeof v).toBe('number');
        }
      }
    }
  });

  it('Summary totals equal the sum of the Claims rows', () => {
    const r = buildReport(input());
    const claims = sheet(r, 'Claims').rows;
    const summary = sheet(r, 'Summary').rows;
    const total = summary.find((s) => s.section === 'claims' && s.item === 'families claimed (total)')!;
    expect(total.number).toBe(claims.length);
    expect(total.amount).toBe(claims.reduce((a, c) => a + (c.amount as number), 0));
    for (const route of ['SSP', 'CE']) {
      const row = summary.find((s) => s.section === 'route' && String(s.item).startsWith(`${route}:`))!;
      expect(row.number).toBe(claims.filter((c) => c.route === route).length);
    }
    expect(summary.find((s) => s.item === 'WORKLESSNESS: had it at attachment')!.number).toBe(1);
    expect(summary.find((s) => s.section === 'input' && s.item === 'police_events.csv')!.value).toContain('1'.repeat(64));
  });

  it('Evidence rows name the source file and line; an unknown file id is a wiring bug', () => {
    const r = buildReport(input());
    expect(sheet(r, 'Evidence').rows.map((e) => [e.family_ref, e.source_file, e.line])).toEqual([
      ['F1', 'police_events.csv', 1], ['F1', 'police_events.csv', 2], ['F2', 'dwp_benefits.xlsx', 7],
    ]);
    expect(() => buildReport(input({ run: { ...run, inputs: run.inputs.slice(1) } }))).toThrow(/file id 1/);
  });

  it('evidence too large to hold: the sheet and evidence.csv each read every fact from the stream (the sheet stops at its limit)', async () => {
    const all = [fact('F1', 1), fact('F1', 2), fact('F2', 7, { fileId: 2 })];
    const base = input();
    const r = buildReport({ ...base, claimSet: { ...base.claimSet, evidence: [] }, evidence: { all: () => all } });
    const read = async (rows: () => AsyncIterable<Readonly<Record<string, unknown>>>) => { const out = []; for await (const row of rows()) out.push(row); return out; };
    const evidenceSheet = sheet(r, 'Evidence');
    expect(evidenceSheet.rows).toEqual([]);
    expect(evidenceSheet.sheetLimit).toEqual({ rows: 100_000, csv: 'evidence.csv' });
    expect((await read(evidenceSheet.stream!)).map((e) => e.line)).toEqual([1, 2, 7]);
    const csv = r.csv.find((c) => c.name === 'evidence.csv')!;
    expect(csv.table.rows).toEqual([]);
    expect(csv.table.stream).toBeUndefined();
    expect((await read(csv.rows!)).map((e) => [e.family_ref, e.source_file, e.line])).toEqual([
      ['F1', 'police_events.csv', 1], ['F1', 'police_events.csv', 2], ['F2', 'dwp_benefits.xlsx', 7],
    ]);
  });

  it('not-claimed rows too many to hold: the sheet and not-claimed.csv each read them from the stream', async () => {
    const base = input();
    const held = buildReport(base);
    const r = buildReport({ ...base, claimSet: { ...base.claimSet, notClaimed: [] }, notClaimed: { all: async function* () { yield* base.claimSet.notClaimed; } } });
    const read = async (rows: () => AsyncIterable<Readonly<Record<string, unknown>>>) => { const out = []; for await (const row of rows()) out.push(row); return out; };
    expect(sheet(r, 'Not claimed').rows).toEqual([]);
    expect(await read(sheet(r, 'Not claimed').stream!)).toEqual(sheet(held, 'Not claimed').rows);
    expect(await read(r.csv.find((c) => c.name === 'not-claimed.csv')!.rows!)).toEqual(sheet(held, 'Not claimed').rows);
    expect(sheet(held, 'Not claimed').rows.length).toBeGreaterThan(0);
    expect(sheet(r, 'Data quality')).toEqual(sheet(held, 'Data quality'));
  });

  it('Data quality has one column per rejection code and a rejected share', () => {
    const r = buildReport(input({
      dataQuality: [
        { file: 'b.csv', source: 'police_events', read: 4, loaded: 3, rejected: 1, byReason: { 'cell/date-invalid': 1 } },
        { file: 'a.csv', source: 'dwp_benefits', read: 0, loaded: 0, rejected: 0, byReason: {} },
        { file: 'c.csv', source: 'local_indicators', read: 10, loaded: 8, rejected: 2, byReason: { 'cell/code': 2 } },
      ],
    }));
    const dq = sheet(r, 'Data quality');
    expect(dq.columns.map((c) => c.key).slice(6)).toEqual(['cell/code', 'cell/date-invalid']);
    expect(dq.rows.map((x) => [x.file, x.rejected_share, x['cell/code'], x['cell/date-invalid']])).toEqual([
      ['a.csv', null, 0, 0], ['c.csv', 0.2, 2, 0], ['b.csv', 0.25, 0, 1],
    ]);
  });

  it('Not claimed explains each unmet outcome', () => {
    const rows = sheet(buildReport(input()), 'Not claimed').rows;
    expect(rows).toEqual([expect.objectContaining({ family_ref: 'F3', headline: 'HEALTH', code: 'rule/data-missing', eligible: 'yes' })]);
  });
});

describe('formula guard', () => {
  it.each(['=HYPERLINK("http://x","y")', '+1', '-2', '@SUM(A1)', '\tx', '\rx'])('treats %j as formula-like', (s) => {
    expect(isFormulaLike(s)).toBe(true);
    expect(guardFormula(s)).toBe(`'${s}`);
  });
  it.each(['Smith', "O'Brien", 'a=b', ' =x', '', '1-2'])('leaves %j alone', (s) => {
    expect(isFormulaLike(s)).toBe(false);
    expect(guardFormula(s)).toBe(s);
  });
});
