import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { InputError } from '../shared/errors.ts';

export type FileKind = 'csv' | 'xlsx';
export type TextEncoding = 'utf-8' | 'windows-1252';

export interface FileInfo {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  readonly kind: FileKind;
  /** For CSV: UTF-8 when every byte sequence is valid UTF-8, else Windows-1252 (as Excel saves). */
  readonly encoding: TextEncoding | null;
}

const XLSX_MAGIC = Buffer.from('PK\x03\x04', 'latin1');
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** One pass over the file: sha256, size, and what kind of file it is; streams, so size does not matter. */
export async function inspectFile(path: string, name = path): Promise<FileInfo> {
  const size = (await stat(path).catch((e: Error) => { throw new InputError(`${name}: the file cannot be opened (${e.message})`, name); })).size;
  const hash = createHash('sha256');
  let utf8 = true, hasNul = false, hasLf = false, hasCr = false, head: Buffer | null = null;
  let partial: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    head ??= chunk.subarray(0, 8);
    if (head.subarray(0, 4).equals(XLSX_MAGIC)) continue;
    if (!hasNul && chunk.indexOf(0) >= 0) hasNul = true;
    if (!hasLf && chunk.indexOf(10) >= 0) hasLf = true;
    if (!hasLf && !hasCr && chunk.indexOf(13) >= 0) hasCr = true;
    if (utf8) {
      // Validate up to the last whole character; a character cut by the chunk's end goes with the next.
      const bytes = partial.length > 0 ? Buffer.concat([partial, chunk]) : chunk;
      const end = wholeCharactersEnd(bytes);
      utf8 = isUtf8(bytes.subarray(0, end));
      partial = Buffer.from(bytes.subarray(end));
    }
  }
  if (partial.length > 0) utf8 = false;
  const sha256 = hash.digest('hex');
  if (size === 0 || !head) throw new InputError(`${name}: the file is empty; export the extract again with its header row [file/empty]`, name);
  if (head.subarray(0, 4).equals(XLSX_MAGIC)) return { path, sha256, size, kind: 'xlsx', encoding: null };
  if (head.subarray(0, 4).equals(OLE_MAGIC)) {
    throw new InputError(`${name}: this is an old binary Excel (.xls) file; save it as .xlsx or CSV [file/format]`, name);
  }
  if (hasNul) {
    throw new InputError(`${name}: the file is not UTF-8 or Windows-1252 text (UTF-16 or binary?); save it as "CSV UTF-8" [file/encoding]`, name);
  }
  if (hasCr && !hasLf) {
    throw new InputError(`${name}: the lines end with a carriage return only (old Mac format), so the file reads as one line; save it again as "CSV UTF-8" [file/line-endings]`, name);
  }
  return { path, sha256, size, kind: 'csv', encoding: utf8 ? 'utf-8' : 'windows-1252' };
}

/** Where the last complete UTF-8 character in `bytes` ends: before a lead byte whose sequence runs past the end. */
function wholeCharactersEnd(bytes: Buffer): number {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i--) {
    const b = bytes[i];
    if (b < 0x80) return bytes.length;
    if (b >= 0xc0) return i + (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2) > bytes.length ? i : bytes.length;
  }
  return bytes.length;
}
