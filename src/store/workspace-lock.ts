import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { UsageError } from '../shared/errors.ts';

/**
 * One run at a time per workspace (cron may start a run while an analyst's is going): a lock file
 * beside the database holding the owner's pid. A lock left by a process that no longer exists is
 * taken over.
 */
export function acquireWorkspaceLock(dbPath: string): () => void {
  const path = `${dbPath}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(readFileSync(path, 'utf8').trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new UsageError(`another tfpbr run (process ${owner}) is using ${dbPath}; try again when it has finished`);
      }
      rmSync(path, { force: true });
    }
  }
  throw new UsageError(`cannot lock ${dbPath}: remove ${path} if no tfpbr run is going`);
}

function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}
