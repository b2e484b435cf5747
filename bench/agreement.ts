/**
 * npm run bench:agreement [families]: generates a seeded LA (1,000 families by default), runs the
 * real pipeline (ingest, the real linker), evaluates every family at every claim window of the
 * span, and compares with the generator's designed truth: eligibility, problems at attachment,
 * and the earliest claimable window with its route. Prints families right / total.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { runSampleData } from '../src/generator/run-sample-data.ts';
import { silentLogger } from '../src/shared/context.ts';
import { runEvaluateCommand, runPipeline } from '../src/pipeline/run-pipeline.ts';
import { rmSync } from 'node:fs';
import { openStore } from '../src/store/open-store.ts';
import { readVerdictHeads } from '../src/store/verdicts.ts';

const families = Number(process.argv[2] ?? 1000);
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, '.bench', `agreement-${families}`);
rmSync(dir, { recursive: true, force: true });
const data = join(dir, 'data');
const t0 = performance.now();
await runSampleData({ families, seed: 'agreement', out: data });
const meta = JSON.parse(readFileSync(join(data, 'truth', 'meta.json'), 'utf8')) as { windows: { name: string; claimDate: string }[]; demoWindow: string };
const env = { dbPath: join(dir, 'w.db'), clock: () => new Date(0), log: silentLogger };
await runPipeline(env, { inputs: data, plan: 'tf-phase2', window: meta.demoWindow, out: join(dir, 'out'), submit: false });

const earliest = new Map<string, string>();
const atFirst = new Map<string, { eligible: boolean; problems: string }>();
for (const w of meta.windows) {
  const { verdictRunId } = await runEvaluateCommand(env, { plan: 'tf-phase2', window: w.name });
  const store = await openStore(env.dbPath);
  const verdicts = await readVerdictHeads(store, verdictRunId);
  await store.close();
  for (const v of verdicts) {
    if (!atFirst.has(v.familyRef)) atFirst.set(v.familyRef, { eligible: v.eligible, problems: [...v.problemsAtAttachment].sort().join(';') });
    if (v.route && !earliest.has(v.familyRef)) earliest.set(v.familyRef, `${w.name}:${v.route}`);
  }
}
type Truth = { family_ref: string; eligible: string; problems_at_attachment: string; route: string; earliest_claimable_window: string };
const truth = parse(readFileSync(join(data, 'truth', 'families.csv')), { columns: true }) as Truth[];
let right = 0;
const wrong: string[] = [];
for (const f of truth) {
  const got = atFirst.get(f.family_ref);
  const want = { eligible: f.eligible === 'true', problems: f.problems_at_attachment.split(';').filter(Boolean).sort().join(';') };
  const claim = f.earliest_claimable_window ? `${f.earliest_claimable_window}:${f.route}` : undefined;
  const ok = got && got.eligible === want.eligible && got.problems === want.problems && earliest.get(f.family_ref) === claim;
  if (ok) right++;
  else wrong.push(`${f.family_ref}: truth ${want.eligible}/${want.problems}/${claim ?? '-'} got ${got?.eligible}/${got?.problems}/${earliest.get(f.family_ref) ?? '-'}`);
}
console.log(`agreement with the real linker: ${right} / ${truth.length} families right (${(100 * right / truth.length).toFixed(1)}%), ${((performance.now() - t0) / 1000).toFixed(0)} s`);
for (const w of wrong.slice(0, 20)) console.log(`  ${w}`);
