// The CLI's parent process, in plain JavaScript (no TypeScript loader, nothing of the pipeline): it
// runs the command in a child process with a heap limit and stays small itself, so that when the
// command dies — V8 aborting for lack of heap (SIGABRT), the kernel's OOM killer (SIGKILL), a
// crash, an uncaught error — something is still there to clean up and to say what happened.
// See decisions 68, 70 and 71 in docs/decisions.md.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { rollBackDeadRun } from '../store/roll-back-dead-run.mjs';

const EXIT_INTERNAL = 70;
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 };
/** A command that has not ended this long after a forwarded signal is ended from here. */
const STOP_GRACE_MS = 15_000;
const MIB = 2 ** 20;
const BOOTSTRAP = fileURLToPath(new URL('./ts-child.mjs', import.meta.url));
/**
 * The command's heap may grow to 1.5 times what was live after a full collection before the next
 * one, where V8 otherwise lets it reach up to 4 times on a large machine: the linker's table build
 * makes a county's worth of short-lived garbage, and this bounds the memory it takes by what is
 * held rather than by the machine (decision 73; 30,000 families: link 1,075 → 921 MiB, the same
 * CPU). Before `process.execArgv`, so a flag given to tfpbr's own node wins.
 */
export const HEAP_GROWING = '--heap-growing-percent=50';

/**
 * The command's heap limit, in MiB: TFPBR_HEAP_LIMIT_MIB if set (passed to the child as
 * `--max-old-space-size`, after NODE_OPTIONS, so it wins), otherwise what Node gives this machine
 * (which `--max-old-space-size` in NODE_OPTIONS or on the command line sets; the child inherits it).
 */
export function commandHeapLimitMib(env = process.env) {
  const own = Number(env.TFPBR_HEAP_LIMIT_MIB);
  return own > 0 ? Math.ceil(own) : Math.floor(getHeapStatistics().heap_size_limit / MIB);
}

/**
 * Runs `entry` (a TypeScript module that calls `serveCommand`, src/cli/command-child.ts) in a child
 * process with `argv`, and resolves with the exit code for this process once the child has exited
 * and what it left has been cleaned up. The child writes to this process's stdout itself (the same
 * file: a terminal stays one, a pipe pushes back); its stderr comes through here line by line,
 * without V8's abort text. The child is in its own session (`detached`), so a terminal's Ctrl-C
 * reaches this process only and the command sees one stop: SIGINT and SIGTERM are passed on as
 * messages (its interrupt handling rolls the run back) and a child still going `stopGraceMs` after
 * the first (or after it saw it) is killed. A child that dies has the clean-ups it described
 * (exit-cleanups.ts: lock file, rollback journal, staging folders) run here, and one line (one JSON event with
 * --json) says what to do: exit 70, or the signal's code. A child whose parent is gone (killed
 * with -9) stops itself as for SIGTERM (command-child.ts).
 */
