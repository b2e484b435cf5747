import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.ts';

export function tempDir(prefix = 'tfpbr-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs the CLI in-process and captures what it printed. */
export async function runCli(args: string[], opts: { clock?: () => Date } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  const sink = (append: (s: string) => void) => new Writable({ write(chunk, _enc, done) { append(String(chunk)); done(); } });
  const code = await main(args, {
    stdout: sink((s) => { stdout += s; }),
    stderr: sink((s) => { stderr += s; }),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  return { code, stdout, stderr };
}
