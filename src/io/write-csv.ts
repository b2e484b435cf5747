import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { guardFormula } from '../reporting/guard-formula.ts';
import type { CellValue, ColumnModel, TableModel } from '../reporting/types.ts';
import { atomicWrite } from './atomic-write.ts';

/**
 * UTF-8 with a BOM and CRLF line ends (RFC 4180): double-clicked in Excel on Windows, a file
 * without the BOM is read as Windows-1252 and names with accents are garbled. Dates stay ISO
 * (Excel and LibreOffice read YYYY-MM-DD as a date in every locale), money has two decimals,
 * and text that could be taken for a formula gets a leading apostrophe.
 */
export function formatCsv(table: TableModel): string {
  let text = csvHeader(table.columns);
  for (const row of table.rows) text += csvLine(csvRecord(table.columns, row));
  return text;
}

export async function writeCsv(path: string, table: TableModel): Promise<void> {
  await atomicWrite(path, formatCsv(table));
}

/**
 * The same bytes as `writeCsv` for a table whose rows come one at a time (a county's not-claimed
 * rows): written in batches as they come, never held whole; to a temporary name, renamed when complete.
 * A batch of 1,000 rows dies young: at 5,000, batches outlived scavenges and were promoted, and
 * links.csv of 30,000 families alone peaked at 305–307 MiB, against 279–283 MiB (decision 72).
 */
export async function writeCsvRows(path: string, columns: TableModel['columns'], rows: Iterable<Readonly<Record<string, CellValue>>> | AsyncIterable<Readonly<Record<string, CellValue>>>, batch = 1000): Promise<void> {
  await writeCsvPages(path, columns, pagesOf(rows, batch), (row) => row);
}

/** The same for rows that come a page at a time (a county's links), each row's cells made by `cells`; a page is written as it comes. */
export async function writeCsvPages<T>(path: string, columns: TableModel['columns'], pages: AsyncIterable<readonly T[]>, cells: (row: T) => Readonly<Record<string, CellValue>>): Promise<void> {
  const file = new CsvFileWriter(path, columns);
  try {
    for await (const page of pages) file.write(page, cells);
    file.finish();
  } catch (error) {
    file.discard();
    throw error;
  }
}

/**
 * A CSV file written a page of rows at a time (as `writeCsvPages` writes it, which another thread
 * may do page by page): to a temporary name, renamed to `path` by `finish`; `discard` removes it.
 */
export class CsvFileWriter {
  private readonly tmp: string;
  private readonly fd: number;
  private open = true;

  constructor(private readonly path: string, private readonly columns: TableModel['columns']) {
    this.tmp = `${path}.tmp-${process.pid}`;
    this.fd = openSync(this.tmp, 'w');
    try {
      writeSync(this.fd, csvHeader(columns));
    } catch (error) {
      this.discard();
      throw error;
    }
  }

  write<T>(rows: readonly T[], cells: (row: T) => Readonly<Record<string, CellValue>>): void {
    let text = '';
    for (const row of rows) text += csvLine(csvRecord(this.columns, cells(row)));
    writeSync(this.fd, text);
  }

  finish(): void {
    fsyncSync(this.fd);
    this.close();
    renameSync(this.tmp, this.path);
  }

  discard(): void {
    try { this.close(); } catch { /* the write that failed left it closed */ }
    rmSync(this.tmp, { force: true });
  }

  private close(): void {
    if (this.open) { this.open = false; closeSync(this.fd); }
  }
}

async function* pagesOf<T>(rows: Iterable<T> | AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let page: T[] = [];
  for await (const row of rows) {
    page.push(row);
    if (page.length >= size) { yield page; page = []; }
  }
  if (page.length > 0) yield page;
}

/** The BOM and the header line: canonical column names. */
function csvHeader(columns: TableModel['columns']): string {
  return '\uFEFF' + csvLine(columns.map((c) => guardFormula(c.key)));
}

/**
 * One record as RFC 4180 writes it, ended by CRLF: a field with a comma, a quote or a line break
 * is quoted (its quotes doubled), any other as it is. The bytes csv-stringify writes with
 * `record_delimiter: '\r\n'` (a test holds the two together), at a fraction of its cost for the
 * millions of rows of a county's links.csv.
 */
export function csvLine(fields: readonly string[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    const v = fields[i];
    if (i > 0) line += ',';
    line += NEEDS_QUOTES.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
  }
  return line + '\r\n';
}

const NEEDS_QUOTES = /[",\r\n]/;

function csvRecord(columns: TableModel['columns'], row: Readonly<Record<string, CellValue>>): string[] {
  return columns.map((c) => formatCell(c, row[c.key] ?? null));
}

function formatCell(column: ColumnModel, value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`column ${column.key}: ${value} is not a finite number`);
    return column.format === 'money' ? value.toFixed(2) : String(value);
  }
  return guardFormula(value);
}
