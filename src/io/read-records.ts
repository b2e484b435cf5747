import { createReadStream } from 'node:fs';
import { InputError } from '../shared/errors.ts';
import { DEFAULT_LIMITS, type InputLimits } from '../shared/limits.ts';
import { checkZipDirectory } from './check-zip-directory.ts';
import { completeRecordsEnd, countLineFeeds, DelimitedParser, detectDelimiter, UnterminatedQuoteError } from './delimited-parser.ts';
import type { FileInfo, TextEncoding } from './inspect-file.ts';

/**
 * Called with the header (line 1) first, then each record; `values` may be reused by the caller only
 * until it returns. `unusable` (workbooks only): the columns holding a formula with no cached value,
 * whose value cannot be known without Excel (the row is rejected as `row/formula-without-value`).
 */
export type OnRow = (values: string[], line: number, unusable?: readonly number[]) => void;

/**
 * Streams every record of a CSV or XLSX file, header included, as string values with their line.
 * `limit` stops after that many records (used to read just the header).
 */
export interface ReadOptions {
  sheet?: string;
  limit?: number;
  /** Awaited between chunks, so a slow consumer can hold the reader back (backpressure). */
  pause?: () => Promise<void> | void;
  /** Workbooks: refused before inflating when they would expand beyond these (default DEFAULT_LIMITS). */
  limits?: InputLimits;
}

export async function readRecords(info: FileInfo, name: string, onRow: OnRow, opts: ReadOptions = {}): Promise<void> {
  const limit = opts.limit ?? Infinity;
  if (info.kind === 'xlsx') return readXlsx(info.path, name, onRow, opts.sheet, limit, opts.pause, opts.limits ?? DEFAULT_LIMITS);
  let seen = 0;
  const stream = createReadStream(info.path, { highWaterMark: 1 << 20 });
  const decoder = new TextDecoder(info.encoding ?? 'utf-8');
  const parser = new DelimitedParser((values, line) => {
    if (seen++ < limit) onRow(values, line);
  });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      parser.push(withoutUnitSeparator(decoder.decode(chunk, { stream: true })));
      if (seen >= limit) { stream.destroy(); return; }
      if (parser.pending > MAX_RECORD_BYTES) { stream.destroy(); throw recordTooLong(name, seen + 1); }
      await opts.pause?.();
    }
    parser.push(decoder.decode());
    parser.end();
  } catch (e) {
    throw e instanceof UnterminatedQuoteError ? unterminatedQuote(name, e.line) : e;
  }
}

export function unterminatedQuote(name: string, line: number): InputError {
  return new InputError(`${name}, line ${line}: a quoted value is never closed, so the rest of the file cannot be read; check the quotes on that line [file/unterminated-quote]`, name);
}

function recordTooLong(name: string, line: number): InputError {
  return new InputError(`${name}, line ${line}: a record runs on past 64 MiB, so the rest of the file cannot be read: `
    + 'a quote never closed on that line, or a value far longer than any extract holds [file/unterminated-quote]', name);
}

/** A piece of a CSV file holding whole records only (as bytes, decoded by whoever parses it), and the line it starts on. */
export interface RecordChunk {
  readonly bytes: Uint8Array;
  readonly firstLine: number;
  readonly delimiter: string;
  readonly encoding: TextEncoding;
}

/** No record is longer than this; one that is, is a quote never closed (and must not fill memory). */
const MAX_RECORD_BYTES = 64 << 20;

/**
 * Streams a CSV file as pieces of about `chunkBytes` that each end where a record ends, so they can
 * be decoded and parsed independently (in parallel) and give the same records, on the same lines,
 * as the whole. This thread only looks for quotes and line breaks.
 */
