import type { Store } from '../../store/open-store.ts';
import type { RunInputFile } from '../../store/read-run-inputs.ts';
import type { Clock, Logger } from '../../shared/context.ts';
import type { IngestWorkers } from './ingest-workers.ts';
import type { PlannedFile } from './plan-ingest.ts';
import { batchStore } from './store-batches.ts';

/**
 * What ingest did with each file: the store's run input, and for a new file the rows the same
 * source loaded last time (null when there was no earlier file), so a sudden drop can be caught.
 */
export type IngestedFile = RunInputFile & { readonly previousLoaded?: number | null };

export interface StageContext {
  readonly store: Store;
  readonly runId: number;
  readonly clock: Clock;
  readonly log: Logger;
}

/**
 * Loads every planned file into its staging table inside the caller's transaction. A file seen
 * before (same source, sha256 and mapping) is not read again: the run just points at its rows.
 */
export async function runIngest(ctx: StageContext, files: readonly PlannedFile[], workers: IngestWorkers): Promise<IngestedFile[]> {
  const results: IngestedFile[] = [];
  for (const file of files) results.push(await ingestFile(ctx, file, workers));
  return results;
}

async function ingestFile(ctx: StageContext, file: PlannedFile, workers: IngestWorkers): Promise<IngestedFile> {
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
    const { store, counts, ready, end } = batchStore(ctx.store.sql, file.source, id, file.header);
    await workers.load(file, (batch, chunk) => {
      store(batch, chunk);
      ctx.log.progress('ingest', counts.loaded, null, 'rows');
    }, ready);
    await end();
    await ctx.store.db.updateTable('input_files')
      .set({ rows_read: counts.read, rows_loaded: counts.loaded, rows_rejected: counts.rejected })
      .where('id', '=', id).execute();
    const previous = await ctx.store.sql.get<{ loaded: number }>('SELECT rows_loaded AS loaded FROM input_files WHERE source = ? AND id < ? ORDER BY id DESC LIMIT 1', [file.source, id]);
    result = { fileId: id, name: file.name, source: file.source, sha256: file.info.sha256, ...counts, reused: false, previousLoaded: previous?.loaded ?? null };
  }
  await ctx.store.db.insertInto('run_inputs').values({ run_id: ctx.runId, file_id: result.fileId, reused: result.reused ? 1 : 0 }).execute();
  ctx.log.event('ingest', result.reused ? 'file-reused' : 'file-loaded', {
    file: file.name, source: file.source, read: result.read, loaded: result.loaded, rejected: result.rejected,
  });
  return result;
}

