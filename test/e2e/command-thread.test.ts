import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.ts';
import { storeKinds, withStore } from '../helpers/stores.ts';
import { hashes } from './helpers.ts';

// Decision 68: every command runs in a worker thread with a heap limit; the main thread cleans up
// after a command thread that dies. test/helpers/hog-command.mjs runs a real run (runCommand: lock,
// transaction, output set) through the same runner as bin/tfpbr.js, then misbehaves on purpose.
const HOG = join(import.meta.dirname, '..', 'helpers', 'hog-command.mjs');
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'tfpbr.js');

interface Ended { code: number | null; stderr: string; stdout: string }

function run(script: string, args: string[], env: Record<string, string> = {}, stop?: { signal: NodeJS.Signals; when: RegExp }): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TFPBR_HEAP_LIMIT_MIB: '', NODE_OPTIONS: '', TFPBR_DEBUG: '', ...env },
    });
    let stderr = '', stdout = '', sent = false;
    child.stdout.on('data', (c) => { stdout += String(c); });
    child.stderr.on('data', (c) => {
      stderr += String(c);
      if (stop && !sent && stop.when.test(stderr)) { sent = true; child.kill(stop.signal); }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, stdout }));
  });
}

const runs = (db: string) => withStore(db, (s) => s.sql.all('SELECT id, command, status FROM runs ORDER BY id'));

describe.each(storeKinds())('a command thread that dies, on $name', (kind) => {
  /** A workspace and an output folder holding one finished run; what they hold. */
  async function workspace() {
    const db = await kind.target();
    const out = join(tempDir(), 'out');
    const ok = await run(HOG, ['ok', db, out]);
    expect(ok.code, ok.stderr).toBe(0);
    return { db, out, before: { runs: await runs(db), out: hashes(out) } };
  }

  /** As it was: the finished run only, the output folder unchanged, no lock, no WAL left, the next run goes through. */
  async function expectAsBefore({ db, out, before }: Awaited<ReturnType<typeof workspace>>) {
    expect(await runs(db)).toEqual(before.runs);
    expect(hashes(out)).toEqual(before.out);
    expect(readdirSync(out).filter((n) => n.startsWith('.'))).toEqual([]);
    if (kind.name === 'sqlite') {
      expect(existsSync(`${db}.lock`)).toBe(false);
      expect(existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0).toBe(0);
    }
    const again = await run(HOG, ['ok', db, out]);
    expect(again.code, again.stderr).toBe(0);
  }

  it('out of memory: exit 70, one line saying to give it more heap; lock gone, WAL truncated, database and outputs as before', async () => {
    const ws = await workspace();
    const r = await run(HOG, ['hog', ws.db, ws.out], { TFPBR_HEAP_LIMIT_MIB: '96' });
    expect(r.code, r.stderr).toBe(70);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toMatch(/^tfpbr: out of memory: the command filled its JavaScript heap \(96 MiB\) and was stopped; it had not committed, so nothing was saved/);
    expect(r.stderr).toMatch(/TFPBR_HEAP_LIMIT_MIB=\d+, or NODE_OPTIONS=--max-old-space-size=\d+/);
    await expectAsBefore(ws);
  }, 180_000);

  it('out of memory with --json: one JSON error event, exit 70', async () => {
    const ws = await workspace();
    const r = await run(HOG, ['hog', ws.db, ws.out, '--json'], { TFPBR_HEAP_LIMIT_MIB: '96' });
    expect(r.code, r.stderr).toBe(70);
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ event: 'error', exitCode: 70, message: expect.stringMatching(/^out of memory: /) });
    await expectAsBefore(ws);
  }, 180_000);

  it('an uncaught error: exit 70, one line naming its kind only (never its text), cleaned up as before', async () => {
    const ws = await workspace();
    const r = await run(HOG, ['throw', ws.db, ws.out]);
    expect(r.code, r.stderr).toBe(70);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toMatch(/^tfpbr: internal error \(a bug; .*\): uncaught TypeError at .*; it had not committed, so nothing was saved/);
    expect(r.stderr).not.toMatch(/Jane|1970|Example Road/);
    await expectAsBefore(ws);
  }, 180_000);

  it('a command that does not yield to a forwarded SIGTERM is ended from outside: exit 143, one line, cleaned up as before', async () => {
    const ws = await workspace();
    const r = await run(HOG, ['spin', ws.db, ws.out], { HOG_STOP_GRACE_MS: '1000' }, { signal: 'SIGTERM', when: /hog: spinning/ });
    expect(r.code, r.stderr).toBe(143);
    expect(r.stderr).toMatch(/^hog: spinning\ntfpbr: stopped by SIGTERM and ended from outside \(the command did not stop within 1 s\): it had not committed, so nothing was saved/);
    await expectAsBefore(ws);
  }, 180_000);
});

describe('bin/tfpbr.js runs the command in a worker thread with the heap limit', () => {
  it('a limit too small even to start: exit 70 and the one out-of-memory line, not Node aborting', async () => {
    const r = await run(BIN, ['--version'], { TFPBR_HEAP_LIMIT_MIB: '4' });
    expect(r.code, r.stderr).toBe(70);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^tfpbr: out of memory: the command filled its JavaScript heap \(4 MiB\) and was stopped; it did not finish\. Run again with more heap/);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  }, 60_000);

  it('stdout, stderr and the exit code come through as before', async () => {
    const v = await run(BIN, ['--version']);
    expect([v.code, v.stdout]).toEqual([0, '0.1.0\n']);
    const bad = await run(BIN, ['no-such-command']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("tfpbr: unknown command 'no-such-command'\n  (see `tfpbr --help`)\n");
  }, 60_000);
});
