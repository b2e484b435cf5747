import type { FieldValues, StandardisedSource, TextParts } from '../../core/linkage/field-standardiser.ts';
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

export type StandardiseJob =
  | { readonly kind: 'source'; readonly source: SourceName; readonly profiles: readonly string[]; readonly order: Uint32Array; readonly profileOf: Int32Array }
  | { readonly kind: 'finish' };
export type TableJob = { readonly kind: 'source'; readonly rows: SourceRows; readonly standardised: StandardisedSource } | { readonly kind: 'finish'; readonly parts: TextParts };
export interface TableDone { readonly table: Omit<UnitTable, 'keys'>; readonly keys: KeysData; readonly issues: LinkIssue[] }

/**
 * The linker's table (its columns in shared memory, which the comparison workers read) built
 * from the person fields of the files' rows, read a source at a time, and which rows they were.
 * With `thread`, two worker threads build it while this one reads the next source: one
 * standardises a source's profiles (`FieldStandardiser`), the other then places its records in
 * units (`LinkTableBuilder.addStandardised`) while the first goes on to the next source. The
 * table is the same either way.
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
  const standardiser = new WorkerInTurn<StandardiseJob, StandardisedSource | { values: FieldValues; parts: TextParts }>(
    new URL('./standardise-worker.ts', import.meta.url), idKinds, 'link standardise');
  const units = new WorkerInTurn<TableJob, TableDone | null>(new URL('./table-worker.ts', import.meta.url), { idKinds, sizeHint }, 'link table');
  try {
    // One source in the standardiser at a time (the next is read meanwhile); each goes on to the
    // table worker once it is standardised and the one before is placed.
    let standardising: Promise<unknown> = Promise.resolve();
    let placing: Promise<unknown> = Promise.resolve();
    for await (const source of readSourceProfiles(store, fileIds)) {
      await standardising;
      const order = textOrder(source.rowIds);
      const standardised = standardiser.run({ kind: 'source', source: source.source, profiles: source.profiles, order, profileOf: source.profileOf }) as Promise<StandardisedSource>;
      const rows: SourceRows = { source: source.source, rowIds: source.rowIds, order, profileOf: source.profileOf, profileCount: source.profiles.length };
      placing = Promise.all([standardised, placing]).then(([s]) => units.run({ kind: 'source', rows, standardised: s }, [s.values.buffer as ArrayBuffer]));
      standardising = standardised;
      // Awaited before the next is sent (or below); until then a failure must not count as unhandled.
      standardising.catch(() => {});
      placing.catch(() => {});
      rowIds.set(source.source, source.rowIds);
      checkHeap('link');
    }
    await placing;
    const { values, parts } = (await standardiser.run({ kind: 'finish' })) as { values: FieldValues; parts: TextParts };
    await standardiser.close();
    const done = (await units.run({ kind: 'finish', parts }))!;
    return { table: { ...done.table, ...values, keys: keysFrom(done.keys, done.table.sourceNames, done.table.recordSource) }, issues: done.issues, records: new RecordIds(rowIds) };
  } finally {
    await Promise.all([standardiser.close(), units.close()]);
  }
}
