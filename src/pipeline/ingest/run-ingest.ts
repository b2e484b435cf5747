import type BetterSqlite3 from 'better-sqlite3';
import type { Store } from '../../store/open-store.ts';
import type { RunInputFile } from '../../store/read-run-inputs.ts';
import type { Clock, Logger } from '../../shared/context.ts';
import { InputError, TfpbrError } from '../../shared/errors.ts';
import { SOURCES } from '../../shared/extracts.ts';
import { startWorker } from '../start-worker.ts';
import type { PlannedFile } from './plan-ingest.ts';
import { ROW_SEP, type RejectMessage, type WorkerJob, type WorkerMessage } from './worker-protocol.ts';

/** What ingest did with each file: the same shape as the store's run inputs. */
export type IngestedFile = RunInputFile;

export interface StageContext {
  readonly store: Store;
  readonly runId: number;
  readonly clock: Clock;
  readonly log: Logger;
}

/** Rows per multi-row INSERT: one statement call binds this many rows, far fewer crossings into SQLite. */
const ROWS_PER_STATEMENT = 64;

/**
 * Loads every planned file into its staging table inside the caller's transaction. A file seen
 * before (same source, sha256 and mapping) is not read again: the run just points at its rows.
 */
export async function runIngest(ctx: StageContext, files: readonly PlannedFile[]): Promise<IngestedFile[]> {
  const results: IngestedFile[] = [];
  for (const file of files) {
    const mappingJson = JSON.stringify(file.mapping);
    const existing = await ctx.store.db.selectFrom('input_files').selectAll()
      .where('source', '=', file.source).where('sha256', '=', file.info.sha256).where('mapping_json', '=', mappingJson)
      .executeTakeFirst();
    let result: IngestedFile;
    if (existing) {
      result = { fileId: existing.id, name: file.name, source: file.source, sha256: existing.sha256,
        read: existing.rows_read, loaded: existing.rows_loaded, rejected: existing.rows_rejected, reused: true };
    } else {
      const { id } = await ctx.store.db.insertInto('input_files').values({
        source: file.source, name: file.name, sha256: file.info.sha256, size: file.info.size, kind: file.info.kind,
        encoding: file.info.encoding, mapping_json: mappingJson, rows_read: 0, rows_loaded: 0, rows_rejected: 0,
        first_run_id: ctx.runId,
      }).returning('id').executeTakeFirstOrThrow();
      ctx.log.event('ingest', 'file-started', { file: file.name, source: file.source, bytes: file.info.size });
      const counts = await loadFile(ctx, file, id);
      await ctx.store.db.updateTable('input_files')
        .set({ rows_read: counts.read, rows_loaded: counts.loaded, rows_rejected: counts.rejected })
        .where('id', '=', id).execute();
      result = { fileId: id, name: file.name, source: file.source, sha256: file.info.sha256, ...counts, reused: false };
    }
    await ctx.store.db.insertInto('run_inputs').values({ run_id: ctx.runId, file_id: result.fileId, reused: result.reused ? 1 : 0 }).execute();
    ctx.log.event('ingest', result.reused ? 'file-reused' : 'file-loaded', {
      file: file.name, source: file.source, read: result.read, loaded: result.loaded, rejected: result.rejected,
    });
    results.push(result);
  }
  return results;
}

function loadFile(ctx: StageContext, file: PlannedFile, fileId: number): Promise<{ read: number; loaded: number; rejected: number }> {
  const insert = bulkInserter(ctx.store.sqlite, file.source, fileId);
  const rejectStmt = ctx.store.sqlite.prepare('INSERT INTO rejects (file_id, line, field, code, detail, raw_json) VALUES (?, ?, ?, ?, ?, ?)');
  const job: WorkerJob = { name: file.name, source: file.source, mapping: file.mapping, info: file.info, header: file.header };
  const worker = startWorker(new URL('./ingest-worker.ts', import.meta.url), job);
  let loaded = 0;
  return new Promise((resolve, reject) => {
    const fail = (e: unknown) => { void worker.terminate(); reject(e); };
    worker.on('message', (msg: WorkerMessage) => {
      try {
        if (msg.type === 'batch') {
          insert(msg.data, msg.lines);
          writeRejects(rejectStmt, fileId, msg.rejects);
          loaded += msg.lines.length;
          worker.postMessage('ack');
          ctx.log.progress('ingest', loaded, null, 'rows');
        } else if (msg.type === 'done') {
          void worker.terminate();
          resolve({ read: msg.read, loaded: msg.loaded, rejected: msg.rejected });
        } else {
          fail(msg.exitCode === 3 ? new InputError(msg.message, file.name) : new TfpbrError(`${file.name}: ${msg.message}\n${msg.stack}`, 70));
        }
      } catch (e) { fail(e); }
    });
    worker.on('error', fail);
    worker.on('exit', (code) => { if (code !== 0) fail(new TfpbrError(`ingest worker for ${file.name} stopped with code ${code}`, 70)); });
  });
}

function writeRejects(stmt: BetterSqlite3.Statement, fileId: number, rejects: readonly RejectMessage[]): void {
  for (const r of rejects) {
    for (const i of r.issues) stmt.run(fileId, i.line, i.field, i.code, i.detail, r.raw);
  }
}

/** Returns a function inserting a worker batch (see WorkerMessage) into the source's staging table. */
function bulkInserter(sqlite: BetterSqlite3.Database, source: PlannedFile['source'], fileId: number) {
  const sqlFor = (n: number) => `INSERT INTO ${SOURCES[source].rowsTable} (file_id, line, v) VALUES ${Array(n).fill('(?,?,?)').join(',')}`;
  const many = sqlite.prepare(sqlFor(ROWS_PER_STATEMENT));
  const single = sqlite.prepare(sqlFor(1));
  const params: (string | number)[] = new Array(3 * ROWS_PER_STATEMENT);
  return (data: string, lines: readonly number[]): void => {
    if (lines.length === 0) return;
    const rows = data.split(ROW_SEP);
    let r = 0;
    for (; r + ROWS_PER_STATEMENT <= rows.length; r += ROWS_PER_STATEMENT) {
      for (let k = 0; k < ROWS_PER_STATEMENT; k++) {
        params[3 * k] = fileId;
        params[3 * k + 1] = lines[r + k];
        params[3 * k + 2] = rows[r + k];
      }
      many.run(params);
    }
    for (; r < rows.length; r++) single.run(fileId, lines[r], rows[r]);
  };
}
