import type { NameValues, StandardisedSource } from '../../core/linkage/field-standardiser.ts';
import { LinkTableBuilder, type LinkTable, type SourceRows, type UnitTable } from '../../core/linkage/link-table.ts';
import { keysFrom, type KeysData } from '../../core/linkage/record-keys.ts';
import type { LinkIssue } from '../../core/linkage/types.ts';
import type { SourceName, StrongId } from '../../shared/extracts.ts';
import type { Store } from '../../store/open-store.ts';
import { readSourceProfiles, sourceRecords } from '../../store/read-person-records.ts';
import { RecordIds } from '../../store/record-ids.ts';
import { textOrder } from '../../store/text-order.ts';
import { checkHeap } from '../heap-guard.ts';
import { WorkerInTurn } from '../worker-in-turn.ts';

/** From this many rows worker threads build the table (below, starting them costs more than they save). */
export const TABLE_THREAD_FROM_ROWS = 200_000;

/** One source's profiles, for either side's standardiser. */
export interface SourceProfilesJob { readonly kind: 'source' | 'texts'; readonly source: SourceName; readonly profiles: readonly string[]; readonly order: Uint32Array; readonly profileOf: Int32Array }
export type TableJob = SourceProfilesJob | { readonly kind: 'place'; readonly rows: SourceRows; readonly names: StandardisedSource } | { readonly kind: 'finish' };
export interface TableDone { readonly table: Omit<UnitTable, 'keys'>; readonly keys: KeysData; readonly issues: LinkIssue[]; readonly texts: string[] }

/**
 * The linker's table (its columns in shared memory, which the comparison workers read) built
 * from the person fields of the files' rows, read a source at a time, and which rows they were.
 * With `thread`, two worker threads build it while this one reads the next source: each
 * standardises one side of a source's profiles (`FieldSide`: names and identifiers; address and
 * contact texts), and the texts' thread then places its records in units
 * (`LinkTableBuilder.addStandardised`). The table is the same either way.
 */
export async function buildStoreTable(store: Store, fileIds: readonly number[], idKinds: readonly StrongId[], thread: boolean, sizeHint = 0)
  : Promise<{ table: LinkTable; issues: LinkIssue[]; records: RecordIds }> {
  const rowIds = new Map<SourceName, readonly number[]>();
  if (!thread) {
    const issues: LinkIssue[] = [];
    const builder = new LinkTableBuilder(idKinds, issues, sizeHint);
    for await (const source of readSourceProfiles(store, fileIds)) {
      builder.addSource(sourceRecords(source));
      rowIds.set(source.source, source.rowIds);
      checkHeap('link');
    }
    return { table: builder.finish(true), issues, records: new RecordIds(rowIds) };
  }
  const names = new WorkerInTurn<SourceProfilesJob | { kind: 'finish' }, StandardisedSource | NameValues>(
    new URL('./standardise-worker.ts', import.meta.url), idKinds, 'link standardise');
  const units = new WorkerInTurn<TableJob, TableDone | null>(new URL('./table-worker.ts', import.meta.url), { idKinds, sizeHint }, 'link table');
  try {
    // Each source goes to both threads once the one before is standardised and the one before
    // that is placed (so that at most two wait in a thread); it is placed once its names are
    // standardised and the one before is placed.
    let named: Promise<unknown> = Promise.resolve();
    const placed: Promise<unknown>[] = [Promise.resolve(), Promise.resolve()];
    for await (const source of readSourceProfiles(store, fileIds)) {
      await Promise.all([named, placed.at(-2)]);
      const job = { source: source.source, profiles: source.profiles, order: textOrder(source.rowIds), profileOf: source.profileOf };
      const standardised = names.run({ kind: 'source', ...job }) as Promise<StandardisedSource>;
      const texts = units.run({ kind: 'texts', ...job });
      const rows: SourceRows = { source: source.source, rowIds: source.rowIds, order: job.order, profileOf: job.profileOf, profileCount: job.profiles.length };
      const placing = Promise.all([standardised, texts, placed.at(-1)])
        .then(([s]) => units.run({ kind: 'place', rows, names: s }, [s.values.buffer as ArrayBuffer]));
      // Awaited before the next source is sent (or below); until then a failure must not count as unhandled.
      for (const p of [standardised, texts, placing]) p.catch(() => {});
      named = standardised;
      placed.push(placing);
      rowIds.set(source.source, source.rowIds);
      checkHeap('link');
    }
    await placed.at(-1);
    const nameValues = (await names.run({ kind: 'finish' })) as NameValues;
    await names.close();
    const done = (await units.run({ kind: 'finish' }))!;
    const keys = keysFrom(done.keys, done.table.sourceNames, done.table.recordSource);
    return { table: { ...done.table, ...nameValues, texts: done.texts, keys }, issues: done.issues, records: new RecordIds(rowIds) };
  } finally {
    await Promise.all([names.close(), units.close()]);
  }
}