export function runInChild({ entry, argv, stopGraceMs = STOP_GRACE_MS }) {
  const json = argv.includes('--json');
  const debug = Boolean(process.env.TFPBR_DEBUG);
  const limitMib = commandHeapLimitMib();
  const own = Number(process.env.TFPBR_HEAP_LIMIT_MIB) > 0;
  // A reader that went away (`| head`) must not end this process while the command cleans up.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  const spec = { tty: { stderr: process.stderr.isTTY === true, columns: process.stderr.columns ?? null } };
  const cleanups = new Map();
  let child;
  try {
    child = spawn(process.execPath, [
      HEAP_GROWING, ...process.execArgv, ...(own ? [`--max-old-space-size=${limitMib}`] : []),
      BOOTSTRAP, String(entry), JSON.stringify(spec), ...argv,
    ], { stdio: ['inherit', 'inherit', 'pipe', 'ipc'], detached: true, serialization: 'json' });
  } catch (e) {
    report(json, EXIT_INTERNAL, `internal error: the command could not be started (${e?.code ?? 'error'}); it did not run`);
    return Promise.resolve(EXIT_INTERNAL);
  }
  const stderr = filterAbortText(child.stderr, process.stderr, debug);
  let ready = false;
  const queued = [];
  const tell = (m) => {
    if (!ready) { queued.push(m); return; }
    if (child.connected) child.send(m, () => { /* the child is gone: its exit is handled below */ });
  };
  let uncaught = null;
  let spawnError = null;
  let stop = null;
  let ended = false;
  let unhandledSignal = null;
  let timer = null;
  const endLater = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => { ended = true; child.kill('SIGKILL'); }, stopGraceMs);
  };
  const onSignal = (signal) => {
    tell({ tfpbrSignal: signal });
    if (stop !== null) return;
    stop = signal;
    endLater();
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  // Ctrl-Z stops this process (its group) only: stop the child with it, and go on together.
  const onStop = () => { child.kill('SIGSTOP'); process.kill(process.pid, 'SIGSTOP'); };
  const onCont = () => { child.kill('SIGCONT'); };
  const onResize = () => tell({ tfpbrColumns: process.stderr.columns ?? null });
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  process.on('SIGTSTP', onStop);
  process.on('SIGCONT', onCont);
  if (spec.tty.stderr) process.stderr.on('resize', onResize);
  child.on('message', (m) => {
    if (m?.tfpbrExitCleanup === 'add') cleanups.set(m.id, m.cleanup);
    else if (m?.tfpbrExitCleanup === 'remove') cleanups.delete(m.id);
    else if (m?.tfpbrReady) { ready = true; for (const q of queued.splice(0)) tell(q); }
    else if (m?.tfpbrUncaught) uncaught = m.tfpbrUncaught;
    else if (m?.tfpbrUnhandledSignal) unhandledSignal = m.tfpbrUnhandledSignal;
    // The command has seen the stop (a process busy in one long step sees it late): its own grace
    // (interrupts.ts, 10 s) runs from now, so the wait here does too.
    else if (m?.tfpbrSignalSeen && stop !== null && !ended) endLater();
  });
  return new Promise((resolve) => {
    let finished = false;
    // A child that could not be started (no pid) may never close: end from its error.
    child.on('error', (e) => { spawnError = e; if (child.pid === undefined) finish(null, null); });
    child.on('close', (code, signal) => finish(code, signal));
    function finish(code, signal) {
      if (finished) return;
      finished = true;
      if (timer) clearTimeout(timer);
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      process.off('SIGTSTP', onStop);
      process.off('SIGCONT', onCont);
      process.stderr.off('resize', onResize);
      stderr.flush();
      const leftOver = [...cleanups.values()].reverse();
      runCleanups(leftOver);
      const after = leftOver.length > 0 ? `it had not committed, so nothing was saved${cleared(leftOver)}` : 'it did not finish';
      const say = (exitCode, message) => { report(json, exitCode, message, stderr.midLine()); resolve(exitCode); };
      if (unhandledSignal || (signal && signal in SIGNAL_EXIT && stop === null)) {
        // The command was not in a run that handles signals (or was sent one directly): end the way Node would have.
        process.kill(process.pid, unhandledSignal ?? signal);
        return;
      }
      if (ended) {
        say(SIGNAL_EXIT[stop], `stopped by ${stop} and ended from outside (the command did not stop within ${stopGraceMs / 1000} s): ${after}`);
      } else if (signal !== null) {
        say(EXIT_INTERNAL, deathMessage(signal, stderr.sawHeapAbort(), limitMib, after, debug));
      } else if (uncaught !== null) {
        say(EXIT_INTERNAL, uncaughtMessage(uncaught, after, debug));
      } else if (spawnError !== null && code === null) {
        // (Never started: nothing was cleaned up because nothing ran.)
        say(EXIT_INTERNAL, `internal error: the command could not be started (${spawnError.code ?? 'error'}); it did not run`);
      } else {
        resolve(code ?? EXIT_INTERNAL);
      }
    }
  });
}

/** More heap to suggest: at least 8 GiB, else twice the limit, in whole GiB. */
const moreHeap = (limitMib) => Math.max(8192, Math.ceil((2 * limitMib) / 1024) * 1024);

/** One line for a command process that died by a signal: what happened and what to do. */
function deathMessage(signal, heapAbort, limitMib, after, debug) {
  const more = moreHeap(limitMib);
  if (heapAbort) {
    return `out of memory: the command filled its JavaScript heap (${limitMib} MiB) and was stopped; ${after}. `
      + `Run again with more heap (TFPBR_HEAP_LIMIT_MIB=${more}, or NODE_OPTIONS=--max-old-space-size=${more}) on a machine with that much free memory, `
      + 'and report the county size to the tfpbr maintainers';
  }
  if (signal === 'SIGKILL') {
    return `out of memory: the command was killed (SIGKILL), most likely by the system for lack of memory (its heap limit is ${limitMib} MiB); ${after}. `
      + 'Run again with fewer other programs running, or on a machine with more free memory (or a lower TFPBR_HEAP_LIMIT_MIB so that it stops in time), '
      + 'and report the county size to the tfpbr maintainers';
  }
  return `internal error (a bug; please report this line${debug ? '' : ', or re-run with TFPBR_DEBUG=1 for detail'}): the command crashed (${signal}); ${after}`;
}

/** One line for an uncaught error in the command: its kind and `src/` frame only, never its text (it may quote input). */
function uncaughtMessage(u, after, debug) {
  if (debug && u.stack) return `internal error: ${u.stack}`;
  return `internal error (a bug; please report this line, or re-run with TFPBR_DEBUG=1 for detail): uncaught ${u.name} at ${u.frame}; ${after}`;
}

