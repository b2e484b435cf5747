import type { Store } from '../../store/open-store.ts';
import type { RunInputFile } from '../../store/read-run-inputs.ts';
import { createInputFile, findInputFile, finishInputFile } from '../../store/input-files.ts';
import { recordRunInput } from '../../store/runs.ts';
import type { Clock, Logger } from '../../shared/context.ts';
import type { IngestWorkers } from './ingest-workers.ts';
import type { PlannedFile } from './plan-ingest.ts';
import { batchStore } from './store-batches.ts';

/**
 * What ingest did with each file: the store's run input, and for a new file the rows the same
 * source loaded last time (null when there was no earlier file), so a sudden drop can be caught.
 */
export type IngestedFile = Omit<RunInputFile, 'dates'> & { readonly previousLoaded?: number | null };

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
  const existing = await findInputFile(ctx.store, file.source, file.info.sha256, mappingJson);
  let result: IngestedFile;
  if (existing) {
    result = { fileId: existing.id, name: file.name, source: file.source, sha256: existing.sha256,
      read: existing.read, loaded: existing.loaded, rejected: existing.rejected, reused: true };
  } else {
    const id = await createInputFile(ctx.store, {
      source: file.source, name: file.name, sha256: file.info.sha256, size: file.info.size, kind: file.info.kind,
      encoding: file.info.encoding, mappingJson, firstRunId: ctx.runId,
    });
    ctx.log.event('ingest', 'file-started', { file: file.name, source: file.source, bytes: file.info.size });
    const { store, counts, dates, ready, end } = batchStore(ctx.store.sql, file.source, id, file.header);
    await workers.load(file, (batch, chunk) => {
      store(batch, chunk);
      ctx.log.progress('ingest', counts.loaded, null, 'rows');
    }, ready);
    await end();
    const previousLoaded = await finishInputFile(ctx.store, id, file.source, counts, dates());
    result = { fileId: id, name: file.name, source: file.source, sha256: file.info.sha256, ...counts, reused: false, previousLoaded };
  }
  await recordRunInput(ctx.store, ctx.runId, result.fileId, result.reused);
  ctx.log.event('ingest', result.reused ? 'file-reused' : 'file-loaded', {
    file: file.name, source: file.source, read: result.read, loaded: result.loaded, rejected: result.rejected,
  });
  return result;
}

