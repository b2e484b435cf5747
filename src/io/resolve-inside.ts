import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { InputError } from '../shared/errors.ts';

/**
 * The path of `name` inside `folder`, for a name read from a manifest, an archive or a mapping:
 * it must be a plain file name (no folder part, no `..`, not absolute), and where the file or
 * the folder exists its real path (symlinks followed) must still lie inside the real `root`
 * (default: `folder`). Anything else is refused with exit 3 naming the offending name, so a
 * crafted manifest can never make tfpbr read or write outside the folders it was given.
 */
export function resolveInside(folder: string, name: unknown, what: string, root: string = folder): string {
  if (typeof name !== 'string' || !isPlainName(name)) {
    throw new InputError(`${what}: ${JSON.stringify(typeof name === 'string' ? name : String(name))} is not a plain file name inside ${folder} (no folder part, no "..", not absolute)`, String(name));
  }
  const path = join(folder, name);
  const realRoot = realOrNull(root) ?? root;
  for (const p of [folder, path]) {
    const real = realOrNull(p);
    if (real !== null && !isWithin(realRoot, real)) {
      throw new InputError(`${what}: ${JSON.stringify(name)} leads outside ${root} (through a symbolic link)`, name);
    }
  }
  return path;
}

export function isPlainName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && name !== '.' && name !== '..' && !/[/\\\0]/.test(name) && !isAbsolute(name) && !/^[A-Za-z]:/.test(name);
}

function isWithin(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

function realOrNull(p: string): string | null {
  try { return realpathSync(p); } catch { return null; }
}