/** What this process did for a dead command, in words (no paths: one line). */
function cleared(leftOver) {
  const kinds = new Set(leftOver.map((c) => c.kind));
  const done = [kinds.has('remove-lock') && 'the workspace lock removed', kinds.has('roll-back') && 'the database rolled back',
    kinds.has('remove') && 'its unfinished files removed'].filter(Boolean);
  return done.length > 0 ? ` (${done.join(', ')})` : '';
}

/** One line (or JSON event); on a terminal, a progress line the command left unfinished is cleared first. */
function report(json, exitCode, message, midLine = false) {
  const lead = midLine ? (process.stderr.isTTY ? '\r\x1b[K' : '\n') : '';
  process.stderr.write(json ? `${lead}${JSON.stringify({ at: new Date().toISOString(), event: 'error', exitCode, message })}\n` : `${lead}tfpbr: ${message}\n`);
}

/** The dead command's clean-ups, last added first (the lock, taken first, goes last); one failing does not stop the others. */
function runCleanups(list) {
  for (const c of list) {
    try {
      if (c.kind === 'remove-lock') {
        if (readText(c.path) === c.owner) rmSync(c.path, { force: true });
      } else if (c.kind === 'remove') {
        for (const p of c.paths) rmSync(p, { recursive: true, force: true });
      } else if (c.kind === 'roll-back') {
        rollBackDeadRun(c.db);
      } // 'uncommitted': nothing to do, the database rolls back the connection's transaction
    } catch { /* exiting anyway: the next run clears what is left */ }
  }
}

function readText(path) {
  try { return readFileSync(path, 'utf8'); } catch { return null; }
}

/** Lines that start what V8 (and Node) print when they abort the process. */
const ABORT_START = ['<--- Last few GCs --->', '<--- JS stacktrace --->', 'FATAL ERROR:', '# Fatal error', '# Fatal JavaScript', '----- Native stack trace -----'];
const HEAP_ABORT = /JavaScript heap out of memory|Reached heap limit|Ineffective mark-compacts near heap limit|<--- Last few GCs --->/;

/**
 * Passes the child's stderr to `out` as it comes (a progress line's '\r' redraws are not held for a
 * newline), except V8's abort text: from the first line that starts it, nothing more is passed
 * (the process is ending), and blank lines just before it are dropped too. Pushes back on the
 * child when `out` is slow. With `keepAll` (TFPBR_DEBUG) everything is passed.
 */
export function filterAbortText(input, out, keepAll = false) {
  let held = '';          // the start of a line not yet passed (could begin an abort block)
  let blanks = 0;         // blank lines held back
  let partial = false;    // part of the current line has been passed
  let dropping = false;
  let heapAbort = false;
  let lastByteNewline = true;
  const write = (s) => {
    // A reader that went away (`2>&1 | head`): what the child writes is dropped, never waited for.
    if (s.length === 0 || out.destroyed) return;
    lastByteNewline = s.endsWith('\n');
    if (out.write(s) || out.destroyed) return;
    input.pause();
    const go = () => {
      for (const e of ['drain', 'close', 'error']) out.off(e, go);
      input.resume();
    };
    for (const e of ['drain', 'close', 'error']) out.once(e, go);
  };
  const flushBlanks = () => { if (blanks > 0) { write('\n'.repeat(blanks)); blanks = 0; } };
  const startsAbort = (line) => ABORT_START.some((m) => line.startsWith(m));
  const couldStartAbort = (text) => ABORT_START.some((m) => m.startsWith(text) || text.startsWith(m));
  input.setEncoding('utf8');
  input.on('data', (chunk) => {
    if (dropping) { if (!heapAbort && HEAP_ABORT.test(chunk)) heapAbort = true; return; }
    if (keepAll) { if (HEAP_ABORT.test(chunk)) heapAbort = true; write(chunk); return; }
    let text = held + chunk;
    held = '';
    for (;;) {
      const nl = text.indexOf('\n');
      if (nl < 0) break;
      const line = text.slice(0, nl);
      text = text.slice(nl + 1);
      if (partial) { write(`${line}\n`); partial = false; continue; }
      if (line.length === 0 || line === '\r') { blanks++; continue; }
      if (startsAbort(line)) {
        dropping = true;
        blanks = 0;
        heapAbort = HEAP_ABORT.test(line + text);
        return;
      }
      flushBlanks();
      write(`${line}\n`);
    }
    if (text.length === 0) return;
    if (partial) { write(text); return; }
    if (couldStartAbort(text)) { held = text; return; }
    flushBlanks();
    write(text);
    partial = true;
  });
  return {
    /** At the child's end: what was held back and was not an abort after all. */
    flush() {
      if (dropping) return;
      flushBlanks();
      write(held);
      held = '';
    },
    sawHeapAbort: () => heapAbort,
    /** The last thing passed did not end its line (a progress line). */
    midLine: () => !lastByteNewline,
  };
}
