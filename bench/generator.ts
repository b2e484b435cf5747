/**
 * Generator throughput: `npx tsx bench/generator.ts [families] [out]` writes a synthetic LA and
 * prints the wall and CPU time (the machine is shared: CPU time is the steadier figure), rows
 * written and peak RSS. The target is 100,000 families in under 2 minutes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSampleData } from '../src/generator/run-sample-data.ts';

const families = Number(process.argv[2] ?? 100_000);
const keep = process.argv[3];
const out = keep ?? mkdtempSync(join(tmpdir(), 'tfpbr-gen-'));
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const r = await runSampleData({ families, seed: 'bench', out });
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const rows = r.files.reduce((t, f) => t + f.rows, 0);
console.log(JSON.stringify({
  families, people: r.people, rows, seconds: Number(seconds.toFixed(1)), cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
  rowsPerSecond: Math.round(rows / seconds), peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  files: Object.fromEntries(r.files.map((f) => [f.source, f.rows])), demoWindow: r.demoWindow,
}, null, 2));
console.log(`generator: ${families.toLocaleString('en-GB')} families, ${rows.toLocaleString('en-GB')} rows in ${seconds.toFixed(1)} s `
  + `(target < 120 s: ratio ${(seconds / 120).toFixed(2)}), peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
if (!keep) rmSync(out, { recursive: true, force: true });
