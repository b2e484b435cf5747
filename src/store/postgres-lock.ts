import { UsageError } from '../shared/errors.ts';
import type { Store } from './open-store.ts';

/** The advisory-lock key of a tfpbr workspace ('tfpbr' in ASCII): one per database. */
const WORKSPACE_KEY = 0x7466706272;

/**
 * One run at a time per PostgreSQL workspace: a session advisory lock on the command's
 * connection, so the server frees it when that connection ends, however the process ended.
 * Refused at once (exit 2), as the SQLite workspace's lock file is.
 */
export async function acquirePostgresLock(store: Store, describe: string): Promise<() => Promise<void>> {
  const row = await store.sql.get<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${WORKSPACE_KEY}) AS locked`);
  if (!row?.locked) throw new UsageError(`another tfpbr run is using ${describe}; wait for it to finish`);
  return async () => { await store.sql.run(`SELECT pg_advisory_unlock(${WORKSPACE_KEY})`); };
}
