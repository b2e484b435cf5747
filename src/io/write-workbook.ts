import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { open, rename, rm } from 'node:fs/promises';
import { PassThrough, type Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { isFormulaLike } from '../reporting/guard-formula.ts';
import type { CellValue, ColumnFormat, ColumnModel, TableModel, WorkbookModel } from '../reporting/types.ts';

export const NUMBER_FORMATS: Readonly<Record<ColumnFormat, string>> = {
  // '@' (Text) keeps a cell text even when someone edits it and presses Enter, so `=HYPERLINK(…)`
  // from an extract stays a string in Excel and LibreOffice instead of becoming a live formula.
  text: '@', int: '0', decimal: '0.000', date: 'dd/mm/yyyy', money: '£#,##0.00', percent: '0.0%',
};

// Every cell aligned to the top, so a row with one wrapped cell still reads straight across.
const STYLES = Object.fromEntries(Object.entries(NUMBER_FORMATS).map(([k, numFmt]) => [k, { numFmt, alignment: { vertical: 'top' } }])) as Record<ColumnFormat, Partial<ExcelJS.Style>>;
const WRAPPED = Object.fromEntries(Object.entries(NUMBER_FORMATS).map(([k, numFmt]) => [k, { numFmt, alignment: { wrapText: true, vertical: 'top' } }])) as Record<ColumnFormat, Partial<ExcelJS.Style>>;
const HEADER_STYLE: Partial<ExcelJS.Style> = {
  numFmt: '@', font: { bold: true }, alignment: { wrapText: true, vertical: 'top' },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } }, border: { bottom: { style: 'thin' } },
};
const TOTAL_LABEL: Partial<ExcelJS.Style> = { numFmt: '@', font: { bold: true }, border: { top: { style: 'thin' } } };
const TOTAL_MONEY: Partial<ExcelJS.Style> = { numFmt: NUMBER_FORMATS.money, font: { bold: true }, border: { top: { style: 'thin' } } };

/** Used when the model names no date: any fixed value would do, it only has to not be the clock. */
const FALLBACK_DATE = '2000-01-01';
/** Excel's rows per sheet, less the header row and a closing note. */
export const EXCEL_MAX_DATA_ROWS = 1_048_576 - 2;
/** Columns never grow wider than this to fit their content (wrapped columns keep their set width). */
const MAX_FIT_WIDTH = 60;
/** Rows looked at to fit widths: enough to be representative, bounded so a county-sized sheet costs nothing extra. */
const FIT_SAMPLE_ROWS = 2_000;

/**
 * The workbook a person reads: a frozen, wrapped header row, widths fitted to the content, real
 * dates and money, an autofilter, dropdowns where the analyst fills something in, a totals row
 * where the model asks for one, and print set-up (landscape, one page wide, header row repeated).
 * Streamed (exceljs WorkbookWriter, rows committed as written, deflate level 1 for speed) into a
 * temporary file that is renamed into place. Byte-identical for the same model whatever the
 * clock or TZ: the document dates come from the model and the zip entry times (which the zip
 * library takes from the clock) are overwritten with the same date.
 */
export async function writeWorkbook(path: string, model: WorkbookModel): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    const out = createWriteStream(tmp);
    const closed = new Promise<void>((resolve, reject) => { out.on('close', resolve); out.on('error', reject); });
    await streamWorkbook(model, out);
    await closed;
    const handle = await open(tmp, 'r+');
    try {
      await fixZipTimesInFile(handle, model.date ?? FALLBACK_DATE);
      await handle.sync();
    } finally { await handle.close(); }
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** The workbook as bytes (for tests and small workbooks). */
export async function renderWorkbook(model: WorkbookModel): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve) => sink.on('end', resolve));
  await streamWorkbook(model, sink);
  await ended;
  return fixZipTimes(Buffer.concat(chunks), model.date ?? FALLBACK_DATE);
}

async function streamWorkbook(model: WorkbookModel, stream: Writable): Promise<void> {
  const date = model.date ?? FALLBACK_DATE;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`workbook date must be YYYY-MM-DD, got "${date}"`);
  // Loaded when a workbook is written, not when the CLI starts: exceljs takes ~0.3 s to load.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.stream.xlsx.WorkbookWriter({
    stream, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } },
    creator: 'tfpbr', lastModifiedBy: 'tfpbr', created: utcDate(date), modified: utcDate(date),
  } as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);
  if (model.title) (workbook as unknown as { title: string }).title = model.title;
  for (const sheet of model.sheets) await addSheet(workbook, sheet, stream);
  await workbook.commit();
}

