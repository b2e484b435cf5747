import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { IngestWorkers } from '../../src/pipeline/ingest/ingest-workers.ts';
import { planIngest } from '../../src/pipeline/ingest/plan-ingest.ts';
import { silentLogger } from '../../src/shared/context.ts';
import { runCli, tempDir } from '../helpers/cli.ts';

function query(db: string, sql: string): unknown[] {
  const sqlite = new BetterSqlite3(db, { readonly: true });
  try { return sqlite.prepare(sql).all(); } finally { sqlite.close(); }
}

/**
 * A file several read chunks long (chunks are ~1 MB), with quoted values holding line breaks and
 * doubled quotes, stray quotes inside unquoted values, and a duplicate of an early row near the end
 * written differently (UK date, lower-case code) so only its canonical values match.
 */
function bigFile(dir: string, n: number): { lineOf: number[]; multiLine: Map<number, string>; dupLine: number; dupOfLine: number } {
  const out = ['upn,forename,surname,dob,address_line1,academic_year,term,sessions_possible,sessions_authorised,sessions_unauthorised'];
  const lineOf: number[] = [];
  const multiLine = new Map<number, string>();
  let line = 2;
  for (let i = 0; i < n; i++) {
    lineOf.push(line);
    let address = `${i} High Street`;
    let cell = address;
    if (i % 401 === 7) {
      address = `Flat ${i}\n"The Willows"\nMill Lane`;
      cell = `"${address.replaceAll('"', '""')}"`;
      multiLine.set(i, address);
    }
    const forename = i % 333 === 5 ? `O"Neil${i}` : `Name${i}`;
    out.push(`A${String(i).padStart(12, '0')},${forename},Smith,2011-04-${String(1 + (i % 28)).padStart(2, '0')},${cell},2023/24,AUTUMN,150,${i % 9},${i % 13}`);
    line += 1 + (cell.match(/\n/g)?.length ?? 0);
  }
  // Row 3 again, as another system would write it.
  out.push(`A${String(3).padStart(12, '0')},Name3,Smith,04/04/2011,3 High Street,2023/24,autumn,150,3,3`);
  writeFileSync(join(dir, 'education_attendance.csv'), out.join('\r\n') + '\r\n');
  return { lineOf, multiLine, dupLine: line, dupOfLine: lineOf[3] };
}

describe('ingest of a file parsed in parallel chunks', () => {
  it('loads every record on its own line, in file order, and finds a duplicate of a row chunks earlier', async () => {
    const dir = tempDir();
    const n = 30_000;
    const { lineOf, multiLine, dupLine, dupOfLine } = bigFile(dir, n);
    const db = join(tempDir(), 'w.db');
    expect((await runCli(['ingest', '--inputs', dir, '--db', db])).code).toBe(0);

    expect(query(db, 'SELECT rows_read AS read, rows_loaded AS loaded, rows_rejected AS rejected FROM input_files')).toEqual([{ read: n + 1, loaded: n, rejected: 1 }]);
    const rejects = query(db, 'SELECT line, code, detail, raw_json FROM rejects') as { line: number; code: string; detail: string; raw_json: string }[];
    expect(rejects.map((r) => [r.line, r.code, r.detail])).toEqual([[dupLine, 'row/duplicate', `same as line ${dupOfLine}`]]);
    expect(JSON.parse(rejects[0].raw_json)).toMatchObject({ dob: '04/04/2011', term: 'autumn' });

    const rows = query(db, 'SELECT line, upn, forename, address_line1 FROM stg_education_attendance ORDER BY row_id') as { line: number; upn: string; forename: string; address_line1: string }[];
    expect(rows.map((r) => r.line)).toEqual(lineOf);
    expect(rows.map((r) => r.upn)).toEqual(lineOf.map((_, i) => `A${String(i).padStart(12, '0')}`));
    for (const [i, address] of multiLine) expect(rows[i].address_line1).toBe(address);
    expect(rows[5].forename).toBe('O"Neil5');
  });

  it('stores the same batches in the same order with one worker or three', async () => {
    const dir = tempDir();
    bigFile(dir, 30_000);
    const [file] = await planIngest(dir, new Map(), silentLogger);
    const stored = async (count: number) => {
      const workers = new IngestWorkers(count);
      const got: string[] = [];
      try {
        await workers.load(file, (batch) => { got.push(`${batch.lines.join(',')}|${batch.data}|${batch.rejects.length}`); });
      } finally { await workers.close(); }
      return got;
    };
    const one = await stored(1);
    expect(one.length).toBeGreaterThan(1);
    expect(await stored(3)).toEqual(one);
  });

  it('stops with exit 3 naming the line of a quote never closed, however far into the file', async () => {
    const dir = tempDir();
    const rows = ['upn,surname,dob,academic_year,term,sessions_possible,sessions_authorised,sessions_unauthorised'];
    for (let i = 0; i < 40_000; i++) rows.push(`A${String(i).padStart(12, '0')},${i === 30_000 ? '"Smith' : 'Smith'},2011-04-01,2023/24,AUTUMN,150,1,2`);
    writeFileSync(join(dir, 'education_attendance.csv'), rows.join('\n') + '\n');
    // A workspace that already holds a file: the failed ingest, with chunks already stored, must leave it as it was.
    const db = join(tempDir(), 'w.db');
    const earlier = tempDir();
    writeFileSync(join(earlier, 'education_attendance.csv'), rows.slice(0, 100).join('\n') + '\n');
    expect((await runCli(['ingest', '--inputs', earlier, '--db', db])).code).toBe(0);
    const before = readFileSync(db);
    const r = await runCli(['ingest', '--inputs', dir, '--db', db]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('education_attendance.csv, line 30002: a quoted value is never closed');
    expect(readFileSync(db).equals(before)).toBe(true);
  });
});
