/**
 * links.csv: every linked record, a row each, in the order `readLinkedRecordPages` gives (source,
 * file, line). A county's is millions of rows: this thread reads them from the store (only it may
 * use the store), and with `thread` a worker thread makes and writes their lines meanwhile, which
 * was half of the time this thread spent on them (decision 82). The same bytes either way.
 */
import { CsvFileWriter, writeCsvPages } from '../../io/write-csv.ts';
import { linkCells, LINKS_COLUMNS } from '../../reporting/build-links-table.ts';
import type { Store } from '../../store/open-store.ts';
import { linkedRecordsOf, LinkedRecordsOutOfOrder, readLinkedRecordPages, type LinkedRecordOrder, type LinkedRecordPage } from '../../store/read-linked-records.ts';
import type { Logger } from '../../shared/context.ts';
import { WorkerInTurn } from '../worker-in-turn.ts';
import { linkRowOf, readLinkRows } from './read-report-rows.ts';

/** Pages (of 2,000 records) sent to the worker that it has not yet written: the most this thread holds ahead of it. */
const PAGES_AHEAD = 4;

export type LinksCsvJob = { readonly kind: 'page'; readonly page: LinkedRecordPage } | { readonly kind: 'finish' } | { readonly kind: 'discard' };

/**
 * Written in the order the records are stored, which is the file's order when each source has one
 * file (no sort, so one page is held whatever the county); when a source's records are stored in
 * another order (several files of it, ingested in another order than their names), written again
 * from the start with the store sorting them. Either way the same bytes.
 */
export async function writeLinksCsv(store: Store, log: Logger, path: string, linkRunId: number, thread: boolean): Promise<void> {
  const write = thread ? writeOnThread : writeHere;
  try {
    await write(store, path, linkRunId, 'stored');
  } catch (e) {
    if (!(e instanceof LinkedRecordsOutOfOrder)) throw e;
    log.event('claim', 'links-sorted', { source: e.source });
    await write(store, path, linkRunId, 'sorted');
  }
}

async function writeHere(store: Store, path: string, linkRunId: number, order: LinkedRecordOrder): Promise<void> {
  await writeCsvPages(path, LINKS_COLUMNS, readLinkRows(store, linkRunId, order), linkCells);
}

async function writeOnThread(store: Store, path: string, linkRunId: number, order: LinkedRecordOrder): Promise<void> {
  const worker = new WorkerInTurn<LinksCsvJob, null>(new URL('./links-csv-worker.ts', import.meta.url), path, 'links.csv');
  try {
    const sent: Promise<unknown>[] = [];
    try {
      for await (const page of readLinkedRecordPages(store, linkRunId, order)) {
        const written = worker.run({ kind: 'page', page });
        // Awaited in turn below; until then a failure must not count as unhandled.
        written.catch(() => {});
        sent.push(written);
        if (sent.length > PAGES_AHEAD) await sent.shift();
      }
      await Promise.all(sent);
      await worker.run({ kind: 'finish' });
    } catch (e) {
      await worker.run({ kind: 'discard' }).catch(() => {});
      throw e;
    }
  } finally {
    await worker.close();
  }
}

/** The worker's side: the file at `path`, a page of records at a time. */
export function linksCsvJobs(path: string): (job: LinksCsvJob) => null {
  const file = new CsvFileWriter(path, LINKS_COLUMNS);
  return (job) => {
    if (job.kind === 'page') file.write(linkedRecordsOf(job.page), (r) => linkCells(linkRowOf(r)));
    else if (job.kind === 'finish') file.finish();
    else file.discard();
    return null;
  };
}
