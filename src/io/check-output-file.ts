import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../shared/errors.ts';

/** An output file the user named must go into a folder that exists, and must not be a folder itself (exit 2, before any work). */
export function checkOutputFile(path: string, flag: string): void {
  const st = statSync(path, { throwIfNoEntry: false });
  if (st?.isDirectory()) throw new UsageError(`${flag} ${path}: is a folder; give a file name (for example ${path}/review.xlsx)`);
  if (!statSync(dirname(path), { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`${flag} ${path}: the folder ${dirname(path)} does not exist; create it first`);
  }
}
