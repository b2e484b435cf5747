/**
 * What a command is writing that must not outlive it when the process is ended from outside (a
 * run stopped by a signal that did not reach its own clean-up in time): an output set's staging
 * folder, `audit verify`'s scratch database. A writer adds its clean-up and removes it once done;
 * `runExitCleanups` runs what is left, synchronously, just before the process exits.
 *
 * A clean-up may also be described as data (`ExitCleanup`). A command runs in a child process
 * (src/cli/run-in-child.mjs); the parent is told of every described clean-up as it is added and
 * removed, and runs what is left when the child ends without running them itself (V8's
 * out-of-memory abort, killed by the system, an uncaught error, killed for not yielding to a
 * signal). A child whose parent is gone runs what is left itself as it exits (command-child.ts).
 */
/** Each registered clean-up and what unregisters it. */
const cleanups = new Map<() => void, () => void>();

/** A clean-up the parent process can run for a command process that is gone (plain data: it crosses processes). */
export type ExitCleanup =
  /** Remove a lock file, if it still holds `owner` (the text the run wrote into it). */
  | { readonly kind: 'remove-lock'; readonly path: string; readonly owner: string }
  /** Remove files or folders (a staging folder, a database the failed run created, a scratch folder). */
  | { readonly kind: 'remove'; readonly paths: readonly string[] }
  /** Roll a dead SQLite run back from its rollback journal now (store/roll-back-dead-run.mjs), rather than at the next open. */
  | { readonly kind: 'roll-back'; readonly db: string }
  /** Nothing to do: a run's transaction is open (PostgreSQL rolls it back when the connection goes); the parent can say so. */
  | { readonly kind: 'uncommitted' };

/** What the parent is told: a described clean-up added, or removed once done. */
export type ExitCleanupMessage =
  | { readonly tfpbrExitCleanup: 'add'; readonly id: number; readonly cleanup: ExitCleanup }
  | { readonly tfpbrExitCleanup: 'remove'; readonly id: number };

let sink: ((message: ExitCleanupMessage) => void) | null = null;
let nextId = 1;

/** In a command's process: where to tell of described clean-ups (the IPC channel to the parent). */
export function reportExitCleanupsTo(send: ((message: ExitCleanupMessage) => void) | null): void {
  sink = send;
}

/** Registers `fn` (and, if given, its description for the parent process); the returned function unregisters it. */
export function addExitCleanup(fn: () => void, described?: ExitCleanup): () => void {
  const id = nextId++;
  const send = described !== undefined ? sink : null;
  send?.({ tfpbrExitCleanup: 'add', id, cleanup: described! });
  let done = false;
  const forget = () => {
    if (cleanups.get(fn) === forget) cleanups.delete(fn);
    if (send && !done) send({ tfpbrExitCleanup: 'remove', id });
    done = true;
  };
  cleanups.set(fn, forget);
  return forget;
}

/** Runs every registered clean-up (each at most once; one failing does not stop the others). */
export function runExitCleanups(): void {
  for (const [fn, forget] of [...cleanups]) {
    try { fn(); } catch { /* exiting anyway: the next run clears what is left */ }
    forget();
  }
}
