import { inflateRawSync } from 'node:zlib';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkbookModel } from '../../src/reporting/types.ts';

export const INJECTIONS = ['=HYPERLINK("http://x","y")', '+1', '-2', '@SUM(A1)', '\t=1+1', '\r=1+1'];

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tfpbr-out-'));
}

export const model: WorkbookModel = {
  date: '2024-09-30',
  title: 'Results claim 2024-Q3',
  sheets: [
    {
      name: 'Claims',
      columns: [
        { header: 'family_ref', key: 'family_ref', width: 14, format: 'text' },
        { header: 'attachment_date', key: 'attachment_date', width: 16, format: 'date' },
        { header: 'problems', key: 'problems', width: 40, format: 'int' },
        { header: 'amount', key: 'amount', width: 13, format: 'money' },
        { header: 'share', key: 'share', width: 10, format: 'percent' },
        { header: 'name', key: 'name', width: 30, format: 'text' },
      ],
      rows: [
        { family_ref: 'F001', attachment_date: '2023-06-01', problems: 3, amount: 800, share: 0.25, name: 'Zoë Ó Briain' },
        ...INJECTIONS.map((name, i) => ({ family_ref: `F10${i}`, attachment_date: null, problems: null, amount: 1234.5, share: null, name })),
      ],
    },
    { name: 'Empty', columns: [{ header: 'x', key: 'x', width: 8, format: 'text' }], rows: [] },
  ],
};

/** Entries of a zip (stored or deflated) read through the central directory, with their DOS date/time. */
export function readZip(buf: Buffer): Map<string, { data: Buffer; dosTime: number; dosDate: number }> {
  let eocd = buf.length - 22;
  while (buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const out = new Map<string, { data: Buffer; dosTime: number; dosDate: number }>();
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < buf.readUInt16LE(eocd + 10); i++) {
    const method = buf.readUInt16LE(p + 10), size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28), local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    out.set(name, { data: method === 8 ? inflateRawSync(raw) : raw, dosTime: buf.readUInt16LE(local + 10), dosDate: buf.readUInt16LE(local + 12) });
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}
