import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atomicWrite } from '../../src/io/atomic-write.ts';
import { tempDir } from '../helpers/cli.ts';

describe('atomicWrite', () => {
  it('removes the temporary file a killed writer left, and leaves a live writer\'s alone', async () => {
    const dir = tempDir();
    const path = join(dir, 'links.csv');
    writeFileSync(`${path}.tmp-999999999`, 'half of a killed run');
    writeFileSync(`${path}.tmp-${process.ppid}`, 'a live writer');
    writeFileSync(join(dir, 'other.csv.tmp-999999999'), 'another file: not ours to judge');
    await atomicWrite(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(dir).sort()).toEqual(['links.csv', `links.csv.tmp-${process.ppid}`, 'other.csv.tmp-999999999']);
  });

  it('removes its own temporary file when the write fails', async () => {
    const dir = tempDir();
    await expect(atomicWrite(join(dir, 'missing', 'x.csv'), 'x')).rejects.toThrow();
    await expect(atomicWrite(dir, 'x')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(`${dir}.tmp-${process.pid}`)).toBe(false);
  });
});
