import { open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Write to `<path>.tmp-<pid>`, fsync, then rename over `path`: a reader (or an auditor after a
 * crash) sees the old file or the complete new one, never a half-written file under the real name.
 * The temporary file is removed on any failure, and one a killed process left is removed by the
 * next write of the same file.
 */
export async function atomicWrite(path: string, data: string | Uint8Array): Promise<void> {
  await removeStaleTemporaries(path);
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** `<path>.tmp-<pid>` files of processes no longer running. */
async function removeStaleTemporaries(path: string): Promise<void> {
  const prefix = `${basename(path)}.tmp-`;
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (Number.isSafeInteger(pid) && pid > 0 && !isProcessAlive(pid)) await rm(join(dirname(path), name), { force: true });
  }
}

export function isProcessAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}
