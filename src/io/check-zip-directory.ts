import { open } from 'node:fs/promises';
import { InputError } from '../shared/errors.ts';
import { XLSX_RATIO_FLOOR_BYTES, type InputLimits } from '../shared/limits.ts';

export interface ZipEntrySize { readonly name: string; readonly compressed: number; readonly uncompressed: number }

const EOCD = 0x06054b50, ZIP64_EOCD = 0x06064b50, ZIP64_LOCATOR = 0x07064b50, CENTRAL = 0x02014b50;
const MAX_CENTRAL_BYTES = 64 << 20;

/**
 * Refuses a workbook (exit 3, `file/too-large`) whose parts would expand beyond the limits, reading
 * only the zip's central directory: nothing is inflated, so a 400 KB file that expands to 400 MiB
 * costs a few KB of reading. What is checked is what the directory declares: a hand-crafted zip
 * whose compressed data expands beyond its declared size is not caught here.
 */
export async function checkZipDirectory(path: string, name: string, limits: InputLimits): Promise<void> {
  const entries = await readZipDirectory(path, name);
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
      let compressed = dir.readUInt32LE(p + 20), uncompressed = dir.readUInt32LE(p + 24);
      const nameLength = dir.readUInt16LE(p + 28), extraLength = dir.readUInt16LE(p + 30), commentLength = dir.readUInt16LE(p + 32);
      const entryName = dir.toString('utf8', p + 46, p + 46 + nameLength);
      // ZIP64 extra field: the 64-bit sizes, in this order, of whichever 32-bit ones are saturated.
      let q = p + 46 + nameLength;
      const extraEnd = q + extraLength;
      while (q + 4 <= extraEnd) {
        const id = dir.readUInt16LE(q), len = dir.readUInt16LE(q + 2);
        if (id === 0x0001) {
          let r = q + 4;
          if (uncompressed === 0xffffffff && r + 8 <= q + 4 + len) { uncompressed = Number(dir.readBigUInt64LE(r)); r += 8; }
          if (compressed === 0xffffffff && r + 8 <= q + 4 + len) { compressed = Number(dir.readBigUInt64LE(r)); }
        }
        q += 4 + len;
      }
      entries.push({ name: entryName, compressed, uncompressed });
      p = extraEnd + commentLength;
    }
    return entries;
  } finally {
    await handle.close();
  }
}
