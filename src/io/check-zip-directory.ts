import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import * as zlib from 'node:zlib';
import { InputError } from '../shared/errors.ts';
import { XLSX_RATIO_FLOOR_BYTES, type InputLimits } from '../shared/limits.ts';

export interface ZipEntrySize {
  readonly name: string;
  readonly compressed: number;
  readonly uncompressed: number;
  readonly crc: number;
  readonly method: number;
  readonly offset: number;
}

const EOCD = 0x06054b50, ZIP64_EOCD = 0x06064b50, ZIP64_LOCATOR = 0x07064b50, CENTRAL = 0x02014b50;
const MAX_CENTRAL_BYTES = 64 << 20;

/**
 * Refuses a workbook (exit 3, `file/too-large`) whose parts would expand beyond the limits, from the
 * zip's central directory before anything is inflated: a 400 KB file that declares 400 MiB costs a
 * few KB of reading. Then every part is inflated once, to nowhere, and must give exactly its
 * declared size and CRC (it stops at the first byte beyond): so a zip that lies in its directory,
 * or whose data is damaged, is refused as unreadable (`file/format`) before the workbook reader
 * sees it (fuzzing found damaged workbooks on which that reader never finishes).
 */
export async function checkZipDirectory(path: string, name: string, limits: InputLimits): Promise<void> {
  const entries = await readZipDirectory(path, name);
  checkSizes(entries, name, limits);
  for (const e of entries) await checkEntryData(path, name, e);
}

function checkSizes(entries: readonly ZipEntrySize[], name: string, limits: InputLimits): void {
  let total = 0;
  for (const e of entries) {
    total += e.uncompressed;
    if (e.uncompressed > XLSX_RATIO_FLOOR_BYTES && e.uncompressed > limits.maxXlsxRatio * Math.max(1, e.compressed)) {
      throw tooLarge(name, `one part expands ${Math.round(e.uncompressed / Math.max(1, e.compressed))} times, more than --max-xlsx-ratio ${limits.maxXlsxRatio}`);
    }
  }
  if (total > limits.maxXlsxBytes) {
    throw tooLarge(name, `it expands to ${mib(total)} MiB, more than --max-xlsx-mib ${mib(limits.maxXlsxBytes)}`);
  }
}

const LOCAL = 0x04034b50;

