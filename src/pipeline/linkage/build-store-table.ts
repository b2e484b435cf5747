import { LinkTableBuilder, type LinkTable } from '../../core/linkage/link-table.ts';
import { keysFrom, type KeysData } from '../../core/linkage/record-keys.ts';
import type { LinkIssue } from '../../core/linkage/types.ts';
import type { SourceName, StrongId } from '../../shared/extracts.ts';
import type { Store } from '../../store/open-store.ts';
import { readSourceProfiles, sourceRecords, type SourceProfiles } from '../../store/read-person-records.ts';
import { RecordIds } from '../../store/record-ids.ts';
import { checkHeap } from '../heap-guard.ts';
import { WorkerInTurn } from '../worker-in-turn.ts';

/** From this many rows a worker thread builds the table (below, starting it costs more than it saves). */
export const TABLE_THREAD_FROM_ROWS = 200_000;

export type TableJob = { readonly kind: 'source'; readonly source: SourceProfiles } | { readonly kind: 'finish' };
export interface TableDone { readonly table: Omit<LinkTable, 'keys'>; readonly keys: KeysData; readonly issues: LinkIssue[] }

/**
 * The linker's table (its columns in shared memory, which the comparison workers read) built
 * from the person fields of the files' rows, read a source at a time, and which rows they were.
 * With `thread`, a worker thread builds it from each source while this one reads the next
 * (reading is about a third of the work); the table is the same either way.
 */
export async function buildStoreTable(store: Store, fileIds: readonly number[], idKinds: readonly StrongId[], thread: boolean)
  : Promise<{ table: LinkTable; issues: LinkIssue[]; records: RecordIds }> {
  const rowIds = new Map<SourceName, readonly number[]>();
  if (!thread) {
    const issues: LinkIssue[] = [];
    const builder = new LinkTableBuilder(idKinds, issues);
    for await (const source of readSourceProfiles(store, fileIds)) {
      builder.addSource(sourceRecords(source));
      rowIds.set(source.source, source.rowIds);
      checkHeap('link');
    }
    return { table: builder.finish(true), issues, records: new RecordIds(rowIds) };
  }
  const worker = new WorkerInTurn<TableJob, TableDone | null>(new URL('./table-worker.ts', import.meta.url), idKinds, 'link table');
  try {
    // One source in the worker at a time: the next is read meanwhile, and sent once it is done.
    let adding: Promise<unknown> = Promise.resolve();
    for await (const source of readSourceProfiles(store, fileIds)) {
      await adding;
      adding = worker.run({ kind: 'source', source }, [source.profileOf.buffer as ArrayBuffer]);
      // Awaited before the next is sent (or below); until then a failure must not count as unhandled.
      adding.catch(() => {});
      rowIds.set(source.source, source.rowIds);
      checkHeap('link');
    }
    await adding;
    const done = (await worker.run({ kind: 'finish' }))!;
    return { table: { ...done.table, keys: keysFrom(done.keys, done.table.sourceNames, done.table.recordSource) }, issues: done.issues, records: new RecordIds(rowIds) };
  } finally {
    await worker.close();
  }
}
