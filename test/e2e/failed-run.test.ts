import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSampleData } from '../../src/generator/run-sample-data.ts';
import { runCli, tempDir } from '../helpers/cli.ts';
import { openStore } from '../../src/store/open-store.ts';
import { postgresTables, storeKinds, withStore } from '../helpers/stores.ts';
import { hashes } from './helpers.ts';

/** The run fails at the link stage's heap check, after ingest has written every staging row. */
async function failingRun(args: string[]) {
  process.env.TFPBR_HEAP_LIMIT_MIB = '1';
  try { return await runCli(args); } finally { delete process.env.TFPBR_HEAP_LIMIT_MIB; }
}

/** The ids a workspace has handed out so far (runs, input files, staging rows, audit events). */
const lastIds = (db: string) => withStore(db, async (s) => s.sql.get(`SELECT (SELECT max(id) FROM runs) AS runs, (SELECT max(id) FROM input_files) AS files,
  (SELECT max(row_id) FROM stg_police_events) AS police_rows, (SELECT max(id) FROM audit_log) AS events, (SELECT count(*) FROM runs) AS run_count`));

describe.each(storeKinds())('a failed run leaves the workspace as it was, on $name', (kind) => {
  let data: string, window: string;
  const run = (db: string, out: string) => ['run', '--preset', 'tf-phase2', '--inputs', data, '--window', window, '--out', out, '--db', db];
  beforeAll(async () => {
    data = join(tempDir(), 'data');
    window = (await runSampleData({ families: 40, seed: 'failed-run', out: data })).demoWindow;
  });

  it('a failed first run leaves no workspace: no SQLite file, no tables in a new PostgreSQL database; no outputs', async () => {
    const db = await kind.target();
    const out = join(tempDir(), 'out');
    const r = await failingRun(run(db, out));
    expect(r.code, r.stderr).toBe(70);
    expect(r.stderr).toMatch(/the JavaScript heap is nearly full/);
    if (kind.name === 'sqlite') expect(readdirSync(join(db, '..'))).toEqual([]);
    else expect(await postgresTables(db)).toEqual([]);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  }, 120_000);

  it('a failed run, then a good one, gives the ids and the outputs (sha256) of the good run alone', async () => {
    const some = tempDir();
    copyFileSync(join(data, 'police_events.csv'), join(some, 'police_events.csv'));
    const [withFailure, without] = [await kind.target(), await kind.target()];
    // Both workspaces start with the same history: one extract ingested.
    for (const db of [withFailure, without]) {
      const r = await runCli(['ingest', '--inputs', some, '--db', db]);
      expect(r.code, r.stderr).toBe(0);
    }
    const before = await lastIds(withFailure);
    // Another connection stays open (an analyst's query tool, idle between its queries): it does not
    // stop the run, and the run's rollback gives back what it appended (the file as it was, no journal).
    const reader = await openStore(withFailure);
    try {
      await reader.sql.exec('CREATE TABLE scratch (x TEXT); DROP TABLE scratch');
      const size = kind.name === 'sqlite' ? statSync(withFailure).size : 0;
      const failed = await failingRun(run(withFailure, join(tempDir(), 'failed')));
      expect(failed.code, failed.stderr).toBe(70);
      if (kind.name === 'sqlite') {
        expect(statSync(withFailure).size).toBe(size);
        expect([`${withFailure}-journal`, `${withFailure}-wal`].filter((f) => existsSync(f))).toEqual([]);
      }
    } finally { await reader.close(); }
    expect(await lastIds(withFailure)).toEqual(before);
    const outs = [join(tempDir(), 'a'), join(tempDir(), 'b')];
    for (const [i, db] of [withFailure, without].entries()) expect((await runCli(run(db, outs[i]))).code).toBeLessThanOrEqual(1);
    expect(await lastIds(withFailure)).toEqual(await lastIds(without));
    expect(hashes(outs[0])).toEqual(hashes(outs[1]));
  }, 180_000);

  it.runIf(kind.name === 'sqlite')('a reader holding the workspace (a read transaction, 12 s) makes the run wait for it, not fail', async () => {
    const db = await kind.target();
    expect((await runCli(['ingest', '--inputs', data, '--db', db])).code).toBeLessThanOrEqual(1);
    // Another process (an analyst's query tool) holds a read lock from its first read until it
    // commits: the run can work meanwhile, but not write its pages to the file nor commit
    // (rollback journal, decision 80). Its own process, as a busy wait blocks this one.
    const reader = spawn(process.execPath, ['-e', `const D = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});
      const c = new D(process.argv[1]); c.exec('BEGIN'); c.prepare('SELECT count(*) FROM runs').get(); console.log('held');
      setTimeout(() => { c.exec('COMMIT'); c.close(); }, 12000);`, db], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => reader.on('exit', resolve));
    await new Promise((resolve) => reader.stdout.once('data', resolve));
    const started = Date.now();
    const r = await runCli(run(db, join(tempDir(), 'out')));
    expect(r.code, r.stderr).toBeLessThanOrEqual(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(11_000);
    expect(await exited).toBe(0);
    expect(await withStore(db, (s) => s.sql.get('SELECT count(*) AS n FROM runs'))).toEqual({ n: 2 });
  }, 180_000);
});
