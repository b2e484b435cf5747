/**
 * npm run bench:ingest [rows] [--quoted] [--db postgres://user@host/db]: writes a synthetic
 * education_attendance extract (1,000,000 rows by default, 25 columns; with --quoted every value
 * in quotes, as some systems export), then ingests it into a fresh database in a child process
 * and prints rows/second and the child's peak RSS. Target: ≥ 200,000 rows/s, peak RSS < 1 GiB.
 * With --db the workspace is a new database created on that PostgreSQL server (and dropped after).
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom } from '../src/shared/random.ts';
import { SOURCES } from '../src/shared/extracts.ts';
import { encodeStagingRow } from '../src/store/staging-row.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const dbAt = argv.indexOf('--db');
const server = dbAt >= 0 ? argv.splice(dbAt, 2)[1] : null;
const rows = Number(argv.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const quoted = argv.includes('--quoted');
const dir = join(root, '.bench', `ingest-${rows}${quoted ? '-quoted' : ''}`);
const file = join(dir, 'education_attendance.csv');

if (argv.includes('--child')) {
  const { main } = await import('../src/cli/main.ts');
  const target = server ?? join(root, '.bench', 'ingest.db');
  const t0 = performance.now();
  const events: { event: string; at: string }[] = [];
  const code = await main(['--json', 'ingest', '--inputs', dir, '--db', target], {
    stderr: { write: (s: string) => { for (const l of s.trim().split('\n')) events.push(JSON.parse(l)); return true; } } as unknown as NodeJS.WritableStream,
  });
  const seconds = (performance.now() - t0) / 1000;
  // performance.now() counts from the process's start: Node start-up and loading the code included.
  const processSeconds = performance.now() / 1000;
  const at = (e: string) => Date.parse(events.find((x) => x.event === e)!.at);
  const loadSeconds = (at('file-loaded') - at('file-started')) / 1000;
  const maxRssKiB = process.resourceUsage().maxRSS;
  console.log(JSON.stringify({ code, seconds, loadSeconds, processSeconds, maxRssKiB, sqliteAlone: server ? null : await sqliteCeiling() }));
  process.exit(0);
}

if (!existsSync(file)) {
  mkdirSync(dir, { recursive: true });
  await writeExtract(file, rows, quoted);
}
rmSync(join(root, '.bench', 'ingest.db'), { force: true });
for (const ext of ['-wal', '-shm']) rmSync(join(root, '.bench', `ingest.db${ext}`), { force: true });
const scratch = server ? await createBenchDatabase(server) : null;
let out: string;
try {
  out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), String(rows), ...(quoted ? ['--quoted'] : []),
    ...(scratch ? ['--db', scratch.url] : []), '--child'], { encoding: 'utf8' });
} finally { await scratch?.drop(); }
const { code, seconds, loadSeconds, processSeconds, maxRssKiB, sqliteAlone } = JSON.parse(out.trim().split('\n').pop()!);
const mb = statSync(file).size / 2 ** 20;
const rate = rows / seconds;
console.log(`ingest${scratch ? ' (PostgreSQL)' : ''}: ${rows.toLocaleString('en-GB')} rows (${mb.toFixed(0)} MiB, ${SOURCES.education_attendance.fields.length} columns${quoted ? ', every value quoted' : ''}) in ${seconds.toFixed(2)} s, exit ${code}`);
console.log(`  throughput ${Math.round(rate).toLocaleString('en-GB')} rows/s end to end: the ingest command from its start to the database closed (hashing, load, commit, checkpoint)  (target 200,000: ratio ${(rate / 200_000).toFixed(2)})`);
console.log(`  load phase ${Math.round(rows / loadSeconds).toLocaleString('en-GB')} rows/s  (read + parse + validate + insert, ${loadSeconds.toFixed(2)} s; ratio ${(rows / loadSeconds / 200_000).toFixed(2)})`);
console.log(`  whole process ${processSeconds.toFixed(2)} s, ${Math.round(rows / processSeconds).toLocaleString('en-GB')} rows/s  (from the process's start: also starting Node and loading the code)`);
if (sqliteAlone !== null) console.log(`  SQLite alone: ${Math.round(sqliteAlone).toLocaleString('en-GB')} rows/s inserting rows of the staging table's shape (prepared 64-row INSERT of one fixed row, WAL, nothing else running); the load phase reaches ${(rows / loadSeconds / sqliteAlone * 100).toFixed(0)}% of it`);
console.log(`  peak RSS   ${(maxRssKiB / 1024).toFixed(0)} MiB  (target < 1024 MiB: ratio ${(maxRssKiB / 1024 / 1024).toFixed(2)})`);

/** A new database (collation C) on the server `url` names, for one bench run. */
async function createBenchDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const { default: pg } = await import('pg');
  const name = `tfpbr_bench_${process.pid}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try { await c.query(sql); } finally { await c.end(); }
  };
  await admin(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return { url: target.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name}`) };
}

