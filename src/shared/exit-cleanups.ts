/**
 * What a command is writing that must not outlive it when the process is ended from outside (a
 * run stopped by a signal that did not reach its own clean-up in time): an output set's staging
 * folder, `audit verify`'s scratch database. A writer adds its clean-up and removes it once done;
 * `runExitCleanups` runs what is left, synchronously, just before the process exits.
 */
const cleanups = new Set<() => void>();

/** Registers `fn`; the returned function unregisters it. */
export function addExitCleanup(fn: () => void): () => void {
  cleanups.add(fn);
  return () => { cleanups.delete(fn); };
}

/** Runs every registered clean-up (each at most once; one failing does not stop the others). */
export function runExitCleanups(): void {
  for (const fn of [...cleanups]) {
    cleanups.delete(fn);
    try { fn(); } catch { /* exiting anyway: the next run clears what is left */ }
  }
}
