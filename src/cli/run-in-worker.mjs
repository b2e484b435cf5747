// The CLI's main thread, in plain JavaScript (no TypeScript loader, nothing of the pipeline): it
// runs the command in a worker thread with a heap limit and stays small itself, so that when the
// command runs out of memory (or dies of an uncaught error) something is still there to clean up
// and to say what happened. See decision 68 in docs/decisions.md.
import { getHeapStatistics } from 'node:v8';
import { readFileSync, rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { checkpointWal } from '../store/checkpoint-wal.mjs';

const EXIT_INTERNAL = 70;
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 };
/** A command that has not ended this long after a forwarded signal is ended from here. */
const STOP_GRACE_MS = 15_000;
const MIB = 2 ** 20;

/**
 * The command thread's heap limit, in MiB: TFPBR_HEAP_LIMIT_MIB if set, otherwise what Node gives
 * this machine (which `--max-old-space-size`, in NODE_OPTIONS or on the command line, sets). V8's
 * `--max-old-space-size` is process-wide and overrides a worker's own limit: when it is given,
 * it is the limit and TFPBR_HEAP_LIMIT_MIB only lowers the early heap guard (heap-guard.ts).
 */
export function commandHeapLimitMib(env = process.env) {
  const own = Number(env.TFPBR_HEAP_LIMIT_MIB);
  return own > 0 ? Math.ceil(own) : Math.floor(getHeapStatistics().heap_size_limit / MIB);
}

/**
 * Runs `entry` (a TypeScript module that calls `serveCommand`, src/cli/command-thread.ts) in a
 * worker thread with `argv`, and resolves with the exit code for this process. Its stdout and
 * stderr come out here; SIGINT and SIGTERM are passed on to it (its own interrupt handling rolls
 * the run back) and a worker still going `stopGraceMs` after the first (or after it saw it) is terminated. A worker
 * that dies (out of memory, an uncaught error, terminated) has the clean-ups it described
 * (exit-cleanups.ts: lock file, WAL, staging folders) run here, and one line (one JSON event
 * with --json) says what to do: exit 70, or the signal's code.
 */
export function runInWorker({ entry, argv, stopGraceMs = STOP_GRACE_MS }) {
  const json = argv.includes('--json');
  const limitMib = commandHeapLimitMib();
  // A reader that went away (`| head`) must not end this thread while the command cleans up.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
  const cleanups = new Map();
  const worker = new Worker(new URL('../pipeline/ts-worker.mjs', import.meta.url), {
    workerData: {
      entry: String(entry), argv,
      tty: { stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true, columns: process.stderr.columns ?? null },
    },
    resourceLimits: { maxOldGenerationSizeMb: limitMib },
  });
  let failure = null;
  let stop = null;
  let ended = false;
  let unhandledSignal = null;
  let timer = null;
  const endLater = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => { ended = true; void worker.terminate(); }, stopGraceMs);
  };
  const onSignal = (signal) => {
    worker.postMessage({ tfpbrSignal: signal });
    if (stop !== null) return;
    stop = signal;
    endLater();
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  worker.on('message', (m) => {
    if (m?.tfpbrExitCleanup === 'add') cleanups.set(m.id, m.cleanup);
    else if (m?.tfpbrExitCleanup === 'remove') cleanups.delete(m.id);
    else if (m?.tfpbrUnhandledSignal) unhandledSignal = m.tfpbrUnhandledSignal;
    // The command has seen the stop (a thread busy in one long step sees it late): its own grace
    // (interrupts.ts, 10 s) runs from now, so the wait here does too.
    else if (m?.tfpbrSignalSeen && stop !== null && !ended) endLater();
  });
  worker.on('error', (e) => { failure = e; });
  return new Promise((resolve) => {
    worker.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      const leftOver = [...cleanups.values()].reverse();
      runCleanups(leftOver);
      if (unhandledSignal) {
        // The command was not in a run that handles signals: end the way Node would have.
        process.kill(process.pid, unhandledSignal);
        return;
      }
      if (ended) {
        report(json, SIGNAL_EXIT[stop], `stopped by ${stop} and ended from outside (the command did not stop within ${stopGraceMs / 1000} s): `
          + (leftOver.length > 0 ? `it had not committed, so nothing was saved${cleared(leftOver)}` : 'it did not finish'));
        resolve(SIGNAL_EXIT[stop]);
      } else if (failure !== null) {
        report(json, EXIT_INTERNAL, failureMessage(failure, limitMib, leftOver));
        resolve(EXIT_INTERNAL);
      } else {
        resolve(code);
      }
    });
  });
}

/** One line for a dead command thread: what happened and what to do; never the error's own text (it may quote input). */
function failureMessage(e, limitMib, leftOver) {
  const after = leftOver.length > 0 ? `it had not committed, so nothing was saved${cleared(leftOver)}` : 'it did not finish';
  if (e?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    const more = Math.max(8192, Math.ceil((2 * limitMib) / 1024) * 1024);
    return `out of memory: the command filled its JavaScript heap (${limitMib} MiB) and was stopped; ${after}. `
      + `Run again with more heap (TFPBR_HEAP_LIMIT_MIB=${more}, or NODE_OPTIONS=--max-old-space-size=${more}) on a machine with that much free memory, `
      + 'and report the county size to the tfpbr maintainers';
  }
  if (process.env.TFPBR_DEBUG) return `internal error: ${e?.stack ?? String(e)}`;
  const name = e?.name ?? typeof e;
  const frame = String(e?.stack ?? '').split('\n').find((l) => l.includes('/src/'))?.trim().replace(/^at /, '') ?? 'unknown place';
  return `internal error (a bug; please report this line, or re-run with TFPBR_DEBUG=1 for detail): uncaught ${name} at ${frame}; ${after}`;
}

/** What the main thread did for a dead command, in words (no paths: one line). */
function cleared(leftOver) {
  const kinds = new Set(leftOver.map((c) => c.kind));
  const done = [kinds.has('remove-lock') && 'the workspace lock removed', kinds.has('checkpoint-wal') && 'the WAL truncated',
    kinds.has('remove') && 'its unfinished files removed'].filter(Boolean);
  return done.length > 0 ? ` (${done.join(', ')})` : '';
}

function report(json, exitCode, message) {
  process.stderr.write(json ? `${JSON.stringify({ at: new Date().toISOString(), event: 'error', exitCode, message })}\n` : `tfpbr: ${message}\n`);
}

/** The dead command's clean-ups, last added first (the lock, taken first, goes last); one failing does not stop the others. */
function runCleanups(list) {
  for (const c of list) {
    try {
      if (c.kind === 'remove-lock') {
        if (readText(c.path) === c.owner) rmSync(c.path, { force: true });
      } else if (c.kind === 'remove') {
        for (const p of c.paths) rmSync(p, { recursive: true, force: true });
      } else if (c.kind === 'checkpoint-wal') {
        checkpointWal(c.db);
      } // 'uncommitted': nothing to do, the database rolls back the connection's transaction
    } catch { /* exiting anyway: the next run clears what is left */ }
  }
}

function readText(path) {
  try { return readFileSync(path, 'utf8'); } catch { return null; }
}
