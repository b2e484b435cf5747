// Plain JavaScript (no TypeScript loader): used by the CLI's parent process (src/cli/run-in-child.mjs)
// after a command's process died, to give a rolled-back SQLite run's WAL back to the disk.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Opens the SQLite database read-write and checkpoints its WAL, truncating it to nothing; closing
 * the (then last) connection removes the WAL file. What a dead command had not committed is not in
 * the database, so nothing of it is written. A missing database or a failing checkpoint is left
 * as it is (the next run's own checkpoint clears it).
 */
export function checkpointWal(db) {
  if (!existsSync(db)) return;
  const Database = require('better-sqlite3');
  const conn = new Database(db, { fileMustExist: true, timeout: 5_000 });
  try {
    conn.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    conn.close();
  }
}
