import { FieldCoder } from '../../core/linkage/field-coder.ts';
import { LinkTableBuilder, type LinkTable, type SourceRecords } from '../../core/linkage/link-table.ts';
import { keysFrom, type KeysData } from '../../core/linkage/record-keys.ts';
import type { LinkIssue } from '../../core/linkage/types.ts';
import { STRONG_IDS, type PersonField, type SourceName, type StrongId } from '../../shared/extracts.ts';
import type { Store } from '../../store/open-store.ts';
import { readSourceProfiles, sourceRecords } from '../../store/read-person-records.ts';
import { RecordIds } from '../../store/record-ids.ts';
import { checkHeap } from '../heap-guard.ts';
import { WorkerInTurn } from '../worker-in-turn.ts';

/** From this many rows a worker thread builds the table (below, starting it costs more than it saves). */
export const TABLE_THREAD_FROM_ROWS = 200_000;

/**
 * The fields this thread numbers for the builder (`FieldCoder`); the builder looks the others up.
 * Those with the most distinct values, whose lookups cost the most (a lookup in a map of a
 * hundred thousand values misses the cache): at 100,000 families the table was built in 33 s
 * where it took 38–39 s with every field looked up by the builder (decision 82).
 */
const CODED_FIELDS: readonly PersonField[] = ['dob', 'address_line1', 'postcode', 'uprn', 'phone', 'email', ...STRONG_IDS];

export type TableJob = { readonly kind: 'source'; readonly source: Omit<SourceRecords, 'fieldsOf'>; readonly profiles: readonly string[] } | { readonly kind: 'finish' };
export interface TableDone { readonly table: Omit<LinkTable, 'keys'>; readonly keys: KeysData; readonly issues: LinkIssue[] }

/**
 * The linker's table (its columns in shared memory, which the comparison workers read) built
 * from the person fields of the files' rows, read a source at a time, and which rows they were.
 * With `thread`, a worker thread builds it from each source while this one reads the next and
 * numbers its fields' values (`FieldCoder`: the builder's lookups of values by their text, done
 * here, where the builder had most of the work); the table is the same either way.
 */
export async function buildStoreTable(store: Store, fileIds: readonly number[], idKinds: readonly StrongId[], thread: boolean)
  : Promise<{ table: LinkTable; issues: LinkIssue[]; records: RecordIds }> {
  const rowIds = new Map<SourceName, readonly number[]>();
  const coder = new FieldCoder(CODED_FIELDS);
  if (!thread) {
    const issues: LinkIssue[] = [];
    const builder = new LinkTableBuilder(idKinds, issues);
    for await (const source of readSourceProfiles(store, fileIds)) {
      builder.addSource(sourceRecords(source, coder));
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
      const { fieldsOf, ...records } = sourceRecords(source, coder);
      await adding;
      adding = worker.run({ kind: 'source', source: records, profiles: source.profiles }, [records.order.buffer, records.profileOf.buffer, records.codes.buffer] as ArrayBuffer[]);
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
