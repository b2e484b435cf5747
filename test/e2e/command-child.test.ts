import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { filterAbortText } from '../../src/cli/run-in-child.mjs';
import { tempDir } from '../helpers/cli.ts';
import { storeKinds, withStore } from '../helpers/stores.ts';
import { hashes } from './helpers.ts';

// Decisions 68 and 71: every command runs in a child process with a heap limit; the parent cleans
// up after a command that dies (however it dies) and passes signals on. test/helpers/hog-command.mjs
// runs a real run (runCommand: lock, transaction, output set) through the same runner as
// bin/tfpbr.js, then misbehaves on purpose.
const HOG = join(import.meta.dirname, '..', 'helpers', 'hog-command.mjs');
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'tfpbr.js');

interface Ended { code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string; childPid: number | null }

interface Stop {
  /** What to send once stderr shows `when`: a signal to the parent, or to its whole process group (a terminal's Ctrl-C). */
  readonly signal: NodeJS.Signals;
  readonly when: RegExp;
  readonly group?: boolean;
  /** Send it to the command's own process (`hog: <mode> <pid>`), as the kernel's OOM killer would. */
  readonly toCommand?: boolean;
}

function run(script: string, args: string[], env: Record<string, string> = {}, stop?: Stop): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // In its own process group, so that the group can be signalled as a terminal does.
      detached: stop?.group === true,
      env: { ...process.env, TFPBR_HEAP_LIMIT_MIB: '', NODE_OPTIONS: '', TFPBR_DEBUG: '', ...env },
    });
    let stderr = '', stdout = '', sent = false;
    child.stdout.on('data', (c) => { stdout += String(c); });
    child.stderr.on('data', (c) => {
      stderr += String(c);
      if (stop && !sent && stop.when.test(stderr)) {
        sent = true;
        if (stop.group) process.kill(-child.pid!, stop.signal);
        else if (stop.toCommand) process.kill(Number(/^hog: \w+ (\d+)$/m.exec(stderr)![1]), stop.signal);
        else child.kill(stop.signal);
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr, stdout, childPid: Number(/^hog: \w+ (\d+)$/m.exec(stderr)?.[1]) || null }));
  });
}

const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };
const runs = (db: string) => withStore(db, (s) => s.sql.all('SELECT id, command, status FROM runs ORDER BY id'));
const lines = (s: string) => s.split('\n').filter(Boolean);

