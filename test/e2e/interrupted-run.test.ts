import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSampleData } from '../../src/generator/run-sample-data.ts';
import { OutputSet } from '../../src/io/output-set.ts';
import { runExitCleanups } from '../../src/shared/exit-cleanups.ts';
import { runCli, tempDir } from '../helpers/cli.ts';
import { storeKinds, withStore } from '../helpers/stores.ts';
import { hashes } from './helpers.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'tfpbr.js');

/** Runs the real CLI in a child process and sends it `signal` once its stderr has shown `when`. */
function runAndStop(args: string[], signal: NodeJS.Signals, when: RegExp, times = 1): Promise<{ code: number | null; killed: NodeJS.Signals | null; killedSeen: boolean; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TFPBR_HEAP_LIMIT_MIB: '' } });
    let stderr = '', sent = false;
    child.stderr.on('data', (c) => {
      stderr += String(c);
      if (!sent && when.test(stderr)) {
        sent = true;
        for (let i = 0; i < times; i++) setTimeout(() => child.kill(signal), i * 100);
      }
    });
    child.on('error', reject);
    child.on('close', (code, killed) => resolve({ code, killed, killedSeen: sent, stderr }));
  });
}

/** What the workspace holds: its runs and how many staging rows (a stopped run must have added none). */
const contents = (db: string) => withStore(db, async (s) => ({
  runs: await s.sql.all('SELECT id, command, status FROM runs ORDER BY id'),
  rows: await s.sql.column('SELECT count(*) FROM stg_police_events'),
}));

describe.each(storeKinds())('a run stopped by a signal, on $name', (kind) => {
  let small: string, data: string, window: string;
  beforeAll(async () => {
    [small, data] = [join(tempDir(), 'small'), join(tempDir(), 'data')];
    await runSampleData({ families: 40, seed: 'signals-small', out: small });
    window = (await runSampleData({ families: 600, seed: 'signals', out: data })).demoWindow;
  }, 120_000);

  const cases = [
    { signal: 'SIGTERM', code: 143, when: /ingest: summary/, stage: 'linking', times: 1 },
    { signal: 'SIGINT', code: 130, when: /ingest: file-loaded/, stage: 'ingesting', times: 1 },
    // A second signal does not wait for the run to reach the database: its connection is closed at once.
    { signal: 'SIGTERM', code: 143, when: /ingest: summary/, stage: 'linking, sent twice', times: 2 },
  ] as const;
  for (const { signal, code, when, stage, times } of cases) {
    it(`${signal} while ${stage}: exit ${code}, rolled back, no lock, journal or WAL left, the output folder as it was, the next run not refused`, async () => {
      const db = await kind.target();
      const out = join(tempDir(), 'out');
      // The workspace and the output folder hold an earlier good run (of another window).
      const first = await runCli(['run', '--preset', 'tf-phase2', '--inputs', small, '--window', '2019-Q3', '--out', out, '--db', db]);
      expect(first.code, first.stderr).toBeLessThanOrEqual(1);
      const [before, outBefore] = [await contents(db), hashes(out)];

      const r = await runAndStop(['run', '--preset', 'tf-phase2', '--inputs', data, '--window', window, '--out', out, '--db', db], signal, when, times);
      expect(r.killedSeen, r.stderr).toBe(true);
      // Twice: the second signal can land while the stopped process is already exiting, past its
      // handlers, and end it by the signal itself (the shell's 128 + 15); its clean-up is done by then.
      const exitCode = r.code ?? (times > 1 && r.killed === signal ? code : null);
      expect(exitCode, r.stderr).toBe(code);
      // Twice: the second signal may come after the run had already rolled back (then it only ends the process sooner).
      expect(r.stderr).toMatch(times === 1 ? `stopped by ${signal}: the run was rolled back and nothing was saved` : new RegExp(`stopped by ${signal}(: the run was rolled back| and ended at once)`));
      expect(r.stderr).not.toMatch(/internal error/);

      expect(await contents(db)).toEqual(before);
      expect(hashes(out)).toEqual(outBefore);
      expect(readdirSync(out).filter((n) => n.startsWith('.') || n.includes('.tmp-'))).toEqual([]);
      if (kind.name === 'sqlite') {
        expect(existsSync(`${db}.lock`)).toBe(false);
        expect([`${db}-journal`, `${db}-wal`].filter((f) => existsSync(f))).toEqual([]);
      }
      // The lock (file or PostgreSQL advisory lock) is free: the next command goes through.
      const again = await runCli(['ingest', '--inputs', data, '--db', db]);
      expect(again.code, again.stderr).toBe(0);
    }, 300_000);
  }
});

describe('what a run ended from outside removes on its way out', () => {
  it('an output set\'s staging folder (with whatever was written into it), and nothing once the set is done', async () => {
    const out = tempDir();
    const set = await OutputSet.begin(out);
    writeFileSync(set.stage('claims.csv'), 'family_ref\r\nTF000001\r\n');
    expect(readdirSync(out).filter((n) => n.startsWith('.tfpbr-staging-'))).toHaveLength(1);
    runExitCleanups();
    expect(readdirSync(out)).toEqual([]);

    const done = await OutputSet.begin(out);
    writeFileSync(done.stage('claims.csv'), 'family_ref\r\n');
    await done.commit();
    writeFileSync(join(out, '.tfpbr-staging-kept'), ''); // the clean-up names its own folder only
    runExitCleanups();
    expect(readdirSync(out).sort()).toEqual(['.tfpbr-staging-kept', 'claims.csv']);
  });
});
