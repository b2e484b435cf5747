import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.ts';

function query(db: string, sql: string): unknown[] {
  const sqlite = new BetterSqlite3(db, { readonly: true });
  try { return sqlite.prepare(sql).all(); } finally { sqlite.close(); }
}

describe('ingest', () => {
  it('reads a Windows-1252 file with £ and accented names as Excel saves it', async () => {
    const dir = tempDir();
    const text = 'forename;surname;dob;nino;indicator;start_date;end_date;value\r\n'.replaceAll(';', '\t')
      + ['Zoë', 'Ó Súilleabháin', '02/03/1990', '', 'DEBT', '2023-04-01', '', '£1,250'].join('\t') + '\r\n'
      + ['José', 'Núñez-García', '1988-11-30', '', 'MENTAL_HEALTH', '2023-04-01', '', ''].join('\t') + '\r\n';
    writeFileSync(join(dir, 'local_indicators.txt'), Buffer.from(text, 'latin1'));
    const db = join(tempDir(), 'w.db');
    expect((await runCli(['ingest', '--inputs', dir, '--db', db])).code).toBe(0);
    expect(query(db, 'SELECT forename, surname, dob, value FROM stg_local_indicators ORDER BY line')).toEqual([
      { forename: 'Zoë', surname: 'Ó Súilleabháin', dob: '1990-03-02', value: '£1,250' },
      { forename: 'José', surname: 'Núñez-García', dob: '1988-11-30', value: null },
    ]);
    expect(query(db, 'SELECT encoding FROM input_files')).toEqual([{ encoding: 'windows-1252' }]);
  });

  it('loads an XLSX extract, dates as dates, from its first sheet', async () => {
    const dir = tempDir();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Episodes');
    ws.addRow(['la_child_id', 'surname', 'dob', 'episode_id', 'episode_type', 'start_date', 'end_date']);
    ws.addRow(['C1001', 'Okafor', new Date(Date.UTC(2015, 5, 1)), 'E1', 'cin', new Date(Date.UTC(2023, 0, 9)), null]);
    ws.addRow(['C1002', 'Nowak', '2014-02-28', 'E2', 'CP', '01/03/2023', '30/09/2023']);
    ws.addRow(['C1002', 'Nowak', '28/02/2014', 'E2', 'cp', '2023-03-01', '2023-09-30']);
    await wb.xlsx.writeFile(join(dir, 'social_care_episodes.xlsx'));
    const db = join(tempDir(), 'w.db');
    expect((await runCli(['ingest', '--inputs', dir, '--db', db, '--max-reject-rate', '0.5'])).code).toBe(0);
    // The same episode written differently is a duplicate; the reject keeps the cells as they were.
    const [dup] = query(db, 'SELECT line, code, detail, raw_json FROM rejects') as { line: number; code: string; detail: string; raw_json: string }[];
    expect([dup.line, dup.code, dup.detail]).toEqual([4, 'row/duplicate', 'same as line 3']);
    expect(JSON.parse(dup.raw_json)).toMatchObject({ dob: '28/02/2014', episode_type: 'cp' });
    expect(query(db, 'SELECT line, la_child_id, dob, episode_type, start_date, end_date FROM stg_social_care_episodes ORDER BY line')).toEqual([
      { line: 2, la_child_id: 'C1001', dob: '2015-06-01', episode_type: 'CIN', start_date: '2023-01-09', end_date: null },
      { line: 3, la_child_id: 'C1002', dob: '2014-02-28', episode_type: 'CP', start_date: '2023-03-01', end_date: '2023-09-30' },
    ]);
  });

  it("maps an LA's own column names and code values through a mapping file", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'Niche export Q3.csv'), [
      'First Name,Family Name,Date of Birth,PNC,Occurrence Ref,Occurrence Type,Occurrence Date,Involvement,Disposal,Officer',
      'Kai,Reid,2008-05-05,2021/0012345A,OC1,Anti-Social Behaviour,12/01/2024,Suspect/Offender,No Further Action,PC 123',
      'Lena,Reid,1985-01-05,,OC2,Domestic,13/01/2024,Aggrieved,,PC 456',
    ].join('\n'));
    const db = join(tempDir(), 'w.db');
    const mappings = join(import.meta.dirname, '../fixtures/mapping');
    expect((await runCli(['ingest', '--inputs', dir, '--db', db, '--mappings', mappings])).code).toBe(0);
    expect(query(db, 'SELECT forename, pnc_id, event_id, event_type, event_date, role, outcome FROM stg_police_events ORDER BY line')).toEqual([
      { forename: 'Kai', pnc_id: '2021/0012345A', event_id: 'OC1', event_type: 'ASB', event_date: '2024-01-12', role: 'OFFENDER', outcome: 'NFA' },
      { forename: 'Lena', pnc_id: null, event_id: 'OC2', event_type: 'DOMESTIC_ABUSE', event_date: '2024-01-13', role: 'VICTIM', outcome: null },
    ]);
  });

  it('leaves an existing database byte-for-byte unchanged when a file misses a required column (exit 3)', async () => {
    const good = tempDir();
    copyFileSync(join(import.meta.dirname, '../fixtures/issues/row-duplicate/dwp_benefits.csv'), join(good, 'dwp_benefits.csv'));
    const db = join(tempDir(), 'w.db');
    expect((await runCli(['ingest', '--inputs', good, '--db', db])).code).toBe(1);
    const before = readFileSync(db);
    const bad = tempDir();
    copyFileSync(join(import.meta.dirname, '../fixtures/issues/header-missing-column/dwp_benefits.csv'), join(bad, 'dwp_benefits.csv'));
    copyFileSync(join(import.meta.dirname, '../fixtures/issues/cell-int/education_attendance.csv'), join(bad, 'education_attendance.csv'));
    const { code, stderr } = await runCli(['ingest', '--inputs', bad, '--db', db]);
    expect(code).toBe(3);
    expect(stderr).toMatch(/dwp_benefits\.csv, line 1, field benefit: a required column is missing/);
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('recognises a file it has loaded before and does not duplicate its rows', async () => {
    const dir = tempDir();
    copyFileSync(join(import.meta.dirname, '../fixtures/issues/cell-code/dwp_benefits.csv'), join(dir, 'dwp_benefits.csv'));
    const db = join(tempDir(), 'w.db');
    await runCli(['ingest', '--inputs', dir, '--db', db, '--max-reject-rate', '1']);
    await runCli(['ingest', '--inputs', dir, '--db', db, '--max-reject-rate', '1']);
    expect(query(db, 'SELECT count(*) AS n FROM stg_dwp_benefits')).toEqual([{ n: 1 }]);
    expect(query(db, 'SELECT count(*) AS n FROM rejects')).toEqual([{ n: 1 }]);
    expect(query(db, 'SELECT run_id, reused FROM run_inputs ORDER BY run_id')).toEqual([{ run_id: 1, reused: 0 }, { run_id: 2, reused: 1 }]);
  });

  it('accounts for every row of a larger mixed file: loaded + rejected = read', async () => {
    const dir = tempDir();
    const rows = ['upn,surname,dob,academic_year,term,sessions_possible,sessions_authorised,sessions_unauthorised'];
    for (let i = 0; i < 5000; i++) {
      const bad = i % 7 === 0 ? 'x' : String(100 + (i % 50));
      rows.push(`A${String(i).padStart(12, '0')},Name${i % 97},2012-01-${String(1 + (i % 28)).padStart(2, '0')},2023/24,${['autumn', 'spring', 'summer'][i % 3]},${bad},1,2`);
    }
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'education_attendance.csv'), rows.join('\n') + '\n');
    const db = join(tempDir(), 'w.db');
    await runCli(['ingest', '--inputs', dir, '--db', db]);
    const [f] = query(db, 'SELECT rows_read AS read, rows_loaded AS loaded, rows_rejected AS rejected FROM input_files') as { read: number; loaded: number; rejected: number }[];
    expect(f).toEqual({ read: 5000, loaded: 5000 - 715, rejected: 715 });
    expect(query(db, 'SELECT count(*) AS n FROM stg_education_attendance')).toEqual([{ n: f.loaded }]);
    expect(query(db, 'SELECT count(DISTINCT line) AS n FROM rejects')).toEqual([{ n: f.rejected }]);
  });
});

describe('workspace lock', () => {
  it('refuses to start while another live run holds the workspace, and takes over a stale lock', async () => {
    const dir = tempDir();
    copyFileSync(join(import.meta.dirname, '../fixtures/issues/cell-code/dwp_benefits.csv'), join(dir, 'dwp_benefits.csv'));
    const db = join(tempDir(), 'w.db');
    writeFileSync(`${db}.lock`, String(process.ppid));
    const held = await runCli(['ingest', '--inputs', dir, '--db', db, '--max-reject-rate', '1']);
    expect(held.code).toBe(2);
    expect(held.stderr).toMatch(/another tfpbr run \(process \d+\) is using/);
    writeFileSync(`${db}.lock`, '999999999');
    expect((await runCli(['ingest', '--inputs', dir, '--db', db, '--max-reject-rate', '1'])).code).toBe(0);
  });
});

describe('shipped example mappings', () => {
  it('parse and name the sources they map', async () => {
    const { readMappings } = await import('../../src/io/read-mappings.ts');
    const m = await readMappings(join(import.meta.dirname, '../../config/mappings/example'));
    expect([...m.keys()].sort()).toEqual(['education_attendance', 'police_events']);
  });
});
