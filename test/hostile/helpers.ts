import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/cli.ts';

export const SAMPLE = join(import.meta.dirname, '../../sample-data');

/** The committed 20-family sample in a folder of its own (without its truth), to spoil. */
export function sampleInputs(): string {
  const dir = join(tempDir(), 'inputs');
  cpSync(SAMPLE, dir, { recursive: true });
  rmSync(join(dir, 'truth'), { recursive: true });
  return dir;
}

/** Every file in a folder with its sha256 (folders listed by name): equal snapshots mean nothing was written. */
export function snapshot(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  return Object.fromEntries(readdirSync(dir).sort().map((n) => {
    const p = join(dir, n);
    return [n, statSync(p).isDirectory() ? 'folder' : createHash('sha256').update(readFileSync(p)).digest('hex')];
  }));
}

/** One line, no stack trace, no "internal error". */
export function expectCleanMessage(stderr: string): void {
  const lines = stderr.trim().split('\n').filter((l) => l.startsWith('tfpbr:') || l.startsWith('    at '));
  if (lines.length !== 1 || !lines[0].startsWith('tfpbr:') || /internal error/.test(stderr)) {
    throw new Error(`expected one clean error line, got:\n${stderr}`);
  }
}