/** One part's local header agrees with the directory, and its data inflates to exactly the declared size and CRC. */
async function checkEntryData(path: string, name: string, e: ZipEntrySize): Promise<void> {
  const bad = (why: string) => new InputError(`${name}: the workbook is damaged (${why}); open it in Excel and save it again as .xlsx [file/format]`, name);
  if (e.method !== 0 && e.method !== 8) throw bad('a part is stored in an unknown way');
  const handle = await open(path, 'r');
  let dataStart: number;
  try {
    const local = Buffer.alloc(30);
    const { bytesRead } = await handle.read(local, 0, 30, e.offset);
    if (bytesRead < 30 || local.readUInt32LE(0) !== LOCAL || local.readUInt16LE(8) !== e.method) throw bad('a part\'s header does not match the directory');
    dataStart = e.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    if (dataStart + e.compressed > (await handle.stat()).size) throw bad('a part runs past the end of the file');
  } finally {
    await handle.close();
  }
  if (e.compressed === 0 && e.uncompressed === 0) return;
  await new Promise<void>((resolve, reject) => {
    const input = createReadStream(path, { start: dataStart, end: dataStart + Math.max(e.compressed, 1) - 1 });
    const inflate = e.method === 8 ? zlib.createInflateRaw() : null;
    let size = 0, crc = 0, failed = false;
    const fail = (why: string) => { if (failed) return; failed = true; input.destroy(); inflate?.destroy(); reject(bad(why)); };
    const take = (chunk: Buffer) => {
      size += chunk.length;
      if (size > e.uncompressed) return fail('a part is larger than its declared size');
      crc = crc32Update(crc, chunk);
    };
    const finish = () => {
      if (failed) return;
      if (size !== e.uncompressed || crc !== e.crc) return fail('a part does not match its checksum');
      resolve();
    };
    input.on('error', () => fail('a part cannot be read'));
    if (inflate) {
      inflate.on('data', take).on('end', finish).on('error', () => fail('a part cannot be inflated'));
      input.pipe(inflate);
    } else {
      input.on('data', (c) => take(c as Buffer)).on('end', finish);
    }
  });
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** zlib's CRC-32 where Node has it (20.15+), else the table: `crc` is the value so far (0 to start). */
const nativeCrc32 = (zlib as unknown as { crc32?: (data: Uint8Array, value: number) => number }).crc32;

function crc32Update(crc: number, bytes: Uint8Array): number {
  return nativeCrc32 ? nativeCrc32(bytes, crc) : tableCrc32(bytes, crc);
}

export function tableCrc32(bytes: Uint8Array, crc = 0): number {
  let c = (crc ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function tooLarge(name: string, why: string): InputError {
  return new InputError(`${name}: the workbook is too large to read safely (${why}); save the sheet as CSV, or raise the limit if the file is genuine [file/too-large]`, name);
}

function mib(bytes: number): number {
  return Math.ceil(bytes / (1024 * 1024));
}

/** Every entry's sizes from the central directory (ZIP64 included). */
export async function readZipDirectory(path: string, name: string): Promise<ZipEntrySize[]> {
  const corrupt = (why: string) => new InputError(`${name}: the workbook is not a readable zip (${why}); open it in Excel and save it again as .xlsx [file/format]`, name);
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const tailLength = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let at = -1;
    for (let i = tailLength - 22; i >= 0; i--) if (tail.readUInt32LE(i) === EOCD) { at = i; break; }
    if (at < 0) throw corrupt('no end of central directory');
    let count = tail.readUInt16LE(at + 10);
    let dirSize = tail.readUInt32LE(at + 12);
    let dirOffset = tail.readUInt32LE(at + 16);
    if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
      const loc = at - 20;
      if (loc < 0 || tail.readUInt32LE(loc) !== ZIP64_LOCATOR) throw corrupt('ZIP64 locator missing');
      const eocd64 = Buffer.alloc(56);
      await handle.read(eocd64, 0, 56, Number(tail.readBigUInt64LE(loc + 8)));
      if (eocd64.readUInt32LE(0) !== ZIP64_EOCD) throw corrupt('ZIP64 directory missing');
      count = Number(eocd64.readBigUInt64LE(32));
      dirSize = Number(eocd64.readBigUInt64LE(40));
      dirOffset = Number(eocd64.readBigUInt64LE(48));
    }
    if (dirSize > MAX_CENTRAL_BYTES || dirOffset + dirSize > size) throw corrupt('central directory out of bounds');
    const dir = Buffer.alloc(dirSize);
    await handle.read(dir, 0, dirSize, dirOffset);
    const entries: ZipEntrySize[] = [];
    let p = 0;
    for (let n = 0; n < count; n++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw corrupt('central directory entry broken');
      const method = dir.readUInt16LE(p + 10), crc = dir.readUInt32LE(p + 16);
      let compressed = dir.readUInt32LE(p + 20), uncompressed = dir.readUInt32LE(p + 24), offset = dir.readUInt32LE(p + 42);
      const nameLength = dir.readUInt16LE(p + 28), extraLength = dir.readUInt16LE(p + 30), commentLength = dir.readUInt16LE(p + 32);
      if (p + 46 + nameLength + extraLength + commentLength > dir.length) throw corrupt('central directory entry broken');
      const entryName = dir.toString('utf8', p + 46, p + 46 + nameLength);
      // ZIP64 extra field: the 64-bit sizes, in this order, of whichever 32-bit ones are saturated.
      let q = p + 46 + nameLength;
      const extraEnd = q + extraLength;
      while (q + 4 <= extraEnd) {
        const id = dir.readUInt16LE(q), len = Math.min(dir.readUInt16LE(q + 2), extraEnd - q - 4);
        if (id === 0x0001) {
          let r = q + 4;
          if (uncompressed === 0xffffffff && r + 8 <= q + 4 + len) { uncompressed = Number(dir.readBigUInt64LE(r)); r += 8; }
          if (compressed === 0xffffffff && r + 8 <= q + 4 + len) { compressed = Number(dir.readBigUInt64LE(r)); r += 8; }
          if (offset === 0xffffffff && r + 8 <= q + 4 + len) { offset = Number(dir.readBigUInt64LE(r)); }
        }
        q += 4 + len;
      }
      entries.push({ name: entryName, compressed, uncompressed, crc, method, offset });
      p = extraEnd + commentLength;
    }
    return entries;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_OUT_OF_RANGE' || e instanceof RangeError) throw corrupt('directory out of bounds');
    throw e;
  } finally {
    await handle.close();
  }
}