/** The ceiling: SQLite inserting rows of the staging table's shape with nothing else to do. */
async function sqliteCeiling(): Promise<number> {
  const { default: Database } = await import('better-sqlite3');
  const path = join(root, '.bench', 'ceiling.db');
  for (const ext of ['', '-wal', '-shm']) rmSync(path + ext, { force: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const def = SOURCES.education_attendance;
  db.exec(`CREATE TABLE t (row_id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, line INTEGER NOT NULL, v TEXT NOT NULL)`);
  const sample: Record<string, string> = { forename: 'Oliver', surname: 'Smith', dob: '2010-01-02', sex: 'M', address_line1: '12 High Street',
    town: 'Leeds', postcode: 'LS1 2AB', uprn: '100000001', upn: 'A000000000001', school_urn: '100123', academic_year: '2023/24', term: 'AUTUMN',
    sessions_possible: '150', sessions_authorised: '5', sessions_unauthorised: '10' };
  const v = encodeStagingRow(def.fields.map((f) => sample[f.name] ?? null));
  const R = 64;
  const stmt = db.prepare(`INSERT INTO t (file_id, line, v) VALUES ${Array(R).fill('(?,?,?)').join(',')}`);
  const params = Array.from({ length: R }, (_, k) => [1, k + 2, v]).flat();
  const n = 640_000;
  const t0 = performance.now();
  db.exec('BEGIN');
  for (let i = 0; i < n; i += R) stmt.run(params);
  db.exec('COMMIT');
  const rate = n / ((performance.now() - t0) / 1000);
  db.close();
  return rate;
}

async function writeExtract(path: string, n: number, quoted: boolean): Promise<void> {
  const rnd = createRandom('bench-ingest');
  const names = ['Oliver', 'Amelia', 'Mohammed', 'Isla', 'Jack', 'Ava', 'Harry', 'Mia', 'Zofia', 'Kwame'];
  const surnames = ['Smith', 'Jones', 'Taylor', 'Brown', 'Khan', 'Patel', 'Nowak', "O'Brien", 'Williams', 'Evans-Hughes'];
  const header = SOURCES.education_attendance.fields.map((f) => f.name);
  const out = createWriteStream(path);
  let buf = header.join(',') + '\n';
  for (let i = 0; i < n; i++) {
    const possible = 120 + rnd.int(60);
    const row: Record<string, string> = {
      forename: names[rnd.int(names.length)], surname: surnames[rnd.int(surnames.length)],
      dob: `${String(1 + rnd.int(28)).padStart(2, '0')}/${String(1 + rnd.int(12)).padStart(2, '0')}/${2008 + rnd.int(10)}`,
      sex: rnd.int(2) ? 'F' : 'M', address_line1: `${1 + rnd.int(200)} High Street`, town: 'Leeds',
      postcode: `LS${1 + rnd.int(20)} ${rnd.int(9)}AB`, uprn: String(100000000 + i), upn: `A${String(i).padStart(12, '0')}`,
      school_urn: String(100000 + rnd.int(500)), academic_year: '2023/24', term: ['autumn', 'spring', 'summer'][i % 3],
      sessions_possible: String(possible), sessions_authorised: String(rnd.int(10)), sessions_unauthorised: String(rnd.int(20)),
    };
    buf += header.map((h) => { const v = row[h] ?? ''; return quoted || v.includes("'") || v.includes(',') ? `"${v}"` : v; }).join(',') + '\n';
    if (buf.length > 1 << 20) { if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r())); buf = ''; }
  }
  out.end(buf);
  await new Promise<void>((r) => out.on('finish', () => r()));
}
