/**
 * npm run bench:county [families...] [--data DIR]... [--db postgres://…]: the quarterly claim of a synthetic county, as
 * a new user runs it. Generates the county once (`tfpbr sample-data --families N --seed county`,
 * cached under .bench/county-N/data, or reused from --data: one folder per size, in order, each
 * size read from the folder's truth/meta.json when no size is given), then runs ingest, link, evaluate and
 * claim one command at a time, each in its own process, and finally the whole `tfpbr run` in one
 * process. Per stage: rows, wall s, CPU s, peak RSS, and the ratio to each target; the linkage F1
 * (pairwise, against the generator's truth). Default 100,000 families. Given two sizes or more,
 * prints each stage's growth exponent between consecutive sizes beside n log n's. COUNTY_BENCH_DIR
 * moves the work folders (two benches at once). --db runs every stage on new databases created on
 * that PostgreSQL server (dropped after) instead of SQLite files.
 * Targets (issue 13): the whole run ≤ 180 s and ≤ 2 GiB at 100,000 families.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { linkMetrics } from './linkage-metrics.ts';
import { createBenchDatabase } from './postgres-database.ts';
import { HEAP_GROWING } from '../src/cli/run-in-child.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const TARGET = { runSeconds: 180, runRssGiB: 2 };

interface Usage { code: number; wall: number; cpu: number; rssMiB: number; summary: Record<string, unknown> }

if (process.argv[2] === '--child') {
  // One stage in this process: its CPU (every thread's) and peak RSS are the stage's own. The process runs with
  // the V8 flags `tfpbr` gives its command's process (run-in-child.mjs), so its memory is the command's.
  // COUNTY_BENCH_CODE=/path/to/another/checkout measures that checkout's code (the "before" figures).
  const code0 = process.env.COUNTY_BENCH_CODE;
  const { main } = (code0 ? await import(join(code0, 'src/cli/main.ts')) : await import('../src/cli/main.ts')) as typeof import('../src/cli/main.ts');
  const t0 = performance.now();
  let summary: Record<string, unknown> = {};
  const code = await main(['--json', ...process.argv.slice(3)], {
    stdout: { write: () => true } as unknown as NodeJS.WritableStream,
    stderr: { write: (s: string) => {
      for (const line of s.trim().split('\n')) {
        const e = JSON.parse(line) as { event: string; message?: string };
        if (e.event === 'summary') summary = { ...summary, ...e };
        if (e.event === 'error') process.stderr.write(`${e.message}\n`);
      }
      return true;
    } } as unknown as NodeJS.WritableStream,
  });
  const u = process.resourceUsage();
  const usage: Usage = { code, wall: (performance.now() - t0) / 1000, cpu: (u.userCPUTime + u.systemCPUTime) / 1e6, rssMiB: u.maxRSS / 1024, summary };
  console.log(JSON.stringify(usage));
  process.exit(0);
}

const args = process.argv.slice(2);
// --data DIR (repeatable, or DIR,DIR): generated counties to reuse, one per size in order; without
// sizes, each one's size is read from its truth/meta.json.
const dataDirs = args.flatMap((a, i) => (args[i - 1] === '--data' ? a.split(',') : []));
const dbAt = args.indexOf('--db');
const server = dbAt >= 0 ? args[dbAt + 1] : undefined;
const sizes = args.filter((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--data').map(Number);
if (sizes.length === 0) sizes.push(...(dataDirs.length > 0 ? dataDirs.map((d) => metaOf(d).options.families) : [100_000]));
if (dataDirs.length > 0 && dataDirs.length !== sizes.length) throw new Error(`${sizes.length} sizes but ${dataDirs.length} --data folders: give one folder per size`);
for (const [i, d] of dataDirs.entries()) {
  if (metaOf(d).options.families !== sizes[i]) throw new Error(`${d} holds ${metaOf(d).options.families} families, not ${sizes[i]}`);
}

const results: { families: number; stages: Record<string, Usage & { rows: number }>; f1: number }[] = [];
for (const [i, families] of sizes.entries()) results.push(await benchCounty(families, dataDirs[i]));
if (results.length > 1) printGrowth();

async function benchCounty(families: number, given: string | undefined) {
  const dir = join(process.env.COUNTY_BENCH_DIR ?? join(root, '.bench'), `county-${families}`);
  const data = given ?? join(dir, 'data');
  if (!existsSync(join(data, 'truth', 'meta.json'))) {
    console.log(`generating ${families.toLocaleString('en-GB')} families into ${data} …`);
    const g = child(['sample-data', '--families', String(families), '--seed', 'county', '--out', data]);
    if (g.code !== 0) throw new Error('sample-data failed');
  }
  mkdirSync(dir, { recursive: true });
  const window = metaOf(data).demoWindow;
  const stagesDb = server ? await createBenchDatabase(server, 'stages') : null;
  const db = stagesDb?.url ?? join(dir, 'stages.db');
  const out = join(dir, 'out');
  clean(db);
  const stages: Record<string, Usage & { rows: number }> = {};
  const run = (name: string, argv: string[], rows: (s: Record<string, unknown>) => number) => {
    const u = child(argv);
    console.log(`  ${name}: exit ${u.code}, ${u.wall.toFixed(1)} s wall, ${u.cpu.toFixed(1)} s CPU, ${u.rssMiB.toFixed(0)} MiB peak RSS`);
    stages[name] = { ...u, rows: rows(u.summary) };
  };
  console.log(`\n${families.toLocaleString('en-GB')} families${server ? ' on PostgreSQL' : ''}, window ${window}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')} (2-core targets)`);
  run('ingest', ['ingest', '--inputs', data, '--db', db], (s) => Number(s.read));
  run('link', ['link', '--db', db], (s) => Number(s.records));
  run('evaluate', ['evaluate', '--preset', 'tf-phase2', '--window', window, '--db', db], (s) => Number(s.families));
  run('claim', ['claim', '--preset', 'tf-phase2', '--window', window, '--db', db, '--out', out], (s) => Number(s.claims));
  clean(db);
  await stagesDb?.drop();
  const runPg = server ? await createBenchDatabase(server, 'run') : null;
  const runDb = runPg?.url ?? join(dir, 'run.db');
  clean(runDb);
  run('run (whole)', ['run', '--preset', 'tf-phase2', '--inputs', data, '--window', window, '--db', runDb, '--out', join(dir, 'run-out')], () => stages.ingest.rows);
  clean(runDb);
  await runPg?.drop();
  const links = join(dir, 'run-out', 'links.csv');
  const f1 = existsSync(links) ? (await linkageF1(data, links)).f1 : NaN;

  console.log('| stage | rows | wall s | CPU s | peak RSS MiB | wall / 180 s | RSS / 2 GiB |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [name, u] of Object.entries(stages)) {
    const whole = name === 'run (whole)';
    console.log(`| ${name} | ${u.rows.toLocaleString('en-GB')} | ${u.wall.toFixed(1)} | ${u.cpu.toFixed(1)} | ${u.rssMiB.toFixed(0)} | ${whole ? (u.wall / TARGET.runSeconds).toFixed(2) : ''} | ${whole ? (u.rssMiB / 1024 / TARGET.runRssGiB).toFixed(2) : ''} |`);
  }
  console.log(`linkage F1 against the truth: ${f1.toFixed(4)}`);
  // A window the generated data do not reach claims nothing, and every figure after link would flatter.
  if (!(stages.claim.rows > 0)) console.log(`WARNING: the claim made no claims in window ${window}: evaluate and claim did little work`);
  return { families, stages, f1 };
}

function metaOf(data: string): { demoWindow: string; options: { families: number } } {
  return JSON.parse(readFileSync(join(data, 'truth', 'meta.json'), 'utf8')) as { demoWindow: string; options: { families: number } };
}

function printGrowth(): void {
  for (let i = 1; i < results.length; i++) {
    const [a, b] = [results[i - 1], results[i]];
    const nlogn = Math.log((b.families * Math.log(b.families)) / (a.families * Math.log(a.families))) / Math.log(b.families / a.families);
    console.log(`\ngrowth ${a.families.toLocaleString('en-GB')} → ${b.families.toLocaleString('en-GB')} families (n log n exponent ${nlogn.toFixed(2)}; RSS target ≤ +20% for evaluate and claim)`);
    console.log('| stage | wall exponent | CPU exponent | RSS growth |');
    console.log('|---|---|---|---|');
    for (const name of Object.keys(b.stages)) {
      const [x, y] = [a.stages[name], b.stages[name]];
      const exp = (p: number, q: number) => (Math.log(q / p) / Math.log(b.families / a.families)).toFixed(2);
      console.log(`| ${name} | ${exp(x.wall, y.wall)} | ${exp(x.cpu, y.cpu)} | ${(100 * (y.rssMiB / x.rssMiB - 1)).toFixed(0)}% |`);
    }
  }
}

function child(argv: string[]): Usage {
  const r = spawnSync(process.execPath, [HEAP_GROWING, '--import', 'tsx', fileURLToPath(import.meta.url), '--child', ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  process.stderr.write(r.stderr);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  try { return JSON.parse(last) as Usage; } catch { return { code: r.status ?? 70, wall: 0, cpu: 0, rssMiB: 0, summary: {} }; }
}

function clean(db: string): void {
  if (db.startsWith('postgres')) return;
  for (const ext of ['', '-wal', '-shm', '.lock']) rmSync(db + ext, { force: true });
}

/** Pairwise F1 of links.csv's person ids against the generator's true person of each row. */
async function linkageF1(data: string, links: string) {
  const truth = new Map<string, string>();
  for await (const line of createInterface({ input: createReadStream(join(data, 'truth', 'rows.csv')) })) {
    const [source, row, person] = line.split(',');
    if (source !== 'source') truth.set(`${source}:${row}`, person);
  }
  const predicted = new Map<string, string>();
  for await (const line of createInterface({ input: createReadStream(links) })) {
    const cells = line.split(',');
    if (cells[0].endsWith('source')) continue;
    predicted.set(`${cells[0]}:${cells[2]}`, cells[4]);
  }
  for (const k of truth.keys()) if (!predicted.has(k)) truth.delete(k);
  return linkMetrics(truth, predicted);
}
