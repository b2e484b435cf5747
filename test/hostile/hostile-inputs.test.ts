import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { processStartTime } from '../../src/store/workspace-lock.ts';
import { runCli, tempDir } from '../helpers/cli.ts';
import { expectCleanMessage, sampleInputs, snapshot } from './helpers.ts';

const WINDOW = '2019-Q3';
const bin = join(import.meta.dirname, '../../bin/tfpbr.js');
const fixtures = join(import.meta.dirname, '../fixtures/issues');

/**
 * The numbered failures of issue 14, each as a test: the exit code, the message, and the store
 * (and output folder) unchanged where nothing should have been written. One full run of the
 * committed sample gives the workspace every case starts from (a copy each).
 */
describe('hostile and broken inputs', () => {
  let base: string;

  beforeAll(async () => {
    base = tempDir();
    const r = await runCli(['run', '--preset', 'tf-phase2', '--inputs', sampleInputs(), '--window', WINDOW, '--db', join(base, 'w.db'), '--out', join(base, 'out')]);
    expect(r.code, r.stderr).toBe(0);
  });

  /** A copy of the workspace (database and output folder) in a folder of its own. */
  function workspace(): { dir: string; db: string; out: string } {
    const dir = tempDir();
    cpSync(base, dir, { recursive: true });
    return { dir, db: join(dir, 'w.db'), out: join(dir, 'out') };
  }

  async function failsCleanly(args: string[], code: number, message: RegExp, ws = workspace()) {
    const before = snapshot(ws.dir), outBefore = snapshot(ws.out);
    const r = await runCli(args.map((a) => a.replace('$DB', ws.db).replace('$OUT', ws.out)));
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr).toMatch(message);
    expectCleanMessage(r.stderr);
    expect(snapshot(ws.dir), 'the workspace folder is unchanged').toEqual(before);
    expect(snapshot(ws.out), 'the output folder is unchanged').toEqual(outBefore);
    return r;
  }

  it('1: a re-run into an existing output folder replaces the whole set; nothing of the old run or of a temporary file stays', async () => {
    const ws = workspace();
    writeFileSync(join(ws.out, 'notes.txt'), 'the analyst\'s own file');
    const inputs = sampleInputs();
    writeFileSync(join(inputs, 'police_events.csv'), readFileSync(join(inputs, 'police_events.csv'), 'utf8').split('\n').slice(0, -5).join('\n') + '\n');
    const r = await runCli(['run', '--inputs', inputs, '--window', '2019-Q4', '--preset', 'tf-phase2', '--db', ws.db, '--out', ws.out]);
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(ws.out, 'manifest.json'), 'utf8')) as { outputs: { name: string }[] };
    const files = readdirSync(ws.out).sort();
    expect(files).toEqual([...manifest.outputs.map((o) => o.name), 'manifest.json', 'notes.txt'].sort());
    expect(files).not.toContain(`claim-${WINDOW}.xlsx`);
  });

  it('3: a workbook that would expand far beyond its size is refused from its zip directory (exit 3), store unchanged', async () => {
    const inputs = sampleInputs();
    copyFileSync(join(fixtures, 'file-too-large/dwp_benefits.xlsx'), join(inputs, 'dwp_benefits_q2.xlsx'));
    await failsCleanly(['ingest', '--inputs', inputs, '--db', '$DB'], 3, /dwp_benefits_q2\.xlsx: the workbook is too large to read safely.*\[file\/too-large\]/);
  });

  it('4: a 1 MiB forename rejects its row (row/field-too-long) and is not stored whole', async () => {
    const inputs = sampleInputs();
    const file = join(inputs, 'dwp_benefits.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[1] = 'F'.repeat(1 << 20) + lines[1].slice(lines[1].indexOf(','));
    writeFileSync(file, lines.join('\n'));
    const db = join(tempDir(), 'w.db');
    const r = await runCli(['ingest', '--inputs', inputs, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const sqlite = new BetterSqlite3(db, { readonly: true });
    const rejects = sqlite.prepare("SELECT r.line, r.field, r.code, length(r.raw_json) AS raw FROM rejects r JOIN input_files f ON f.id = r.file_id WHERE f.name = 'dwp_benefits.csv'").all();
    const longest = sqlite.prepare('SELECT max(length(v)) AS n FROM stg_dwp_benefits_rows').get() as { n: number };
    sqlite.close();
    expect(rejects).toEqual([{ line: 2, field: 'forename', code: 'row/field-too-long', raw: expect.any(Number) }]);
    expect((rejects[0] as { raw: number }).raw).toBeLessThan(20_000);
    expect(longest.n).toBeLessThan(10_000);
  });

  it('5: a mapping to a field that does not exist, or from a column the file lacks, is exit 2 naming it; store unchanged', async () => {
    const mappings = tempDir();
    writeFileSync(join(mappings, 'education_attendance.json'), JSON.stringify({ source: 'education_attendance', columns: { upn: 'upnn' } }));
    await failsCleanly(['ingest', '--inputs', sampleInputs(), '--db', '$DB', '--mappings', mappings], 2, /columns\."upn" maps to "upnn", which is not a education_attendance field/);
    writeFileSync(join(mappings, 'education_attendance.json'), JSON.stringify({ source: 'education_attendance', columns: { 'Pupil UPN': 'upn' } }));
    await failsCleanly(['ingest', '--inputs', sampleInputs(), '--db', '$DB', '--mappings', mappings], 2, /column "Pupil UPN" is not in education_attendance\.csv's header/);
  });

  it('6: workbook cells: rich text, dates and formulas with a cached value are read as Excel shows them', async () => {
    const inputs = tempDir();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['forename', 'surname', 'dob', 'nino', 'benefit', 'start_date', 'end_date']);
    ws.addRow([{ richText: [{ text: 'Ad', font: { bold: true } }, { text: 'a' }] }, 'Lovelace', new Date(Date.UTC(1980, 11, 10)), '',
      { formula: 'UPPER("jsa")', result: 'JSA' }, '2023-01-01', '']);
    await wb.xlsx.writeFile(join(inputs, 'dwp_benefits.xlsx'));
    const db = join(tempDir(), 'w.db');
    expect((await runCli(['ingest', '--inputs', inputs, '--db', db])).code).toBe(0);
    const sqlite = new BetterSqlite3(db, { readonly: true });
    const row = sqlite.prepare('SELECT forename, dob, benefit FROM stg_dwp_benefits').get();
    sqlite.close();
    expect(row).toEqual({ forename: 'Ada', dob: '1980-12-10', benefit: 'JSA' });
  });

  it('8: a closed stderr pipe does not stop the run (exit 0, its database kept); a failing run still removes the database it created', () => {
    const dir = tempDir();
    // stderr into a pipe whose reader has already gone; the exit status is written to a file.
    const run = (inputs: string, db: string) => spawnSync('sh', ['-c',
      `{ "${process.execPath}" "${bin}" ingest --inputs "${inputs}" --db "${db}" 2>&1 >/dev/null; echo $? > "${join(dir, 'status')}"; } | true`]);
    run(sampleInputs(), join(dir, 'a.db'));
    expect(readFileSync(join(dir, 'status'), 'utf8').trim()).toBe('0');
    run(join(dir, 'none'), join(dir, 'b.db'));
    expect(readFileSync(join(dir, 'status'), 'utf8').trim()).toBe('3');
    expect(readdirSync(dir).sort()).toEqual(['a.db', 'status']);
  });

  it('9: two identical extract files are exit 3 naming both, store unchanged', async () => {
    const inputs = sampleInputs();
    copyFileSync(join(inputs, 'police_events.csv'), join(inputs, 'police_events - Copy.csv'));
    await failsCleanly(['ingest', '--inputs', inputs, '--db', '$DB'], 3, /police_events( - Copy)?\.csv: the same content as police_events( - Copy)?\.csv.*\[file\/duplicate\]/);
  });

  it('10: a lock whose pid now belongs to another process is stale; a live one says how to clear it; a symlinked path is the same lock', async () => {
    const ws = workspace();
    const parent = process.ppid;
    // The parent's pid with another start time: the pid was reused, the lock is stale.
    writeFileSync(`${ws.db}.lock`, `${parent} 1`);
    expect((await runCli(['link', '--db', ws.db])).code).toBe(0);
    writeFileSync(`${ws.db}.lock`, `${parent} ${processStartTime(parent) ?? '-'}`);
    await failsCleanly(['link', '--db', '$DB'], 2, new RegExp(`another tfpbr run \\(process ${parent}\\) is using .*; wait for it to finish\\. If no tfpbr run is going, delete .*w\\.db\\.lock`), ws);
    const link = join(tempDir(), 'elsewhere.db');
    symlinkSync(ws.db, link);
    const folderLink = join(tempDir(), 'ws');
    symlinkSync(ws.dir, folderLink);
    for (const path of [link, join(folderLink, 'w.db')]) {
      const r = await runCli(['link', '--db', path]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/another tfpbr run/);
    }
  });

  describe('12: anticipated failures are their documented exit code with one line, never 70', () => {
    it('a dangling symlink in the inputs folder: exit 3 naming it', async () => {
      const inputs = sampleInputs();
      symlinkSync(join(inputs, 'gone.csv'), join(inputs, 'police_events_extra.csv'));
      await failsCleanly(['ingest', '--inputs', inputs, '--db', '$DB'], 3, /police_events_extra\.csv: a link to a file that does not exist/);
    });

    it('a plan naming a code list "toString", or a results payment of 1e308: exit 2 naming the key', async () => {
      const preset = JSON.parse(readFileSync(join(import.meta.dirname, '../../config/presets/tf-phase2.json'), 'utf8'));
      const dir = tempDir();
      writeFileSync(join(dir, 'roles.json'), JSON.stringify(preset).replace('"roles":"offenderRoles"', '"roles":"toString"'));
      writeFileSync(join(dir, 'pay.json'), JSON.stringify({ ...preset, payments: { ...preset.payments, resultsPayment: 1e308 } }));
      await failsCleanly(['claim', '--window', WINDOW, '--config', join(dir, 'roles.json'), '--db', '$DB', '--out', '$OUT'], 2, /roles: unknown code list 'toString'/);
      await failsCleanly(['claim', '--window', WINDOW, '--config', join(dir, 'pay.json'), '--db', '$DB', '--out', '$OUT'], 2, /payments\.resultsPayment/);
    });

    it('--db in a folder that does not exist: exit 2, and the folder is not created', async () => {
      const dir = tempDir();
      await failsCleanly(['ingest', '--inputs', sampleInputs(), '--db', join(dir, 'missing', 'w.db')], 2, /the folder .*missing does not exist; create it first/);
      expect(readdirSync(dir)).toEqual([]);
    });

    it('review export --out into a missing folder or onto a folder: exit 2', async () => {
      const ws = workspace();
      await failsCleanly(['review', 'export', '--db', '$DB', '--out', join(ws.dir, 'nope', 'r.xlsx')], 2, /the folder .*nope does not exist/, ws);
      await failsCleanly(['review', 'export', '--db', '$DB', '--out', ws.out], 2, /is a folder; give a file name/, ws);
    });

    it('--db naming a file that is not a database: exit 2', async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'notes.db'), 'not a database at all, just some text long enough to have a header');
      const r = await runCli(['link', '--db', join(dir, 'notes.db')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/is not a tfpbr database/);
      expectCleanMessage(r.stderr);
    });
  });

  it('13: review import refuses decisions on pairs the workspace never offered, naming the rows; store unchanged', async () => {
    const dir = tempDir();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Review');
    ws.addRow(['pair_id', 'decision']);
    ws.addRow(['0123456789abcdef~fedcba9876543210', 'accept']);
    await wb.xlsx.writeFile(join(dir, 'review.xlsx'));
    await failsCleanly(['review', 'import', '--db', '$DB', '--file', join(dir, 'review.xlsx')], 3, /row 2, column pair_id: not a pair this workspace offered for review/);
  });

  it('14: a header-only extract is exit 3 (file/empty), store unchanged', async () => {
    const inputs = sampleInputs();
    const file = join(inputs, 'dwp_benefits.csv');
    writeFileSync(file, readFileSync(file, 'utf8').split('\n')[0] + '\n');
    await failsCleanly(['ingest', '--inputs', inputs, '--db', '$DB'], 3, /dwp_benefits\.csv: the file has a header but no rows.*\[file\/empty\]/);
  });

  it('14: a new extract far shorter than its source was last time fails the run under the data policy (exit 1, row-drop)', async () => {
    const ws = workspace();
    const inputs = sampleInputs();
    const file = join(inputs, 'dwp_benefits.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    writeFileSync(file, lines.slice(0, 11).join('\n') + '\n');
    const r = await runCli(['--json', 'ingest', '--inputs', inputs, '--db', ws.db]);
    expect(r.code, r.stderr).toBe(1);
    const drops = r.stderr.split('\n').filter((l) => l.includes('"row-drop"')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(drops).toEqual([expect.objectContaining({ file: 'dwp_benefits.csv', loaded: 10, previousLoaded: lines.filter(Boolean).length - 1, limit: 0.5 })]);
    expect((await runCli(['ingest', '--inputs', inputs, '--db', join(tempDir(), 'fresh.db')])).code, 'no earlier file: nothing to compare').toBe(0);
    expect((await runCli(['ingest', '--inputs', inputs, '--db', workspace().db, '--max-row-drop', '1'])).code, 'the policy is a setting').toBe(0);
  });

  it('15: a lone CR after a quoted value is text, not a quote never closed; a record past 64 MiB says so', async () => {
    const dir = tempDir();
    const header = 'forename,surname,dob,nino,benefit,start_date,end_date\r\n';
    writeFileSync(join(dir, 'dwp_benefits.csv'), `${header}Ada,"Love"\rlace,1980-12-10,,JSA,2023-01-01,\r\nBob,Smith,1980-12-10,,JSA,2023-01-01,\r\n`);
    const ok = await runCli(['ingest', '--inputs', dir, '--db', join(tempDir(), 'w.db')]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('loaded=2');
    writeFileSync(join(dir, 'dwp_benefits.csv'), `${header}Ada,"${'x'.repeat(65 << 20)}",1980-12-10,,JSA,2023-01-01,\r\n`);
    await failsCleanly(['ingest', '--inputs', dir, '--db', '$DB'], 3, /line 2: a record runs on past 64 MiB.*a quote never closed on that line, or a value far longer/);
  });

  it('--out naming a file, not a folder: exit 2, nothing written', async () => {
    const ws = workspace();
    writeFileSync(join(ws.dir, 'a-file'), 'x');
    await failsCleanly(['claim', '--preset', 'tf-phase2', '--window', WINDOW, '--db', '$DB', '--out', join(ws.dir, 'a-file')], 2, /is a file, not a folder/, ws);
  });
});
