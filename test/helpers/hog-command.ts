// A command for test/e2e/command-child.test.ts: a real run (runCommand: workspace lock, one
// transaction, an output set) whose stage writes audit rows into the transaction and then, by
// mode, finishes (`ok`), fills the heap a little at a time without ever calling checkHeap (`hog`),
// allocates one block far past the heap limit at once (`block`, as the linker's Map and array
// doublings do), throws an uncaught error quoting "personal data" (`throw`), never yields
// (`spin`), or waits, using the database, until it is stopped (`wait`). It prints
// `hog: <mode> <pid>` on stderr once it is in the run.
import { writeFileSync } from 'node:fs';
import { serveCommand } from '../../src/cli/command-child.ts';
import { OutputSet } from '../../src/io/output-set.ts';
import { runCommand } from '../../src/pipeline/run-command.ts';
import { silentLogger } from '../../src/shared/context.ts';
import { TfpbrError } from '../../src/shared/errors.ts';

await serveCommand(async ([mode, db, out]) => {
  try {
    await runCommand({ dbPath: db!, clock: () => new Date('2020-01-01T00:00:00Z'), log: silentLogger }, `hog-${mode}`, {}, async () => null, async (ctx) => {
      const set = await OutputSet.begin(out!);
      writeFileSync(set.stage('result.csv'), `${mode}\n`);
      writeFileSync(set.stage('manifest.json'), JSON.stringify({ outputs: [{ name: 'result.csv' }] }));
      // Uncommitted rows: some megabytes a dead run must not leave behind (journal, database).
      for (let i = 0; i < 3000; i++) ctx.log.event('hog', 'row', { i, pad: 'x'.repeat(2000) });
      await new Promise((r) => setTimeout(r, 100));
      if (mode !== 'ok') process.stderr.write(`hog: ${mode} ${process.pid}\n`);
      if (mode === 'hog') {
        const hoard: number[][] = [];
        for (;;) hoard.push(Array.from({ length: 10_000 }, (_, i) => i + hoard.length));
      }
      if (mode === 'block') {
        // Allocations of 240 MB each: past a 96 MiB limit in one go (V8 notices at the next GC, so two).
        const block = new Array<number>(30_000_000).fill(0);
        const copy = block.map((x) => x + 1);
        process.stderr.write(`hog: allocated ${copy.length}\n`);
      }
      if (mode === 'throw') {
        setTimeout(() => { throw new TypeError('Jane Example, born 1970-01-01, of 1 Example Road'); }, 0);
        await new Promise(() => {});
      }
      if (mode === 'spin') {
        for (;;) { /* never yields: only ending the process ends it */ }
      }
      if (mode === 'wait') {
        for (;;) {
          await ctx.store.sql.all('SELECT 1 AS one');
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      await set.commit();
    });
    return 0;
  } catch (e) {
    if (!(e instanceof TfpbrError)) throw e;
    process.stderr.write(`tfpbr: ${e.message}\n`);
    return e.exitCode;
  }
});
