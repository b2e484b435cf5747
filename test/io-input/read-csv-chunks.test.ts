import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DelimitedParser } from '../../src/io/delimited-parser.ts';
import { inspectFile } from '../../src/io/inspect-file.ts';
import { decodeChunk, readCsvChunks, readRecords } from '../../src/io/read-records.ts';
import { tempDir } from '../helpers/cli.ts';

describe('readCsvChunks', () => {
  it('cuts a file into pieces that parse into the same records on the same lines as the whole, records far longer than a piece included (property)', async () => {
    const dir = tempDir();
    const value = fc.oneof(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', 'é'), maxLength: 12 }), fc.nat(300).map((n) => 'x'.repeat(n)));
    const record = fc.array(value, { minLength: 2, maxLength: 2 }).map((r) => r.map((v) => `"${v.replaceAll('"', '""')}"`).join(','));
    await fc.assert(fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 12 }), fc.integer({ min: 4, max: 64 }), async (records, chunkBytes) => {
      const path = join(dir, 'x.csv');
      writeFileSync(path, `h1,h2\n${records.join('\n')}\n`);
      const info = await inspectFile(path, 'x.csv');
      const whole: [string[], number][] = [];
      await readRecords(info, 'x.csv', (v, line) => { whole.push([v.slice(), line]); });
      const pieces: [string[], number][] = [];
      for await (const c of readCsvChunks(info, 'x.csv', chunkBytes)) {
        const p = new DelimitedParser((v, line) => { pieces.push([v.slice(), line]); }, c.delimiter, c.firstLine);
        p.push(decodeChunk(c.bytes, c.encoding));
        p.end();
      }
      expect(pieces).toEqual(whole);
    }), { numRuns: 300, seed: 15 });
  });
});
