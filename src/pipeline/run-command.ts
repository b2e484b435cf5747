import { existsSync, rmSync } from 'node:fs';
import { guardStore } from '../store/guarded-store.ts';
import { migrateStore, openStore, sqliteFiles, type Store } from '../store/open-store.ts';
import { withTransaction } from '../store/transaction.ts';
import { acquireWorkspaceLock } from '../store/workspace-lock.ts';
import { acquirePostgresLock } from '../store/postgres-lock.ts';
import { alignIdentities } from '../store/align-identities.ts';
import { describeTarget, isPostgresTarget } from '../store/sql.ts';
import { appendAuditEvent, finishRun, startRun } from '../store/runs.ts';
import type { Clock, Logger } from '../shared/context.ts';
import type { StageContext } from './ingest/run-ingest.ts';
import { watchInterrupts } from './interrupts.ts';
import { addExitCleanup } from '../shared/exit-cleanups.ts';

export interface CommandEnv {
  readonly dbPath: string;
  readonly clock: Clock;
  readonly log: Logger;
}

/**
 * Opens the store and runs a command's stages as one run, in one transaction that also holds the
 * migrations: either the run and everything it wrote are committed together, or the database is
 * left exactly as it was. `prepare` runs first, outside the database, for checks that must not
 * touch it. A SQLite database the failed run created is removed again, so "as it was" includes
 * "not there"; on PostgreSQL the rolled-back migrations leave a new database empty. On PostgreSQL
 * the lock is an advisory lock taken once connected. SIGINT/SIGTERM stop the run the same way
 * (interrupts.ts), with exit 130/143.
 */
export async function runCommand<P, T>(
  env: CommandEnv,
  command: string,
  options: Record<string, unknown>,
  prepare: () => Promise<P>,
  stages: (ctx: StageContext, prepared: P) => Promise<T>,
): Promise<T> {
  const prepared = await prepare();
  const postgres = isPostgresTarget(env.dbPath);
  const release = postgres ? () => {} : acquireWorkspaceLock(env.dbPath);
  const existed = postgres || existsSync(env.dbPath);
  const removeNewDatabase = () => { if (!existed) for (const path of sqliteFiles(env.dbPath)) rmSync(path, { force: true }); };
  // Should the command's process die (out of memory, an uncaught error), its parent
  // (cli/run-in-child.mjs) does what the `finally` below would have: a database this run created goes, an existing one
  // is rolled back from its journal (run before the lock, registered earlier, is removed); a
  // PostgreSQL server rolls back by itself when the connection goes.
  const forgetDatabase = addExitCleanup(() => {}, postgres ? { kind: 'uncommitted' }
    : existed ? { kind: 'roll-back', db: env.dbPath } : { kind: 'remove', paths: sqliteFiles(env.dbPath) });
  let failed = true;
  let store: Store | null = null;
  const watch = watchInterrupts(async () => {
    await store?.abort();
    removeNewDatabase();
    release();
  });
  try {
    // A run that needs the file to itself (to write pages out, to commit) waits up to a minute for
    // a reader to finish (an analyst's query) rather than failing after five seconds of its work.
    store = await openStore(env.dbPath, { deferMigrations: true, busyTimeoutMs: 60_000 });
    const open = store;
    if (postgres) await acquirePostgresLock(open, describeTarget(env.dbPath));
    const audit = auditLog(open);
    return await withTransaction(open, async () => {
      await migrateStore(open);
      await alignIdentities(open);
      const id = await startRun(open, { command, startedAt: env.clock().toISOString(), status: 'running', optionsJson: JSON.stringify(options) });
      const guarded = guardStore(open, watch.check);
      const ctx: StageContext = { store: guarded, runId: id, clock: env.clock, log: audit.logger(env.log, id, env.clock) };
      const result = await stages(ctx, prepared);
      await audit.written();
      await finishRun(open, id, env.clock().toISOString());
      failed = false;
      return result;
    });
  } catch (e) {
    // A stopped stage may fail in its own way (a worker ended, a closed stream): the stop is what happened.
    throw watch.stopped() ?? e;
  } finally {
    await store?.close();
    if (failed) removeNewDatabase();
    forgetDatabase();
    release();
    watch.done(failed);
  }
}

/**
 * Every event also goes into the run's audit log in the database. Events are logged from
 * synchronous code, so each insert is queued (in order) and `written()` awaits them all.
 */
function auditLog(store: Store) {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    logger: (log: Logger, runId: number, clock: Clock): Logger => ({
      event(stage, event, data = {}) {
        const write = appendAuditEvent(store, runId, clock().toISOString(), stage, event, JSON.stringify(data));
        queue = Promise.all([queue, write]);
        queue.catch(() => { /* thrown by written() */ });
        log.event(stage, event, data);
      },
      progress: log.progress,
      ...(log.begin ? { begin: log.begin } : {}),
    }),
    written: () => queue,
  };
}
