import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectFile } from '../../src/io/inspect-file.ts';
import { tempDir } from '../helpers/cli.ts';

describe('inspectFile encoding', () => {
  // Files are read 1 MiB at a time; put a multi-byte character across every possible cut.
  for (const ch of ['£', '€', '😀']) {
    const width = Buffer.byteLength(ch);
    for (let offset = 1; offset < width; offset++) {
      it(`reads ${ch} cut ${offset}/${width} by a read boundary as UTF-8`, async () => {
        const path = join(tempDir(), 'a.csv');
        const before = 'x'.repeat((1 << 20) - offset);
        writeFileSync(path, `${before}${ch}y\n`);
        expect((await inspectFile(path)).encoding).toBe('utf-8');
      });
    }
  }

  it('reads a truncated multi-byte character at the very end, or a Windows-1252 £, as Windows-1252', async () => {
    const cut = join(tempDir(), 'a.csv');
    writeFileSync(cut, Buffer.concat([Buffer.from('a,b\n1,'), Buffer.from('€').subarray(0, 2)]));
    expect((await inspectFile(cut)).encoding).toBe('windows-1252');
    const ansi = join(tempDir(), 'b.csv');
    writeFileSync(ansi, Buffer.from('a,b\n£5,x\n', 'latin1'));
    expect((await inspectFile(ansi)).encoding).toBe('windows-1252');
  });
});