describe.each(storeKinds())('a command process that dies or is stopped, on $name', (kind) => {
  /** A workspace and an output folder holding one finished run; what they hold. */
  async function workspace() {
    const db = await kind.target();
    const out = join(tempDir(), 'out');
    const ok = await run(HOG, ['ok', db, out]);
    expect(ok.code, ok.stderr).toBe(0);
    return { db, out, before: { runs: await runs(db), out: hashes(out) } };
  }

  /** As it was: the finished run only, the output folder unchanged, no lock, no journal or WAL left, the next run goes through. */
  async function expectAsBefore({ db, out, before }: Awaited<ReturnType<typeof workspace>>) {
    expect(await runs(db)).toEqual(before.runs);
    expect(hashes(out)).toEqual(before.out);
    expect(readdirSync(out).filter((n) => n.startsWith('.'))).toEqual([]);
    if (kind.name === 'sqlite') {
      expect(existsSync(`${db}.lock`)).toBe(false);
      expect([`${db}-journal`, `${db}-wal`].filter((f) => existsSync(f))).toEqual([]);
    }
    const again = await run(HOG, ['ok', db, out]);
    expect(again.code, again.stderr).toBe(0);
  }

  const OUT_OF_HEAP = /^tfpbr: out of memory: the command filled its JavaScript heap \(96 MiB\) and was stopped; it had not committed, so nothing was saved/;

  it('out of memory, a little at a time: exit 70, one line saying to give it more heap; lock gone, journal rolled back, database and outputs as before', async () => {
    const ws = await workspace();
    const r = await run(HOG, ['hog', ws.db, ws.out], { TFPBR_HEAP_LIMIT_MIB: '96' });
    expect(r.code, r.stderr).toBe(70);
    expect(lines(r.stderr)).toEqual([`hog: hog ${r.childPid}`, expect.stringMatching(OUT_OF_HEAP)]);
    expect(r.stderr).toMatch(/TFPBR_HEAP_LIMIT_MIB=\d+, or NODE_OPTIONS=--max-old-space-size=\d+/);
    await expectAsBefore(ws);
  }, 180_000);

  // Decision 70: a worker thread's limit let one allocation of hundreds of MiB abort the whole
  // process (exit 134, V8's "FATAL ERROR" on the terminal, lock and uncommitted work left behind).
  it('out of memory in one allocation far past the limit: exit 70, one line, none of V8\'s abort text; cleaned up as before', async () => {
    const ws = await workspace();
    const r = await run(HOG, ['block', ws.db, ws.out], { TFPBR_HEAP_LIMIT_MIB: '96' });
    expect(r.code, r.stderr).toBe(70);
    expect(r.stderr).not.toMatch(/FATAL ERROR|Last few GCs|JS stacktrace|Native stack trace/);
    expect(lines(r.stderr).filter((l) => !l.startsWith('hog: '))).toEqual([expect.stringMatching(OUT_OF_HEAP)]);
    await expectAsBefore(ws);
  }, 180_000);

  it('out of memory with --json: one JSON error event, exit 70', async () => {
    const ws = await workspace();
    const r = await run(HOG, ['block', ws.db, ws.out, '--json'], { TFPBR_HEAP_LIMIT_MIB: '96' });
    expect(r.code, r.stderr).toBe(70);
    const events = lines(r.stderr).filter((l) => !l.startsWith('hog: '));
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!)).toMatchObject({ event: 'error', exitCode: 70, message: expect.stringMatching(/^out of memory: /) });
    await expectAsBefore(ws);
  }, 180_000);

  it('an uncaught error: exit 70, one line naming its kind only (never its text), cleaned up as before', async () => {
    const ws = await workspace();
    const r = await run(HOG, ['throw', ws.db, ws.out]);
    expect(r.code, r.stderr).toBe(70);
    expect(lines(r.stderr)).toHaveLength(2);
    expect(r.stderr).toMatch(/\ntfpbr: internal error \(a bug; .*\): uncaught TypeError at .*; it had not committed, so nothing was saved/);
    expect(r.stderr).not.toMatch(/Jane|1970|Example Road/);
    await expectAsBefore(ws);
  }, 180_000);

  it('a command that does not yield to a forwarded SIGTERM is ended from outside: exit 143, one line, cleaned up as before', async () => {
    const ws = await workspace();
    const r = await run(HOG, ['spin', ws.db, ws.out], { HOG_STOP_GRACE_MS: '1000' }, { signal: 'SIGTERM', when: /hog: spin/ });
    expect(r.code, r.stderr).toBe(143);
    expect(r.stderr).toMatch(/^hog: spin \d+\ntfpbr: stopped by SIGTERM and ended from outside \(the command did not stop within 1 s\): it had not committed, so nothing was saved/);
    expect(alive(r.childPid!)).toBe(false);
    await expectAsBefore(ws);
  }, 180_000);

  it('Ctrl-C (SIGINT to the whole process group): the command sees one stop, rolls back once, exit 130', async () => {
    const ws = await workspace();
    const r = await run(HOG, ['wait', ws.db, ws.out], {}, { signal: 'SIGINT', when: /hog: wait/, group: true });
    expect(r.code, r.stderr).toBe(130);
    // A second stop would have ended it "at once" (interrupts.ts) instead of through its rollback.
    expect(lines(r.stderr)).toEqual([`hog: wait ${r.childPid}`, 'tfpbr: stopped by SIGINT: the run was rolled back and nothing was saved (the workspace and the output folder are as they were)']);
    await expectAsBefore(ws);
  }, 180_000);

  it('the command killed by the system (SIGKILL, as the OOM killer does): exit 70, one line saying it was most likely memory; cleaned up as before', async () => {
    const ws = await workspace();
    const r = await run(HOG, ['wait', ws.db, ws.out], {}, { signal: 'SIGKILL', when: /hog: wait \d+\n/, toCommand: true });
    expect(r.code, r.stderr).toBe(70);
    expect(lines(r.stderr)).toEqual([`hog: wait ${r.childPid}`,
      expect.stringMatching(/^tfpbr: out of memory: the command was killed \(SIGKILL\), most likely by the system for lack of memory \(its heap limit is \d+ MiB\); it had not committed, so nothing was saved \(/)]);
    await expectAsBefore(ws);
  }, 180_000);

  it('Ctrl-Z stops the command with tfpbr, and it goes on when continued', async () => {
    const ws = await workspace();
    const state = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[0];
    const seen: string[] = [];
    const r = await new Promise<Ended>((resolve, reject) => {
      const child = spawn(process.execPath, [HOG, 'wait', ws.db, ws.out], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TFPBR_HEAP_LIMIT_MIB: '', NODE_OPTIONS: '' } });
      let stderr = '', sent = false;
      const pause = () => new Promise((res) => setTimeout(res, 500));
      child.stderr.on('data', async (c) => {
        stderr += String(c);
        const m = /^hog: wait (\d+)$/m.exec(stderr);
        if (!m || sent) return;
        sent = true;
        const pid = Number(m[1]);
        child.kill('SIGTSTP');
        await pause();
        seen.push(`${state(child.pid!)}${state(pid)}`);
        child.kill('SIGCONT');
        await pause();
        seen.push(`${state(child.pid!)}${state(pid)}`);
        child.kill('SIGINT');
      });
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal, stderr, stdout: '', childPid: null }));
    });
    expect(seen[0]).toBe('TT');
    expect(seen[1]).not.toMatch(/T/);
    expect(r.code, r.stderr).toBe(130);
    await expectAsBefore(ws);
  }, 180_000);

  it('the parent killed with -9: the command stops itself (rolled back, lock released) within seconds; the next run goes through', async () => {
    const ws = await workspace();
    const r = await run(HOG, ['wait', ws.db, ws.out], {}, { signal: 'SIGKILL', when: /hog: wait/ });
    expect(r.signal).toBe('SIGKILL');
    const pid = r.childPid!;
    const deadline = Date.now() + 20_000;
    while (alive(pid) && Date.now() < deadline) await new Promise((res) => setTimeout(res, 100));
    expect(alive(pid)).toBe(false);
    await expectAsBefore(ws);
  }, 180_000);
});

