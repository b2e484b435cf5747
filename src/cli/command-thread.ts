import { parentPort, workerData } from 'node:worker_threads';
import { reportExitCleanupsTo, runExitCleanups, type ExitCleanupMessage } from '../shared/exit-cleanups.ts';

/** What the main thread (run-in-worker.mjs) gives the command thread. */
interface CommandThreadData {
  readonly argv: string[];
  readonly tty: { readonly stdout: boolean; readonly stderr: boolean; readonly columns: number | null };
}

const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * The command side of run-in-worker.mjs: runs `run(argv)` in this worker thread as the process
 * would, and sets the thread's exit code to what it returns. Its stdout and stderr look like the
 * process's (a terminal stays a terminal for the progress line); described exit clean-ups are
 * told to the main thread; a signal the main thread passes on reaches the `process.on('SIGINT')`
 * handlers here (interrupts.ts), and with none, ends the command as the signal would have.
 */
export async function serveCommand(run: (argv: string[]) => Promise<number>): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('serveCommand runs in a worker thread started by run-in-worker.mjs');
  const data = workerData as CommandThreadData;
  if (data.tty.stdout) Object.assign(process.stdout, { isTTY: true, columns: data.tty.columns ?? undefined });
  if (data.tty.stderr) Object.assign(process.stderr, { isTTY: true, columns: data.tty.columns ?? undefined });
  reportExitCleanupsTo((m: ExitCleanupMessage) => port.postMessage(m));
  port.on('message', (m: { tfpbrSignal?: string }) => {
    const signal = m?.tfpbrSignal;
    if (!signal) return;
    if (process.listenerCount(signal) > 0) {
      port.postMessage({ tfpbrSignalSeen: signal });
      process.emit(signal as NodeJS.Signals, signal as NodeJS.Signals);
      return;
    }
    port.postMessage({ tfpbrUnhandledSignal: signal });
    runExitCleanups();
    process.exit(SIGNAL_EXIT[signal] ?? 1);
  });
  // Listening for signals must not keep the command going once it is done.
  port.unref();
  process.exitCode = await run(data.argv);
}
