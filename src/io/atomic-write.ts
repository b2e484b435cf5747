import { open, rename, rm } from 'node:fs/promises';

/**
 * Write to `<path>.tmp-<pid>`, fsync, then rename over `path`: a reader (or an auditor after a
 * crash) sees the old file or the complete new one, never a half-written file under the real name.
 */
export async function atomicWrite(path: string, data: string | Uint8Array): Promise<void> {
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
