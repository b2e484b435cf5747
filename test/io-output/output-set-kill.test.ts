import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.ts';
import { RUNS, writeRun } from './output-set-writer.ts';

const writer = join(import.meta.dirname, 'output-set-writer.ts');
const USER_FILES = ['tfpbr.db', 'archive'];

/** What the folder shows: which run each output file came from, and whether a manifest vouches for exactly them. */
function inspect(dir: string): { runs: Set<string>; manifest: string | null; consistent: boolean; hidden: string[] } {
  const names = readdirSync(dir).filter((n) => !USER_FILES.includes(n));
  const hidden = names.filter((n) => n.startsWith('.'));
  const outputs = names.filter((n) => !n.startsWith('.') && n !== 'manifest.json');
  const runs = new Set(outputs.map((n) => readFileSync(join(dir, n), 'utf8').split(':')[0]));
  if (!names.includes('manifest.json')) return { runs, manifest: null, consistent: true, hidden };
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { run: string; outputs: { name: string; sha256: string }[] };
  const consistent = m.outputs.map((o) => o.name).sort().join() === outputs.sort().join()
    && m.outputs.every((o) => createHash('sha256').update(readFileSync(join(dir, o.name))).digest('hex') === o.sha256);
  return { runs, manifest: m.run, consistent, hidden };
}

describe('output set: kill -9 while re-running into an existing output folder', () => {
  // 5 staged files, the old manifest set aside, 8 removals, 4 moves, the manifest, after commit: 20 points.
  const KILL_POINTS = Array.from({ length: 20 }, (_, i) => i);

  it.each(KILL_POINTS)('kill at step %i: never a manifest beside another run\'s files; the next run completes and clears up', async (k) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'tfpbr.db'), 'not ours');
    mkdirSync(join(dir, 'archive'));
    await writeRun(dir, 'A');
    expect(inspect(dir)).toMatchObject({ manifest: 'A', consistent: true, runs: new Set(['A']) });

    const child = spawnSync(process.execPath, ['--import', 'tsx', writer, dir, 'B', String(k)], { encoding: 'utf8' });
    expect(child.signal, child.stderr).toBe('SIGKILL');
    const after = inspect(dir);
    // Mixed would be: a manifest that does not vouch for exactly the files there, or files of both runs.
    expect(after.consistent).toBe(true);
    expect(after.runs.size).toBeLessThanOrEqual(1);
    if (after.manifest) expect([...after.runs]).toEqual([after.manifest]);

    await writeRun(dir, 'B');
    const rerun = inspect(dir);
    expect(rerun).toMatchObject({ manifest: 'B', consistent: true, runs: new Set(['B']), hidden: [] });
    expect(readdirSync(dir).filter((n) => !n.startsWith('.')).sort()).toEqual([...RUNS.B, 'archive', 'manifest.json', 'tfpbr.db'].sort());
  });

  it('a failure while writing leaves the old set as it was and no temporary file', async () => {
    const dir = tempDir();
    await writeRun(dir, 'A');
    const before = readdirSync(dir).sort();
    const { OutputSet } = await import('../../src/io/output-set.ts');
    const set = await OutputSet.begin(dir);
    writeFileSync(set.stage('claims.csv'), 'B:half');
    await set.discard();
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(inspect(dir)).toMatchObject({ manifest: 'A', consistent: true });
  });
});
