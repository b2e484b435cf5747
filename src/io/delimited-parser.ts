/**
 * A streaming RFC 4180 parser that hands each record to a callback with the physical line it
 * starts on. Lines without a quote take a split() fast path; quoted fields (with doubled quotes
 * and embedded line breaks) take the careful path. Blank lines are skipped but still counted.
 */
export type OnRecord = (values: string[], line: number) => void;

export class UnterminatedQuoteError extends Error {
  constructor(readonly line: number) { super(`unterminated quote starting on line ${line}`); }
}

export class DelimitedParser {
  private rest = '';
  private line: number;
  private delimiter: string | null;
  private stalledAt = 0;

  /** `firstLine`: the physical line the text starts on, when it is a piece cut by `completeRecordsEnd`. */
  constructor(private readonly onRecord: OnRecord, delimiter?: string, firstLine = 1) {
    this.delimiter = delimiter ?? null;
    this.line = firstLine;
  }

  push(chunk: string): void {
    const buf = this.rest.length > 0 ? this.rest + chunk : chunk;
    // A record still open after a push is parsed again only once the text has doubled, so a huge
    // record costs linear time, not a fresh parse of everything so far at every chunk.
    if (this.stalledAt > 0 && buf.length < 2 * this.stalledAt) { this.rest = buf; return; }
    this.rest = this.consume(buf, false);
    this.stalledAt = this.rest.length === buf.length ? buf.length : 0;
  }

  /** Characters held of a record not yet complete. */
  get pending(): number {
    return this.rest.length;
  }

  end(): void {
    if (this.rest.length > 0) this.consume(this.rest + '\n', true);
    this.rest = '';
  }

  /** Parses every complete record in `buf`; returns the unconsumed tail. */
  private consume(buf: string, final: boolean): string {
    let pos = 0;
    if (this.line === 1 && buf.charCodeAt(0) === 0xfeff) pos = 1;
    for (;;) {
      const nl = buf.indexOf('\n', pos);
      if (nl < 0) return buf.slice(pos);
      const end = nl > pos && buf.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (end === pos) { pos = nl + 1; this.line++; continue; }
      if (this.delimiter === null) this.delimiter = detectDelimiter(buf.slice(pos, end));
      const text = buf.slice(pos, end);
      if (text.indexOf('"') < 0) {
        this.onRecord(text.split(this.delimiter), this.line);
        pos = nl + 1;
        this.line++;
        continue;
      }
      const parsed = this.parseQuoted(buf, pos);
      if (parsed === null) {
        if (final) throw new UnterminatedQuoteError(this.line);
        return buf.slice(pos);
      }
      this.onRecord(parsed.values, this.line);
      this.line += parsed.lines;
      pos = parsed.next;
    }
  }

  /** Careful path from `start`; null when the record is not complete in `buf` yet. */
  private parseQuoted(buf: string, start: number): { values: string[]; next: number; lines: number } | null {
    const delim = this.delimiter!;
    const values: string[] = [];
    let field = '';
    let i = start;
    let lines = 1;
    for (;;) {
      if (buf[i] === '"') {
        i++;
        for (;;) {
          const q = buf.indexOf('"', i);
          if (q < 0) return null;
          field += buf.slice(i, q);
          lines += countNewlines(buf, i, q);
          if (buf[q + 1] === '"') { field += '"'; i = q + 2; continue; }
          i = q + 1;
          break;
        }
        // Text after a closing quote up to the delimiter is kept, as spreadsheets do.
        while (i < buf.length && buf[i] !== delim && buf[i] !== '\n' && !isLineEndCr(buf, i)) field += buf[i++];
      } else {
        let j = i;
        while (j < buf.length && buf[j] !== delim && buf[j] !== '\n' && !isLineEndCr(buf, j)) j++;
        field += buf.slice(i, j);
        i = j;
      }
      if (i >= buf.length) return null;
      values.push(field);
      field = '';
      if (buf[i] === delim) { i++; continue; }
      if (buf[i] === '\r') i++;
      if (i >= buf.length) return null;
      if (buf[i] === '\n') return { values, next: i + 1, lines };
      return null;
    }
  }
}

