import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ISSUE_CODES } from '../../src/shared/issues.ts';
import { runCli, tempDir } from '../helpers/cli.ts';

const fixtures = join(import.meta.dirname, '../fixtures/issues');

/** One row-level fixture per code: a good row on line 2, the bad row on line 3. */
const ROW_CASES: { code: string; file: string; line: number; field: string | null }[] = [
  { code: 'row/columns', file: 'dwp_benefits.csv', line: 3, field: null },
  { code: 'row/no-identity', file: 'dwp_benefits.csv', line: 3, field: null },
  { code: 'row/duplicate', file: 'dwp_benefits.csv', line: 3, field: null },
  { code: 'row/date-order', file: 'dwp_benefits.csv', line: 3, field: 'end_date' },
  { code: 'row/sessions', file: 'education_attendance.csv', line: 3, field: 'sessions_possible' },
  { code: 'cell/required', file: 'dwp_benefits.csv', line: 3, field: 'benefit' },
  { code: 'cell/int', file: 'education_attendance.csv', line: 3, field: 'sessions_possible' },
  { code: 'cell/date-invalid', file: 'dwp_benefits.csv', line: 3, field: 'dob' },
  { code: 'cell/date-ambiguous', file: 'dwp_benefits.csv', line: 3, field: 'dob' },
  { code: 'cell/code', file: 'dwp_benefits.csv', line: 3, field: 'benefit' },
  { code: 'cell/pattern', file: 'education_attendance.csv', line: 3, field: 'academic_year' },
  { code: 'cell/date-implausible', file: 'dwp_benefits.csv', line: 3, field: 'dob' },
  { code: 'row/field-too-long', file: 'dwp_benefits.csv', line: 3, field: 'surname' },
  { code: 'row/formula-without-value', file: 'dwp_benefits.xlsx', line: 3, field: 'benefit' },
];

/** Whole-file problems stop the run with exit 3 and a message naming the file and the code. */
const FILE_CASES: { code: string; file: string }[] = [
  { code: 'file/empty', file: 'dwp_benefits.csv' },
  { code: 'file/format', file: 'dwp_benefits.xls' },
  { code: 'file/encoding', file: 'dwp_benefits.csv' },
  { code: 'file/unterminated-quote', file: 'dwp_benefits.csv' },
  { code: 'header/missing-column', file: 'dwp_benefits.csv' },
  { code: 'header/duplicate-column', file: 'dwp_benefits.csv' },
  { code: 'file/too-large', file: 'dwp_benefits.xlsx' },
  { code: 'file/line-endings', file: 'dwp_benefits.csv' },
  { code: 'file/too-many-columns', file: 'dwp_benefits.csv' },
  { code: 'file/duplicate', file: 'dwp_benefits - Copy.csv' },
];

const dirOf = (code: string) => join(fixtures, code.replace('/', '-'));

describe('every issue code', () => {
  it('has a fixture and a case here', () => {
    const covered = [...ROW_CASES, ...FILE_CASES].map((c) => c.code).sort();
    expect(covered).toEqual([...ISSUE_CODES].sort());
    for (const code of covered) expect(readdirSync(dirOf(code)).length).toBe(code === 'file/duplicate' ? 2 : 1);
  });

  it.each(ROW_CASES)('$code: rejects exactly the bad row with its file, line and field', async ({ code, file, line, field }) => {
    const db = join(tempDir(), 'w.db');
    const { code: exit } = await runCli(['ingest', '--inputs', dirOf(code), '--db', db, '--max-reject-rate', '1']);
    expect(exit).toBe(0);
    const sqlite = new BetterSqlite3(db, { readonly: true });
    const rejects = sqlite.prepare('SELECT f.name AS file, r.line, r.field, r.code FROM rejects r JOIN input_files f ON f.id = r.file_id').all();
    const counts = sqlite.prepare('SELECT rows_read AS read, rows_loaded AS loaded, rows_rejected AS rejected FROM input_files').get();
    sqlite.close();
    expect(rejects).toEqual([{ file, line, field, code }]);
    expect(counts).toEqual({ read: 2, loaded: 1, rejected: 1 });
  });

  it.each(FILE_CASES)('$code: stops with exit 3 naming the file, and writes no database', async ({ code, file }) => {
    const dir = tempDir();
    const { code: exit, stderr } = await runCli(['ingest', '--inputs', dirOf(code), '--db', join(dir, 'w.db')]);
    expect(exit).toBe(3);
    expect(stderr).toContain(file);
    expect(stderr).toContain(`[${code}]`);
    expect(readdirSync(dir)).toEqual([]);
  });
});