export async function* readCsvChunks(info: FileInfo, name: string, chunkBytes = 1 << 20): AsyncGenerator<RecordChunk> {
  const encoding = info.encoding ?? 'utf-8';
  const stream = createReadStream(info.path, { highWaterMark: chunkBytes });
  let carry: Buffer = Buffer.alloc(0), line = 1;
  let delimiter: string | null = null;
  // Reads held while one record is still open; scanned again only when they have doubled (linear time).
  let held: Buffer[] = [], heldBytes = 0, stalledAt = 0;
  try {
    for await (const read of stream as AsyncIterable<Buffer>) {
      if (stalledAt > 0) {
        held.push(read);
        heldBytes += read.length;
        if (carry.length + heldBytes < 2 * stalledAt) continue;
      }
      const bytes = stalledAt > 0 ? Buffer.concat([carry, ...held]) : carry.length > 0 ? Buffer.concat([carry, read]) : read;
      held = [];
      heldBytes = 0;
      delimiter ??= detectDelimiter(decodeChunk(bytes.subarray(0, 4096), encoding).replace(/^[\uFEFF\r\n]+/, '').split('\n', 1)[0]);
      const end = completeRecordsEnd(bytes, delimiter);
      if (end === 0) {
        if (bytes.length > MAX_RECORD_BYTES) throw recordTooLong(name, line);
        carry = bytes;
        stalledAt = bytes.length;
        continue;
      }
      // The open record may have ended past the limit: the same rule as for one still open.
      if (stalledAt > 0 && bytes.length > MAX_RECORD_BYTES && completeRecordsEnd(bytes.subarray(0, MAX_RECORD_BYTES), delimiter) === 0) {
        throw recordTooLong(name, line);
      }
      stalledAt = 0;
      const piece = bytes.subarray(0, end);
      yield { bytes: piece, firstLine: line, delimiter, encoding };
      line += countLineFeeds(piece);
      carry = bytes.subarray(end);
    }
  } finally {
    stream.destroy();
  }
  if (held.length > 0) {
    const bytes = Buffer.concat([carry, ...held]);
    const end = completeRecordsEnd(bytes, delimiter ?? ',');
    if (end > 0 && bytes.length > MAX_RECORD_BYTES && completeRecordsEnd(bytes.subarray(0, MAX_RECORD_BYTES), delimiter ?? ',') === 0) {
      throw recordTooLong(name, line);
    }
    if (end > 0) {
      yield { bytes: bytes.subarray(0, end), firstLine: line, delimiter: delimiter ?? ',', encoding };
      line += countLineFeeds(bytes.subarray(0, end));
    }
    carry = bytes.subarray(end);
  }
  if (carry.length > MAX_RECORD_BYTES) throw recordTooLong(name, line);
  if (carry.length > 0) yield { bytes: carry, firstLine: line, delimiter: delimiter ?? ',', encoding };
}

/** A chunk's text, as readRecords would read it (a byte-order mark is left to the parser, which drops it on line 1). */
export function decodeChunk(bytes: Uint8Array, encoding: TextEncoding): string {
  return withoutUnitSeparator(new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes));
}

async function readXlsx(path: string, name: string, onRow: OnRow, sheet: string | undefined, limit: number, pause: ReadOptions['pause'],
  limits: InputLimits): Promise<void> {
  await checkZipDirectory(path, name, limits);
  // Loaded only for workbooks: exceljs takes longer to load than a small CSV takes to read.
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    entries: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit',
  });
  let seen = 0, found = false;
  try {
    for await (const ws of reader) {
      const wsName = (ws as unknown as { name?: string }).name;
      if (found || (sheet !== undefined && wsName !== sheet)) continue;
      found = true;
      let width = 0;
      for await (const row of ws) {
        if (seen >= limit) break;
        const cells = row.values as unknown[];
        if (seen === 0) width = cells.length - 1;
        const values: string[] = new Array(Math.max(width, cells.length - 1)).fill('');
        let unusable: number[] | undefined;
        for (let c = 1; c < cells.length; c++) {
          const text = cellText(cells[c]);
          if (text === null) (unusable ??= []).push(c - 1);
          values[c - 1] = text ?? '';
        }
        if (values.every((v) => v === '') && !unusable) continue;
        seen++;
        onRow(values, row.number, unusable);
        if (pause && seen % 1000 === 0) await pause();
      }
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${name}: the workbook cannot be read (${(e as Error).message}); open it in Excel and save it again as .xlsx [file/format]`, name);
  }
  if (!found) throw new InputError(`${name}: the workbook has no sheet${sheet ? ` named "${sheet}"` : ''} [file/empty]`, name);
}

/**
 * A cell's value as text, as the analyst sees it in Excel; null when it cannot be known (a formula
 * without a cached result, or anything exceljs hands back that is not a value).
 */
export function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return withoutUnitSeparator(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  // Excel stores dates as days; exceljs hands them back as UTC midnight Dates.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: unknown; text?: unknown; result?: unknown; error?: unknown; formula?: unknown; sharedFormula?: unknown };
    if (Array.isArray(o.richText)) return withoutUnitSeparator(o.richText.map((r) => typeof r?.text === 'string' ? r.text : '').join(''));
    if ('formula' in o || 'sharedFormula' in o || 'result' in o) {
      return o.result === undefined || o.result === null ? null : cellText(o.result);
    }
    if (typeof o.text === 'string') return withoutUnitSeparator(o.text);
    if ('error' in o) return '';
  }
  return null;
}

/**
 * U+001F (unit separator) is never meaningful in an extract, and the ingest worker uses it to
 * join values; read it as a space. One native scan per chunk.
 */
function withoutUnitSeparator(text: string): string {
  return text.indexOf('\x1f') >= 0 ? text.replaceAll('\x1f', ' ') : text;
}
