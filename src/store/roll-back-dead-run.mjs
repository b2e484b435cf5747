// Plain JavaScript (no TypeScript loader): used by the CLI's parent process (src/cli/run-in-child.mjs)
// after a command's process died in the middle of its transaction.
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Opens the SQLite database and reads it once, which rolls back the dead command's transaction
 * from its rollback journal (a "hot" journal: SQLite restores every page the command wrote to the
 * file and truncates it to its size before, giving back what the command appended) and deletes the
 * journal. A journal the command left before writing to the file is not hot (SQLite ignores it):
 * it is deleted under an exclusive lock, so it cannot be another connection's. A workspace an
 * older tfpbr left in WAL mode has its WAL checkpointed and truncated. A missing database, or one
 * another program holds, is left as it is: the next connection to read it rolls it back the same way.
 */
export function rollBackDeadRun(db) {
  if (!existsSync(db)) return;
  const Database = require('better-sqlite3');
  const conn = new Database(db, { fileMustExist: true, timeout: 5_000 });
  try {
    conn.prepare('SELECT count(*) FROM sqlite_master').get();
    if (conn.pragma('journal_mode', { simple: true }) === 'wal') conn.pragma('wal_checkpoint(TRUNCATE)');
    else if (existsSync(`${db}-journal`)) {
      conn.exec('BEGIN EXCLUSIVE');
      try { rmSync(`${db}-journal`, { force: true }); } finally { conn.exec('COMMIT'); }
    }
  } finally {
    conn.close();
  }
}
