import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
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
  return csvHeader(table.columns) + stringify(table.rows.map((row) => csvRecord(table.columns, row)), { record_delimiter: '\r\n' });
}

export async function writeCsv(path: string, table: TableModel): Promise<void> {
  await atomicWrite(path, formatCsv(table));
}

/**
 * The same bytes as `writeCsv` for a table whose rows come one at a time (links of a county):
 * written in batches as they come, never held whole; to a temporary name, renamed when complete.
 * A batch of 1,000 rows dies young: at 5,000, batches outlived scavenges and were promoted, and
 * links.csv of 30,000 families alone peaked at 305–307 MiB, against 279–283 MiB (decision 72).
 */
export async function writeCsvRows(path: string, columns: TableModel['columns'], rows: Iterable<Readonly<Record<string, CellValue>>> | AsyncIterable<Readonly<Record<string, CellValue>>>, batch = 1000): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, csvHeader(columns));
    let records: string[][] = [];
    const flush = () => {
      if (records.length > 0) writeSync(fd, stringify(records, { record_delimiter: '\r\n' }));
      records = [];
    };
    for await (const row of rows) {
      records.push(csvRecord(columns, row));
      if (records.length >= batch) flush();
    }
    flush();
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, path);
  } catch (error) {
    try { closeSync(fd); } catch { /* already closed */ }
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** The BOM and the header line: canonical column names. */
function csvHeader(columns: TableModel['columns']): string {
  return '\uFEFF' + stringify([columns.map((c) => guardFormula(c.key))], { record_delimiter: '\r\n' });
}

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
