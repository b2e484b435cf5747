import { closeSync, existsSync, linkSync, openSync, readFileSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../shared/errors.ts';
import { addExitCleanup } from '../shared/exit-cleanups.ts';

/**
 * One run at a time per workspace (cron may start a run while an analyst's is going): a lock file
 * beside the database's real path (so the same database reached through a symlink is the same
 * lock) holding the owner's pid and the start time the OS gives that process. A lock whose process
 * is gone, or whose pid now belongs to a different process (started at another time), is stale and
 * taken over. The lock is also an exit clean-up (exit-cleanups.ts), so a command that dies for
 * lack of memory does not leave it behind.
 */
export function acquireWorkspaceLock(dbPath: string): () => void {
  const db = realDatabasePath(dbPath);
  const path = `${db}.lock`;
  const me = ownerText(process.pid);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, me);
      closeSync(fd);
      const remove = () => { if (readText(path) === me) rmSync(path, { force: true }); };
      // A command process that dies (out of memory) has the lock removed by its parent (run-in-child.mjs).
      const forget = addExitCleanup(remove, { kind: 'remove-lock', path, owner: me });
      return () => { remove(); forget(); };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw cannotLock(db, path, e);
      const text = readText(path);
      if (text === null) continue;
      const owner = parseOwner(text);
      if (owner && owner.pid !== process.pid && isSameLiveProcess(owner)) {
        throw new UsageError(`another tfpbr run (process ${owner.pid}) is using ${db}; wait for it to finish. `
          + `If no tfpbr run is going, delete ${path}`);
      }
      takeOver(path, text);
    }
  }
  throw new UsageError(`cannot lock ${db}: if no tfpbr run is going, delete ${path}`);
}

/** The database's real path: through symlinks of the file and of its folder; the folder must exist. */
export function realDatabasePath(dbPath: string): string {
  if (existsSync(dbPath)) return realpathSync(dbPath);
  let folder: string;
  try {
    folder = realpathSync(dirname(dbPath));
  } catch {
    throw new UsageError(`--db ${dbPath}: the folder ${dirname(dbPath)} does not exist; create it first`);
  }
  return join(folder, basename(dbPath));
}

/**
 * Moves a stale lock aside (only one process can move a given file) and puts it back if, between
 * reading it and moving it, another process had already replaced it with a live lock.
 */
function takeOver(path: string, staleText: string): void {
  const aside = `${path}.stale-${process.pid}`;
  try { renameSync(path, aside); } catch { return; }
  if (readText(aside) !== staleText) {
    try { linkSync(aside, path); } catch { /* a newer lock is in place: the next attempt sees it */ }
  }
  rmSync(aside, { force: true });
}

function cannotLock(db: string, path: string, e: unknown): UsageError {
  return new UsageError(`cannot create the lock ${path} beside ${db} (${(e as NodeJS.ErrnoException).code ?? 'error'}); check the folder is writable`);
}

function readText(path: string): string | null {
  try { return readFileSync(path, 'utf8'); } catch { return null; }
}

interface Owner { readonly pid: number; readonly started: string | null }

function ownerText(pid: number): string {
  return `${pid} ${processStartTime(pid) ?? '-'}`;
}

export function parseOwner(text: string): Owner | null {
  const [pidText, started] = text.trim().split(/\s+/);
  const pid = Number(pidText);
  return Number.isSafeInteger(pid) && pid > 0 ? { pid, started: started && started !== '-' ? started : null } : null;
}

/** Alive and, where the OS tells start times (Linux /proc), started when the lock says. */
function isSameLiveProcess(owner: Owner): boolean {
  if (!isAlive(owner.pid)) return false;
  if (owner.started === null) return true;
  const now = processStartTime(owner.pid);
  return now === null || now === owner.started;
}

function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** Clock ticks after boot when `pid` started (field 22 of /proc/PID/stat), or null where there is no /proc. */
export function processStartTime(pid: number): string | null {
  const stat = readText(`/proc/${pid}/stat`);
  if (stat === null) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null;
}
