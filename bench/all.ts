/**
 * npm run bench: every benchmark in turn, each in its own process so one's memory does not
 * count against the next. Prints figures and ratios against the targets; never fails on speed.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

for (const name of ['ingest', 'generator', 'linkage', 'agreement']) {
  console.log(`\n== bench:${name}`);
  spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(`./${name}.ts`, import.meta.url))], { stdio: 'inherit' });
}
