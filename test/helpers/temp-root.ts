// vitest globalSetup: every temporary folder of a test run (tempDir, mkdtemp under os.tmpdir(),
// and those of the commands the tests run, which inherit TMPDIR) goes in one folder made here,
// in the vitest process before its test workers start, and removed when the run ends, skipped
// files and all: a test run leaves nothing in the system's temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const saved = process.env.TMPDIR;
  const root = mkdtempSync(join(tmpdir(), 'tfpbr-test-'));
  process.env.TMPDIR = root;
  return () => {
    if (saved === undefined) delete process.env.TMPDIR; else process.env.TMPDIR = saved;
    rmSync(root, { recursive: true, force: true });
  };
}
