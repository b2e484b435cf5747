import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInside } from '../../src/io/resolve-inside.ts';
import { EXIT, InputError } from '../../src/shared/errors.ts';
import { tempDir } from './fixtures.ts';

describe('resolveInside: a name from a manifest or archive stays inside its folder', () => {
  const root = tempDir();
  const folder = join(root, 'archive', 'inputs');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'police_events.csv'), 'x');
  const outside = join(tempDir(), 'secret.csv');
  writeFileSync(outside, 'x');
  symlinkSync(outside, join(folder, 'linked.csv'));
  mkdirSync(join(root, 'archive', 'real'));
  symlinkSync(join(outside, '..'), join(root, 'archive', 'away'));

  it('accepts a plain name, existing or not', () => {
    expect(resolveInside(folder, 'police_events.csv', 'an input')).toBe(join(folder, 'police_events.csv'));
    expect(resolveInside(folder, 'not-yet.csv', 'an input')).toBe(join(folder, 'not-yet.csv'));
  });

  it.each(['..', '.', '', '../x.csv', '../../../tmp/evil.csv', 'sub/x.csv', 'sub\\x.csv', '/etc/passwd', 'C:evil.csv', 'a\0b', 7, null])(
    'refuses %j with exit 3 naming it', (name) => {
      const error = (() => { try { resolveInside(folder, name, 'manifest.json, an input'); } catch (e) { return e; } return null; })();
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).exitCode).toBe(EXIT.unreadableInput);
      expect((error as InputError).message).toContain(`manifest.json, an input: ${JSON.stringify(String(name))}`);
    });

  it('refuses a symbolic link leading out of the root, for a file and for a folder', () => {
    expect(() => resolveInside(folder, 'linked.csv', 'an input', join(root, 'archive'))).toThrow(/"linked\.csv" leads outside/);
    expect(() => resolveInside(join(root, 'archive'), 'away', 'the archive')).toThrow(/"away" leads outside/);
    expect(resolveInside(join(root, 'archive'), 'real', 'the archive')).toBe(join(root, 'archive', 'real'));
  });
});