describe('bin/tfpbr.js runs the command in a child process with the heap limit', () => {
  it('a limit too small even to start: exit 70 and the one out-of-memory line, not Node aborting', async () => {
    const r = await run(BIN, ['--version'], { TFPBR_HEAP_LIMIT_MIB: '4' });
    expect(r.code, r.stderr).toBe(70);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^tfpbr: out of memory: the command filled its JavaScript heap \(4 MiB\) and was stopped; it did not finish\. Run again with more heap/);
    expect(lines(r.stderr)).toHaveLength(1);
  }, 60_000);

  it('stdout, stderr and the exit code come through as before', async () => {
    const v = await run(BIN, ['--version']);
    expect([v.code, v.stdout]).toEqual([0, '0.1.0\n']);
    const bad = await run(BIN, ['no-such-command']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("tfpbr: unknown command 'no-such-command'\n  (see `tfpbr --help`)\n");
  }, 60_000);
});

describe("the command's stderr passed through the parent", () => {
  function through(chunks: string[]) {
    const input = new PassThrough();
    let out = '';
    const seen: string[] = [];
    const sink = new Writable({ write(c, _e, done) { out += String(c); done(); } });
    const f = filterAbortText(input, sink);
    for (const c of chunks) { input.write(c); seen.push(out); }
    return new Promise<{ out: string; seen: string[]; heap: boolean; midLine: boolean }>((resolve) => {
      input.end(() => setImmediate(() => { f.flush(); resolve({ out, seen, heap: f.sawHeapAbort(), midLine: f.midLine() }); }));
    });
  }
  // PassThrough delivers each write on a later tick: read `seen` through the final output only.
  it('passes lines, JSON events and blank lines unchanged, and a progress line without waiting for its end', async () => {
    const text = 'ingest: summary (rows=3)\n\n{"event":"x","stage":"link"}\n\r\x1b[Klink: linking… 1.2 s\r\x1b[Klink: linking… 1.5 s';
    const r = await through([text.slice(0, 10), text.slice(10, 40), text.slice(40)]);
    expect(r.out).toBe(text);
    expect(r.heap).toBe(false);
    expect(r.midLine).toBe(true);
  });

  it("drops V8's out-of-memory abort text (and the blank lines before it) and says it was a heap abort", async () => {
    const abort = '\n<--- Last few GCs --->\n\n[1:0x1]  211 ms: Mark-Compact 96.1 (98) -> 95.9 (98) MB\n\n<--- JS stacktrace --->\n\n'
      + 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n----- Native stack trace -----\n\n 1: 0xb8 node::Abort()\n';
    const r = await through(['evaluate: chunk (n=1)\n', abort.slice(0, 3), abort.slice(3, 50), abort.slice(50)]);
    expect(r.out).toBe('evaluate: chunk (n=1)\n');
    expect(r.heap).toBe(true);
  });

  it('a reader that went away (a closed pipe): the command\'s stderr is still read to its end, never paused for good', async () => {
    const input = new PassThrough();
    const gone = new Writable({ write(_c, _e, done) { done(new Error('EPIPE')); } });
    gone.on('error', () => {});
    const f = filterAbortText(input, gone);
    const ended = new Promise((res) => input.on('end', res));
    for (let i = 0; i < 100; i++) input.write(`line ${i}\n`);
    input.end();
    await ended;
    f.flush();
    expect(gone.destroyed).toBe(true);
  });

  it('a line that only begins like an abort marker is passed once it is whole', async () => {
    const r = await through(['<--- not', ' an abort\nFATAL', ' ERROR: Ineffective mark-compacts near heap limit\n']);
    expect(r.out).toBe('<--- not an abort\n');
    expect(r.heap).toBe(true);
  });
});
