import { EXIT, TfpbrError } from '../shared/errors.ts';
import { runExitCleanups } from '../shared/exit-cleanups.ts';

type StopSignal = 'SIGINT' | 'SIGTERM';

/** A run stopped by Ctrl-C (SIGINT, exit 130) or SIGTERM (exit 143): rolled back, nothing saved. */
export class InterruptedError extends TfpbrError {
  constructor(readonly signal: StopSignal) {
    super(`stopped by ${signal}: the run was rolled back and nothing was saved (the workspace and the output folder are as they were)`,
      signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated);
  }
}

/** How long a stopped run has to end through its own clean-up before it is ended from outside. */
const GRACE_MS = 10_000;

export interface InterruptWatch {
  /** Throws InterruptedError once a stop signal has come (called before every store statement). */
  check(): void;
  /** The stop, once a signal has come (whatever error the stopped stage then threw). */
  stopped(): InterruptedError | null;
  /** The command has finished its clean-up (`failed`: it did not commit): stop watching; a stopped command's process then ends. */
  done(failed: boolean): void;
}

/**
 * While a command runs, SIGINT and SIGTERM stop it cleanly: the next store statement throws
 * (`check`), so the stage's clean-up runs, the transaction rolls back and the command releases
 * its lock and its journal as after any failure. A run busy elsewhere (linking in worker threads) for
 * longer than the grace period, or a second signal, gets `hardStop` (end the connection, release
 * the lock) and the process exits with the signal's code.
 */
export function watchInterrupts(hardStop: () => Promise<void>): InterruptWatch {
  let signal: StopSignal | null = null;
  let timer: NodeJS.Timeout | null = null;
  const exitCode = () => (signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated);
  const forceExit = async () => {
    process.stderr.write(`tfpbr: stopped by ${signal} and ended at once (a second signal, or the run did not stop within ${GRACE_MS / 1000} s): `
      + 'the connection was closed before committing, so nothing was saved\n');
    await hardStop().catch(() => { /* exiting is what is left */ });
    runExitCleanups();
    process.exit(exitCode());
  };
  const onSignal = (s: StopSignal) => {
    if (signal !== null) { void forceExit(); return; }
    signal = s;
    timer = setTimeout(() => { void forceExit(); }, GRACE_MS);
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    check() { if (signal !== null) throw new InterruptedError(signal); },
    stopped: () => (signal === null ? null : new InterruptedError(signal)),
    done(failed) {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      if (timer) clearTimeout(timer);
      // A signal that came as the run committed stopped nothing: the command ends normally.
      if (signal === null || !failed) return;
      // Cleaned up: a further signal, or worker threads still keeping the process alive shortly
      // after the CLI has reported, end it with the stop's code.
      const exit = () => process.exit(exitCode());
      process.once('SIGINT', exit);
      process.once('SIGTERM', exit);
      setTimeout(exit, 2_000).unref();
    },
  };
}
