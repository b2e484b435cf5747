import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkZipDirectory, readZipDirectory, tableCrc32 } from '../../src/io/check-zip-directory.ts';
import { DEFAULT_LIMITS } from '../../src/shared/limits.ts';
import { tempDir } from '../helpers/cli.ts';

const bomb = join(import.meta.dirname, '../fixtures/issues/file-too-large/dwp_benefits.xlsx');

async function goodWorkbook(): Promise<string> {
  const path = join(tempDir(), 'good.xlsx');
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Sheet1').addRow(['forename', 'surname']);
  await wb.xlsx.writeFile(path);
  return path;
}

describe('checkZipDirectory', () => {
  it('passes a workbook Excel could have written, and reads its directory', async () => {
    const path = await goodWorkbook();
    await expect(checkZipDirectory(path, 'good.xlsx', DEFAULT_LIMITS)).resolves.toBeUndefined();
    expect((await readZipDirectory(path, 'good.xlsx')).map((e) => e.name)).toContain('xl/worksheets/sheet1.xml');
  });

  it('refuses a part that expands beyond the ratio or the total, from the directory alone', async () => {
    await expect(checkZipDirectory(bomb, 'b.xlsx', DEFAULT_LIMITS)).rejects.toThrow(/expands \d+ times, more than --max-xlsx-ratio 100\).*\[file\/too-large\]/);
    await expect(checkZipDirectory(bomb, 'b.xlsx', { ...DEFAULT_LIMITS, maxXlsxRatio: 1e6, maxXlsxBytes: 1 << 20 }))
      .rejects.toThrow(/expands to 41 MiB, more than --max-xlsx-mib 1/);
    await expect(checkZipDirectory(bomb, 'b.xlsx', { ...DEFAULT_LIMITS, maxXlsxRatio: 1e6 })).resolves.toBeUndefined();
  });

  it('refuses a zip whose directory understates a part (the data is inflated, and stops past the declared size)', async () => {
    const path = await goodWorkbook();
    const bytes = readFileSync(path);
    const entries = await readZipDirectory(path, 'x');
    const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    // Patch the sheet's uncompressed size in the central directory to 10 bytes.
    const name = Buffer.from(sheet.name);
    for (let p = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); p >= 0; p = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p + 4)) {
      if (bytes.subarray(p + 46, p + 46 + name.length).equals(name)) bytes.writeUInt32LE(10, p + 24);
    }
    const lying = join(tempDir(), 'lying.xlsx');
    writeFileSync(lying, bytes);
    await expect(checkZipDirectory(lying, 'lying.xlsx', DEFAULT_LIMITS)).rejects.toThrow(/larger than its declared size.*\[file\/format\]/);
  });

  it('refuses a file that is not a zip at all', async () => {
    const path = join(tempDir(), 'x.xlsx');
    writeFileSync(path, 'PK\x03\x04 and then nothing');
    await expect(checkZipDirectory(path, 'x.xlsx', DEFAULT_LIMITS)).rejects.toThrow(/not a readable zip .*\[file\/format\]/);
  });

  it('computes CRC-32 as zlib does where Node lacks zlib.crc32', () => {
    const data = Buffer.from('The quick brown fox jumps over the lazy dog');
    expect(tableCrc32(data)).toBe(0x414fa339);
    expect(tableCrc32(data.subarray(10), tableCrc32(data.subarray(0, 10)))).toBe(0x414fa339);
    const native = (zlib as unknown as { crc32?: (d: Uint8Array, v?: number) => number }).crc32;
    if (native) expect(tableCrc32(data)).toBe(native(data));
  });
});