/**
 * A CR that ends a line (before a LF, or last in the text so far, when the LF may follow). A lone
 * CR inside a line is text, as in the fast path and for the record-end scanners, which look only
 * at quotes and line feeds; it used to make a well-quoted line read as a quote never closed.
 */
function isLineEndCr(buf: string, i: number): boolean {
  return buf.charCodeAt(i) === 13 && (i + 1 >= buf.length || buf.charCodeAt(i + 1) === 10);
}

/**
 * Where the last complete record in `bytes` (UTF-8 or Windows-1252 text, starting at the start of a
 * record) ends, just after its line break, or 0 if none does. It follows the parser's own rules, so
 * text cut there parses into the same records as the whole: a quote opens a quoted value only at
 * the start of a value, and any other quote is kept as text. It looks only at quote and line-break
 * bytes (which in both encodings are never part of another character), so it is far cheaper than
 * decoding and parsing. Two ways, same answer: jumping from quote to quote with the native
 * `indexOf` when quotes are few (most files: ~0.2 ms a MiB), or one pass over every byte when
 * nearly every value is quoted (some systems quote them all: 3 ms a MiB, against 10 by jumping).
 */
export function completeRecordsEnd(bytes: Uint8Array, delimiter: string): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let quotes = 0;
  const sample = Math.min(buf.length, 8192);
  for (let i = 0; i < sample; i++) if (buf[i] === 34) quotes++;
  return quotes * 16 > sample ? recordsEndByScan(buf, delimiter) : recordsEndByJumps(buf, delimiter);
}

export function recordsEndByJumps(buf: Buffer, delimiter: string): number {
  const delim = delimiter.charCodeAt(0);
  const bom = hasBom(buf) ? 3 : 0;
  let safe = -1;
  let outsideFrom = 0;
  for (let q = buf.indexOf(34); q >= 0; q = buf.indexOf(34, q + 1)) {
    const before = q === bom ? 10 : buf[q - 1];
    if (before !== delim && before !== 10) continue;
    // A quoted value opens at q: the last line break before it, if after the last quoted value, ends a record.
    const nl = q === 0 ? -1 : buf.lastIndexOf(10, q - 1);
    if (nl >= outsideFrom) safe = nl;
    for (;;) {
      q = buf.indexOf(34, q + 1);
      if (q < 0) return safe + 1;
      if (buf[q + 1] !== 34) break;
      q++;
    }
    outsideFrom = q + 1;
  }
  const nl = buf.lastIndexOf(10);
  return (nl >= outsideFrom ? nl : safe) + 1;
}

export function recordsEndByScan(buf: Uint8Array, delimiter: string): number {
  const delim = delimiter.charCodeAt(0);
  let safe = -1;
  let inQuotes = false;
  let before = 10;
  for (let i = hasBom(buf) ? 3 : 0; i < buf.length; i++) {
    const b = buf[i];
    if (inQuotes) {
      if (b === 34) {
        if (buf[i + 1] === 34) i++;
        else { inQuotes = false; before = 34; }
      }
    } else {
      if (b === 34) inQuotes = before === delim || before === 10;
      else if (b === 10) safe = i;
      before = b;
    }
  }
  return safe + 1;
}

function hasBom(buf: Uint8Array): boolean {
  return buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
}

/** How many line feeds `bytes` holds. */
export function countLineFeeds(bytes: Uint8Array): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let n = 0;
  for (let k = buf.indexOf(10); k >= 0; k = buf.indexOf(10, k + 1)) n++;
  return n;
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let k = s.indexOf('\n', from); k >= 0 && k < to; k = s.indexOf('\n', k + 1)) n++;
  return n;
}

/** Tab when the header has more tabs than commas, else comma. */
export function detectDelimiter(headerLine: string): string {
  let tabs = 0, commas = 0;
  for (let i = 0; i < headerLine.length; i++) {
    const c = headerLine.charCodeAt(i);
    if (c === 9) tabs++;
    else if (c === 44) commas++;
  }
  return tabs > commas ? '\t' : ',';
}
