// A command thread for test/e2e/command-thread.test.ts: a real run (runCommand: workspace lock,
// one transaction, an output set) whose stage writes audit rows into the transaction and then,
// by mode, finishes (`ok`), fills the heap without ever calling checkHeap (`hog`), throws an
// uncaught error quoting "personal data" (`throw`) or never yields (`spin`).
import { writeFileSync } from 'node:fs';
import { serveCommand } from '../../src/cli/command-thread.ts';
import { OutputSet } from '../../src/io/output-set.ts';
import { runCommand } from '../../src/pipeline/run-command.ts';
import { silentLogger } from '../../src/shared/context.ts';

await serveCommand(async ([mode, db, out]) => {
  await runCommand({ dbPath: db!, clock: () => new Date('2020-01-01T00:00:00Z'), log: silentLogger }, `hog-${mode}`, {}, async () => null, async (ctx) => {
    const set = await OutputSet.begin(out!);
    writeFileSync(set.stage('result.csv'), `${mode}\n`);
    writeFileSync(set.stage('manifest.json'), JSON.stringify({ outputs: [{ name: 'result.csv' }] }));
    // Uncommitted rows: a WAL of some megabytes that a dead run must not leave behind.
    for (let i = 0; i < 3000; i++) ctx.log.event('hog', 'row', { i, pad: 'x'.repeat(2000) });
    await new Promise((r) => setTimeout(r, 100));
    if (mode === 'hog') {
      const hoard: number[][] = [];
      for (;;) hoard.push(Array.from({ length: 10_000 }, (_, i) => i + hoard.length));
    }
    if (mode === 'throw') {
      setTimeout(() => { throw new TypeError('Jane Example, born 1970-01-01, of 1 Example Road'); }, 0);
      await new Promise(() => {});
    }
    if (mode === 'spin') {
      process.stderr.write('hog: spinning\n');
      for (;;) { /* never yields: only terminating the thread ends it */ }
    }
    await set.commit();
  });
  return 0;
});
