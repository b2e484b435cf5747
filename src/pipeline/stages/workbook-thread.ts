/**
 * The claim's workbook written while the claim's thread goes on writing the CSV files: on a worker
 * thread (a county's: the workbook is some 10 s of exceljs) or interleaved on this one. Its streamed
 * sheets (Evidence, Not claimed) take their rows from this thread, which reads them from the store
 * once for both the sheet and the CSV file (`feed`): only this thread may use the store. The same
 * code writes the same bytes either way; only the thread differs.
 */
import { rowsShown, writeWorkbook } from '../../io/write-workbook.ts';
import type { CellValue, TableModel, WorkbookModel } from '../../reporting/types.ts';
import { BatchQueue } from '../../shared/batch-queue.ts';
import { checkHeap } from '../heap-guard.ts';
import { WorkerInTurn } from '../worker-in-turn.ts';

type Row = Readonly<Record<string, CellValue>>;

/** Rows sent to the workbook at a time. */
const BATCH_ROWS = 1_000;
/** Rows the writer holds ready, that it has not yet written. */
const READY_ROWS = 2_000;
/**
 * Rows sent that the writer has not yet taken (on their way to a worker, as the bytes of their
 * messages: some 400 bytes an Evidence row, 220 a Not claimed one; inline, in the writer's queue).
 * Enough that this thread seldom waits for the worker (it reads the rows and writes their CSV files
 * faster than exceljs writes them, and goes on to links.csv while the workbook catches up), few
 * enough to stay small beside the claim's peak whatever the county (a county's not-claimed rows
 * are some 200,000). Claim alone, 30,000 → 100,000 families (16:15–16:19, three caps in turn): 20,000
 * grew the peak 445 → 530 MiB (+19%), 50,000 475 → 542 MiB (+14%), 100,000 494 → 603 MiB (+22%),
 * in the same time (35–36 s at 100,000).
 */
const SENT_ROWS = 50_000;

/** What the worker is started with: the model without its streams (functions do not go to a worker), and which sheets were streamed. */
export interface WorkbookSetup { readonly path: string; readonly model: WorkbookModel; readonly streamed: readonly string[] }
export type WorkbookJob =
  | { readonly kind: 'rows'; readonly sheet: string; readonly rows: Row[] }
  | { readonly kind: 'end'; readonly sheet: string; readonly total: number }
  | { readonly kind: 'done' };

/** A workbook being written. */
export interface WorkbookWriting {
  /**
   * `rows` as they come, each also given to the sheet `sheet` (up to the rows it shows; the rest
   * are counted): the streamed sheets must be fed in the workbook's order, each to its end.
   */
  feed(sheet: string, rows: AsyncIterable<Row>): AsyncGenerator<Row>;
  /** Resolves once the workbook is written and in place at its path. */
  done(): Promise<void>;
  /** Ends the writing if it has not ended (after `done`, or on a failure); always called. */
  close(): Promise<void>;
}

/** How the rows get to the writer: a worker's messages, or straight to it on this thread. */
interface Writer { run(job: WorkbookJob): Promise<void>; close(): Promise<void> }

/** Starts writing `model` to `path`, on a worker thread with `thread`. */
export function startWorkbook(path: string, model: WorkbookModel, thread: boolean): WorkbookWriting {
  const streamed = model.sheets.filter((s) => s.stream);
  const setup: WorkbookSetup = { path, model: { ...model, sheets: model.sheets.map(({ stream: _, ...s }) => s) }, streamed: streamed.map((s) => s.name) };
  const writer = thread ? workerWriter(setup) : fedWorkbook(setup);
  // Jobs on their way while the next rows are read, up to SENT_ROWS rows the writer has not taken:
  // it answers each, in turn, once it has taken it.
  const sent: { rows: number; answered: Promise<void> }[] = [];
  let untaken = 0;
  const answered = async () => {
    const oldest = sent.shift()!;
    await oldest.answered;
    untaken -= oldest.rows;
  };
  const send = async (job: WorkbookJob, rows: number) => {
    while (sent.length > 0 && untaken + rows > SENT_ROWS) await answered();
    const answer = writer.run(job);
    // Awaited in turn (or by `done`); until then a failure must not count as unhandled.
    answer.catch(() => {});
    sent.push({ rows, answered: answer });
    untaken += rows;
  };
  let fed = 0;
  return {
    async* feed(sheet, rows) {
      const table = streamed[fed++];
      if (table?.name !== sheet) throw new Error(`workbook: sheet ${sheet} fed out of turn (${table ? `${table.name} is next` : 'no streamed sheet is left'})`);
      const shown = rowsShown(table);
      let batch: Row[] = [], n = 0;
      for await (const row of rows) {
        if (n++ < shown) {
          batch.push(row);
          if (batch.length === BATCH_ROWS) { await send({ kind: 'rows', sheet, rows: batch }, batch.length); batch = []; }
        }
        yield row;
      }
      if (batch.length > 0) await send({ kind: 'rows', sheet, rows: batch }, batch.length);
      await send({ kind: 'end', sheet, total: n }, 0);
    },
    async done() {
      if (fed < streamed.length) throw new Error(`workbook: sheet ${streamed[fed].name} was not fed`);
      while (sent.length > 0) await answered();
      await writer.run({ kind: 'done' });
    },
    close: () => writer.close(),
  };
}

/** The workbook written on this thread, its streamed sheets reading the rows they are given. */
function fedWorkbook(setup: WorkbookSetup): Writer {
  const queues = new Map(setup.streamed.map((name) => [name, new BatchQueue<Row>(READY_ROWS)]));
  const sheets: TableModel[] = setup.model.sheets.map((s) => {
    const queue = queues.get(s.name);
    return queue ? { ...s, stream: () => queue.items() } : s;
  });
  const written = writeWorkbook(setup.path, { ...setup.model, sheets });
  // A failed write fails whoever waits to give it rows; the failure itself is reported by `done`.
  written.catch((e) => { for (const q of queues.values()) q.fail(e); });
  return {
    async run(job) {
      if (job.kind === 'rows') return queues.get(job.sheet)!.push(job.rows);
      if (job.kind === 'end') return queues.get(job.sheet)!.end(job.total);
      return written;
    },
    async close() {
      for (const q of queues.values()) q.fail(new Error('the workbook was closed'));
      await written.catch(() => {});
    },
  };
}

function workerWriter(setup: WorkbookSetup): Writer {
  const worker = new WorkerInTurn<WorkbookJob, void>(new URL('./workbook-worker.ts', import.meta.url), setup, 'workbook');
  return { run: (job) => worker.run(job), close: () => worker.close() };
}

/** The worker's handler of a job (workbook-worker.ts). */
export function workbookJobs(setup: WorkbookSetup): (job: WorkbookJob) => Promise<void> {
  const writer = fedWorkbook(setup);
  return (job) => {
    checkHeap('claim');
    return writer.run(job);
  };
}