async function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, table: TableModel, out: Writable): Promise<void> {
  const ws = workbook.addWorksheet(table.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2' }],
    pageSetup: {
      orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1',
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: `${table.name} &P of &N` },
  });
  const limit = rowsShown(table);
  if (table.stream && (table.totals || table.rows.length > 0)) throw new Error(`sheet ${table.name}: streamed rows take no totals row and no held rows`);
  // Streamed rows: the first FIT_SAMPLE_ROWS are read ahead to fit the widths, the rest as written.
  const source = table.stream ? table.stream()[Symbol.asyncIterator]() : null;
  const sample: Readonly<Record<string, CellValue>>[] = [];
  let ended = false, streamedTotal = 0;
  while (source && sample.length < FIT_SAMPLE_ROWS) {
    const next = await source.next();
    if (next.done) { ended = true; streamedTotal = next.value ?? 0; break; }
    sample.push(next.value);
  }
  const fitRows = source ? sample : table.rows;
  const widths = fitWidths(table, fitRows, Math.min(fitRows.length, limit));
  ws.columns = table.columns.map((c, i) => ({ key: c.key, width: widths[i] }));

  const header = ws.getRow(1);
  table.columns.forEach((c, i) => { const cell = header.getCell(i + 1); cell.value = c.header; cell.style = HEADER_STYLE; });
  header.height = 15 * Math.max(...table.columns.map((c, i) => lines(c.header, widths[i])), 1);
  header.commit();

  let r = 0, seen = table.rows.length;
  const writeRow = (data: Readonly<Record<string, CellValue>>) => {
    const xrow = ws.getRow(r + 2);
    let height = 1;
    table.columns.forEach((c, i) => {
      const cell = xrow.getCell(i + 1);
      const value = toCellValue(c.format, data[c.key] ?? null, c.key);
      cell.value = value;
      // A string is stored as a string cell, never a formula; formula-like text also gets the
      // Text format wherever it lands, so editing the cell cannot turn it into one. Style objects
      // are shared, not one per cell.
      const styles = c.wrap ? WRAPPED : STYLES;
      cell.style = typeof value === 'string' && isFormulaLike(value) ? styles.text : styles[c.format];
      if (c.wrap && typeof value === 'string') height = Math.max(height, lines(value, widths[i]));
    });
    if (height > 1) xrow.height = 15 * height;
    xrow.commit();
    r++;
  };
  if (source) {
    seen = 0;
    for (const data of sample) {
      if (seen++ < limit) writeRow(data);
      if (r > 0 && r % DRAIN_EVERY_ROWS === 0) await drained(ws, out);
    }
    sample.length = 0;
    while (!ended) {
      const next = await source.next();
      if (next.done) { streamedTotal = next.value ?? 0; break; }
      if (seen++ < limit) {
        writeRow(next.value);
        if (r % DRAIN_EVERY_ROWS === 0) await drained(ws, out);
      }
    }
  } else {
    for (const data of table.rows.slice(0, limit)) {
      writeRow(data);
      if (r % DRAIN_EVERY_ROWS === 0) await drained(ws, out);
    }
  }
  const shown = r;
  // A stream that stopped at the rows shown says how many there are in all.
  const total = Math.max(table.totalRows ?? 0, seen, streamedTotal);
  let next = shown + 2;
  if (total > shown) {
    const more = total - shown;
    const note = ws.getRow(next++);
    note.getCell(1).value = table.sheetLimit?.csv
      ? `${more.toLocaleString('en-GB')} more rows are not shown here: ${table.sheetLimit.csv} holds all ${total.toLocaleString('en-GB')}`
      : `${more.toLocaleString('en-GB')} more rows do not fit in a sheet`;
    note.getCell(1).style = TOTAL_LABEL;
    note.commit();
  } else if (table.totals) {
    addTotals(ws.getRow(next++), table, shown);
  }
  if (table.columns.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: shown + 1, column: table.columns.length } };
  for (const [key, choices] of Object.entries(table.choices ?? {})) {
    const col = table.columns.findIndex((c) => c.key === key);
    if (col < 0 || shown === 0) continue;
    const letter = columnLetter(col + 1);
    (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${shown + 1}`, {
      type: 'list', allowBlank: true, formulae: [`"${choices.join(',')}"`],
      showErrorMessage: true, errorStyle: 'stop', errorTitle: table.columns[col].header, error: `Choose one of: ${choices.join(', ')}`,
    });
  }
  await ws.commit();
}

/** How many of a table's rows its sheet shows: up to its `sheetLimit`, and what fits in a sheet. */
export function rowsShown(table: TableModel): number {
  return Math.min(table.sheetLimit?.rows ?? Infinity, EXCEL_MAX_DATA_ROWS);
}

/** Rows written between waits for the zip and the file to take what was written. */
const DRAIN_EVERY_ROWS = 1_000;
/** Bytes a sheet may hold before the zip has begun to take its entry. */
const UNPIPED_LIMIT = 1 << 20;

/**
 * Waits until the sheet's rows written so far have gone on: exceljs's sheet stream never pushes
 * back (its write always returns true), so without this a sheet of a county's rows is held whole,
 * as XML and then deflated, until the loop ends. The sheet stream feeds the zip's deflate stream
 * once the zip reaches its entry (until then it keeps what it is given), and the zip feeds `out`.
 * Only when the bytes move, never what they are: the output does not depend on it.
 */
async function drained(ws: ExcelJS.Worksheet, out: Writable): Promise<void> {
  const sheet = (ws as unknown as { stream: { pipes: Writable[]; buffers: { length: number }[] } }).stream;
  for (;;) {
    const pipe = sheet.pipes[0];
    if (pipe && needsDrain(pipe)) await once(pipe, 'drain');
    else if (out.writableNeedDrain) await once(out, 'drain');
    else if (!pipe && sheet.buffers.length * 65_536 > UNPIPED_LIMIT) await new Promise((resolve) => setTimeout(resolve, 1));
    else return;
  }
}

/**
 * Whether a stream's buffer is over its high-water mark. The pipe archiver puts between a sheet and
 * the zip is readable-stream's PassThrough, which has no `writableNeedDrain` (a getter of Node's
 * own streams since 15): read without the fallback it was always undefined, so a sheet was never
 * waited for and its whole XML sat in that pipe (80 MiB for 100,000 Evidence rows; the Not claimed
 * sheet of a county more) until the sheet was committed.
 */
function needsDrain(w: Writable): boolean {
  return w.writableNeedDrain ?? (w as unknown as { _writableState?: { needDrain?: boolean } })._writableState?.needDrain ?? false;
}

/** The sums are computed here and written with their formula, so the cell is right before any recalculation. */
function addTotals(row: ExcelJS.Row, table: TableModel, shown: number): void {
  row.getCell(1).value = table.totals!.label;
  row.getCell(1).style = TOTAL_LABEL;
  table.columns.forEach((c, i) => {
    if (i === 0) return;
    const cell = row.getCell(i + 1);
    if (!table.totals!.sum.includes(c.key)) { cell.style = TOTAL_LABEL; return; }
    const pence = table.rows.reduce((t, r) => t + Math.round(Number(r[c.key] ?? 0) * 100), 0);
    const letter = columnLetter(i + 1);
    cell.value = { formula: `SUM(${letter}2:${letter}${shown + 1})`, result: pence / 100 } as ExcelJS.CellFormulaValue;
    cell.style = TOTAL_MONEY;
  });
  row.commit();
}

/** Each column as wide as its widest value (in a sample of rows) or the longest word of its header, up to a cap. */
function fitWidths(table: TableModel, rows: TableModel['rows'], shown: number): number[] {
  return table.columns.map((c) => {
    if (c.wrap) return c.width;
    let widest = Math.max(...c.header.split(' ').map((w) => w.length), 4);
    let filled = false;
    for (let r = 0; r < Math.min(shown, FIT_SAMPLE_ROWS); r++) {
      const length = displayLength(c, rows[r][c.key] ?? null);
      filled ||= length > 0;
      widest = Math.max(widest, length);
    }
    // A column left empty for the analyst to fill in (spot-check notes, a decision) keeps the room the model gives it.
    if (!filled && shown > 0) return c.width;
    if (table.totals && c === table.columns[0]) widest = Math.max(widest, table.totals.label.length);
    // The total is wider than any one amount (and bold).
    if (table.totals?.sum.includes(c.key)) widest = Math.max(widest, displayLength(c, table.rows.reduce((t, r) => t + Number(r[c.key] ?? 0), 0)) + 1);
    return Math.min(widest + 2, Math.max(MAX_FIT_WIDTH, c.width));
  });
}

function displayLength(c: ColumnModel, v: CellValue): number {
  if (v === null) return 0;
  if (typeof v === 'string') return c.format === 'date' ? 10 : v.length;
  switch (c.format) {
    case 'money': return `£${v.toFixed(2)}`.length + Math.floor(Math.log10(Math.max(Math.abs(v), 1)) / 3);
    case 'percent': return `${(v * 100).toFixed(1)}%`.length;
    case 'decimal': return v.toFixed(3).length;
    default: return String(v).length;
  }
}

/** Lines a text takes when wrapped at word boundaries in a column `width` characters wide. */
function lines(text: string, width: number): number {
  // A column `width` wide holds about 1.2 × width characters of running text (width is counted in
  // '0' digits, wider than the average letter; measured on LibreOffice's rendering).
  const room = Math.max(Math.floor(width * 1.2) - 1, 1);
  let n = 0;
  for (const paragraph of text.split('\n')) {
    let used = 0;
    n++;
    for (const word of paragraph.split(' ')) {
      const need = used === 0 ? word.length : used + 1 + word.length;
      if (need <= room) { used = need; continue; }
      n += used === 0 ? 0 : 1;
      used = word.length;
      while (used > room) { n++; used -= room; }
    }
  }
  return n;
}

function columnLetter(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function toCellValue(format: ColumnFormat, value: CellValue, header: string): string | number | Date | null {
  if (value === null) return null;
  if (format === 'date' && typeof value === 'string') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`column ${header}: a date column holds a value that is not YYYY-MM-DD`);
    return utcDate(value);
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`column ${header}: ${value} is not a finite number`);
  return value;
}

function utcDate(iso: string): Date {
  return new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));
}

function dosDateOf(iso: string): number {
  const year = Math.max(1980, Number(iso.slice(0, 4)));
  return ((year - 1980) << 9) | (Number(iso.slice(5, 7)) << 5) | Number(iso.slice(8, 10));
}

/** Set every entry's DOS time/date, in the local headers and the central directory, to `iso` 00:00. */
export function fixZipTimes(zip: Buffer, iso: string): Buffer {
  const out = Buffer.from(zip);
  const dosDate = dosDateOf(iso);
  const eocd = findEndOfCentralDirectory(out, 0);
  const entries = out.readUInt16LE(eocd + 10);
  let p = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(p) !== 0x02014b50) throw new Error('workbook zip: bad central directory entry');
    out.writeUInt16LE(0, p + 12);
    out.writeUInt16LE(dosDate, p + 14);
    const local = out.readUInt32LE(p + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error('workbook zip: bad local header');
    out.writeUInt16LE(0, local + 10);
    out.writeUInt16LE(dosDate, local + 12);
    p += 46 + out.readUInt16LE(p + 28) + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  return out;
}

/** The same, on a file, touching only the directory and the few bytes of each local header. */
async function fixZipTimesInFile(handle: import('node:fs/promises').FileHandle, iso: string): Promise<void> {
  const { size } = await handle.stat();
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = Buffer.alloc(tailLength);
  await handle.read(tail, 0, tailLength, size - tailLength);
  const eocd = findEndOfCentralDirectory(tail, 0);
  const entries = tail.readUInt16LE(eocd + 10);
  const dirSize = tail.readUInt32LE(eocd + 12), dirStart = tail.readUInt32LE(eocd + 16);
  const dir = Buffer.alloc(dirSize);
  await handle.read(dir, 0, dirSize, dirStart);
  const dosDate = dosDateOf(iso);
  const stamp = Buffer.alloc(4);
  stamp.writeUInt16LE(0, 0);
  stamp.writeUInt16LE(dosDate, 2);
  const sig = Buffer.alloc(4);
  let p = 0;
  for (let i = 0; i < entries; i++) {
    if (dir.readUInt32LE(p) !== 0x02014b50) throw new Error('workbook zip: bad central directory entry');
    stamp.copy(dir, p + 12);
    const local = dir.readUInt32LE(p + 42);
    await handle.read(sig, 0, 4, local);
    if (sig.readUInt32LE(0) !== 0x04034b50) throw new Error('workbook zip: bad local header');
    await handle.write(stamp, 0, 4, local + 10);
    p += 46 + dir.readUInt16LE(p + 28) + dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32);
  }
  await handle.write(dir, 0, dirSize, dirStart);
}

function findEndOfCentralDirectory(buf: Buffer, from: number): number {
  for (let p = buf.length - 22; p >= Math.max(from, buf.length - 22 - 0xffff); p--) {
    if (buf.readUInt32LE(p) === 0x06054b50) return p;
  }
  throw new Error('workbook zip: no end of central directory');
}
