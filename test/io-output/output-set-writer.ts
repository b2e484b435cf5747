/**
 * Writes a small output set the way the claim stage does (OutputSet, atomicWrite, manifest last).
 * Run as a child process by output-set-kill.test.ts: `node --import tsx output-set-writer.ts DIR RUN KILL_AT`
 * kills itself with SIGKILL at step KILL_AT (-1: never).
 */
import { createHash } from 'node:crypto';
import { atomicWrite } from '../../src/io/atomic-write.ts';
import { OutputSet } from '../../src/io/output-set.ts';

/** The files of each run: B keeps some of A's names, drops one and adds others, as a changed re-run does. */
export const RUNS: Record<string, readonly string[]> = {
  A: ['claim-2024-Q2.xlsx', 'claims.csv', 'evidence.csv', 'rejects.csv'],
  B: ['claim-2024-Q3.xlsx', 'claims.csv', 'evidence.csv', 'links.csv'],
};

export async function writeRun(dir: string, run: string, killAt = -1): Promise<void> {
  let step = 0;
  const onStep = () => { if (step++ === killAt) process.kill(process.pid, 'SIGKILL'); };
  const set = await OutputSet.begin(dir, onStep);
  try {
    const outputs = [];
    for (const name of RUNS[run]) {
      const text = `${run}:${name}\n`.repeat(2000);
      await atomicWrite(set.stage(name), text);
      onStep();
      outputs.push({ name, sha256: createHash('sha256').update(text).digest('hex') });
    }
    await atomicWrite(set.stage('manifest.json'), JSON.stringify({ run, outputs }));
    onStep();
    await set.commit();
  } finally {
    await set.discard();
  }
  onStep();
}

if (process.argv[1]?.endsWith('output-set-writer.ts')) {
  await writeRun(process.argv[2], process.argv[3], Number(process.argv[4]));
}
