import { reportExitCleanupsTo, runExitCleanups, type ExitCleanupMessage } from '../shared/exit-cleanups.ts';

/** What the parent (run-in-child.mjs) tells the command process on its command line, before the command's own arguments. */
interface CommandSpec {
  readonly tty: { readonly stderr: boolean; readonly columns: number | null };
}

/** Messages from the parent. */
interface ParentMessage {
  readonly tfpbrSignal?: 'SIGINT' | 'SIGTERM';
  readonly tfpbrColumns?: number | null;
}

const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * The command side of run-in-child.mjs: runs `run(argv)` in this child process as the CLI would,
 * and sets the exit code to what it returns. stdout is the parent's own; stderr is a pipe through
 * the parent, which says whether it is a terminal (the progress line) and its width. Described
 * exit clean-ups are told to the parent as they are added and removed.
 *
 * Signals: this process is in its own session, so a terminal's Ctrl-C does not reach it; the
 * parent passes SIGINT/SIGTERM on as a message, emitted here on `process` for the handlers of a
 * run (interrupts.ts), and with none, the command ends as the signal would have ended it. The
 * parent gone (killed with -9: the IPC channel closes) is a SIGTERM: the run rolls back, releases
 * its lock and ends. An uncaught error is told to the parent (its kind and `src/` frame, never its
 * text) and the process exits 70 without its own clean-ups: the parent runs them, as for a crash.
 */
export async function serveCommand(run: (argv: string[]) => Promise<number>): Promise<void> {
  if (typeof process.send !== 'function') throw new Error('serveCommand runs in a child process started by run-in-child.mjs');
  const spec = JSON.parse(process.argv[2] ?? '{}') as CommandSpec;
  const argv = process.argv.slice(3);
  if (spec.tty?.stderr) Object.assign(process.stderr, { isTTY: true, columns: spec.tty.columns ?? undefined });
  // The parent gone, stderr's pipe is closed: writing to it must not end the clean-up.
  process.stderr.on('error', () => {});
  const tell = (m: object, then?: () => void) => {
    if (!process.connected) { then?.(); return; }
    try { process.send!(m, undefined, undefined, () => then?.()); } catch { then?.(); }
  };
  reportExitCleanupsTo((m: ExitCleanupMessage) => tell(m));
  let dying = false;
  const die = (e: unknown) => {
    if (dying) return;
    dying = true;
    const exit = () => process.exit(70);
    setTimeout(exit, 2_000).unref();
    tell({ tfpbrUncaught: describeError(e) }, exit);
  };
  process.on('uncaughtException', die);
  // With the parent gone (killed with -9), what the command still had registered as it ends is
  // removed here; otherwise the parent runs it, and says so.
  process.on('exit', () => { if (!process.connected) runExitCleanups(); });
  const stop = (signal: 'SIGINT' | 'SIGTERM') => {
    if (process.listenerCount(signal) > 0) {
      tell({ tfpbrSignalSeen: signal });
      process.emit(signal, signal);
      return;
    }
    tell({ tfpbrUnhandledSignal: signal }, () => {
      runExitCleanups();
      process.exit(SIGNAL_EXIT[signal] ?? 1);
    });
  };
  process.on('message', (m: ParentMessage) => {
    if (m?.tfpbrSignal) stop(m.tfpbrSignal);
    else if (m?.tfpbrColumns !== undefined && spec.tty?.stderr) Object.assign(process.stderr, { columns: m.tfpbrColumns ?? undefined });
  });
  process.on('disconnect', () => { if (!dying) stop('SIGTERM'); });
  // Listening to the parent must not keep the command going once it is done.
  process.channel?.unref();
  tell({ tfpbrReady: true });
  try {
    process.exitCode = await run(argv);
  } catch (e) {
    die(e);
  }
}

/** An error's kind and its first frame in tfpbr's own code; its text and whole stack only with TFPBR_DEBUG. */
function describeError(e: unknown): { name: string; frame: string; stack?: string } {
  const err = e as { name?: unknown; stack?: unknown } | null;
  const name = typeof err?.name === 'string' ? err.name : typeof e;
  const stack = String(err?.stack ?? '');
  const frame = stack.split('\n').find((l) => l.includes('/src/'))?.trim().replace(/^at /, '') ?? 'unknown place';
  return { name, frame, ...(process.env.TFPBR_DEBUG ? { stack: stack || String(e) } : {}) };
}
