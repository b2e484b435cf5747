import type ExcelJS from 'exceljs';
import { isFormulaLike } from '../reporting/guard-formula.ts';
import type { CellValue, ColumnFormat, TableModel, WorkbookModel } from '../reporting/types.ts';
import { atomicWrite } from './atomic-write.ts';

export const NUMBER_FORMATS: Readonly<Record<ColumnFormat, string>> = {
  // '@' (Text) keeps a cell text even when someone edits it and presses Enter, so `=HYPERLINK(…)`
  // from an extract stays a string in Excel and LibreOffice instead of becoming a live formula.
  text: '@', int: '0', decimal: '0.000', date: 'dd/mm/yyyy', money: '£#,##0.00', percent: '0.0%',
};

const STYLES = Object.fromEntries(Object.entries(NUMBER_FORMATS).map(([k, numFmt]) => [k, { numFmt }])) as Record<ColumnFormat, Partial<ExcelJS.Style>>;

/** Used when the model names no date: any fixed value would do, it only has to not be the clock. */
const FALLBACK_DATE = '2000-01-01';

/**
 * The workbook a person reads: frozen bold header row, set widths, real dates and money,
 * an autofilter. Byte-identical for the same model whatever the clock or TZ: the document
 * dates come from the model, and the zip entry times (which JSZip takes from `new Date()`)
 * are overwritten with the same date before the file is written.
 */
export async function writeWorkbook(path: string, model: WorkbookModel): Promise<void> {
  await atomicWrite(path, await renderWorkbook(model));
}

export async function renderWorkbook(model: WorkbookModel): Promise<Buffer> {
  const date = model.date ?? FALLBACK_DATE;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`workbook date must be YYYY-MM-DD, got "${date}"`);
  // Loaded when a workbook is written, not when the CLI starts: exceljs takes ~0.3 s to load.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'tfpbr';
  workbook.lastModifiedBy = 'tfpbr';
  workbook.created = utcDate(date);
  workbook.modified = utcDate(date);
  if (model.title) workbook.title = model.title;
  for (const sheet of model.sheets) addSheet(workbook, sheet);
  const zip = Buffer.from(await workbook.xlsx.writeBuffer());
  return fixZipTimes(zip, date);
}

function addSheet(workbook: ExcelJS.Workbook, table: TableModel): void {
  const ws = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2' }] });
  ws.columns = table.columns.map((c) => ({ key: c.key, width: c.width }));
  const header = ws.getRow(1);
  table.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.numFmt = NUMBER_FORMATS.text;
  });
  header.font = { bold: true };
  table.rows.forEach((row, r) => {
    const xrow = ws.getRow(r + 2);
    table.columns.forEach((c, i) => {
      const cell = xrow.getCell(i + 1);
      const value = toCellValue(c.format, row[c.key] ?? null, c.header);
      cell.value = value;
      // A string is stored as a string cell, never a formula; formula-like text also gets the
      // Text format wherever it lands, so editing the cell cannot turn it into one. Style objects
      // are shared, not one per cell: that halves the time and memory of a large sheet.
      cell.style = typeof value === 'string' && isFormulaLike(value) ? STYLES.text : STYLES[c.format];
    });
  });
  if (table.columns.length > 0) {
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: table.rows.length + 1, column: table.columns.length } };
  }
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

/** Set every entry's DOS time/date, in the local headers and the central directory, to `iso` 00:00. */
export function fixZipTimes(zip: Buffer, iso: string): Buffer {
  const out = Buffer.from(zip);
  const year = Math.max(1980, Number(iso.slice(0, 4)));
  const dosDate = ((year - 1980) << 9) | (Number(iso.slice(5, 7)) << 5) | Number(iso.slice(8, 10));
  const eocd = findEndOfCentralDirectory(out);
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

function findEndOfCentralDirectory(buf: Buffer): number {
  for (let p = buf.length - 22; p >= Math.max(0, buf.length - 22 - 0xffff); p--) {
    if (buf.readUInt32LE(p) === 0x06054b50) return p;
  }
  throw new Error('workbook zip: no end of central directory');
}
