// Every test file's temporary folders (tempDir, mkdtemp under os.tmpdir(), and those of the
// commands it runs, which inherit TMPDIR) go in one folder of the file's own, removed when the
// file's tests end: a test run leaves nothing in the system's temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const saved = process.env.TMPDIR;
const root = mkdtempSync(join(tmpdir(), 'tfpbr-test-'));
process.env.TMPDIR = root;

afterAll(() => {
  if (saved === undefined) delete process.env.TMPDIR; else process.env.TMPDIR = saved;
  rmSync(root, { recursive: true, force: true });
});
