import type { Store } from './open-store.ts';

/** A new row in `runs` (status as given, not finished); its id. */
export async function startRun(store: Store, run: { command: string; startedAt: string; status: 'running' | 'ok'; optionsJson: string }): Promise<number> {
  const { id } = await store.db.insertInto('runs').values({
    command: run.command, started_at: run.startedAt, finished_at: null, status: run.status, options_json: run.optionsJson,
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Marks a run finished and successful. */
export async function finishRun(store: Store, runId: number, finishedAt: string): Promise<void> {
  await store.db.updateTable('runs').set({ status: 'ok', finished_at: finishedAt }).where('id', '=', runId).execute();
}

/** One event of a run's audit log. */
export function appendAuditEvent(store: Store, runId: number, at: string, stage: string, event: string, dataJson: string): Promise<number> {
  return store.sql.run('INSERT INTO audit_log (run_id, at, stage, event, data_json) VALUES (?, ?, ?, ?, ?)', [runId, at, stage, event, dataJson]);
}

/** Notes that a run used an input file (`reused`: recognised from an earlier run, not read again). */
export async function recordRunInput(store: Store, runId: number, fileId: number, reused: boolean): Promise<void> {
  await store.db.insertInto('run_inputs').values({ run_id: runId, file_id: fileId, reused: reused ? 1 : 0 }).execute();
}
