/**
 * npm run bench:linkage [-- --sizes 10000,100000,1000000] [--hard-sizes 10000] [--data sim|generator]
 *   [--workers N] [--public DIR] [--no-public]
 * Links generated person records at each size, with the default error profile and (at
 * --hard-sizes) the hard one, then each public benchmark folder under DIR (default
 * ../shared/benchmarks/linkage beside the repository: febrl1, febrl2, febrl3). Every run is a fresh
 * process, so peak RSS is its own; prints pairwise precision / recall / F1, cluster figures,
 * pairs compared, wall time and peak RSS. `--one N --digest FILE` also writes every link, review
 * pair and person id (to compare outputs byte for byte before and after a change).
 * This times the linker in memory; the link STAGE (reading the records from the store, linking,
 * writing links, persons and the review list) is the `link` row of `npm run bench:county`, which
 * runs `tfpbr link` on the ingested county in its own process (wall, CPU of every thread, peak RSS).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { PERSON_FIELDS, type PersonField } from '../src/shared/extracts.ts';
import { defaultLinkSettings } from '../src/core/linkage/default-link-settings.ts';
import { linkRecordsParallel } from '../src/pipeline/linkage/link-records-parallel.ts';
import type { Link, LinkIssue, LinkRecord } from '../src/core/linkage/types.ts';
import { buildLinkTable } from '../src/core/linkage/link-table.ts';
import { simulateRecords } from './linkage-simulator.ts';
import { linkMetrics } from './linkage-metrics.ts';
import { blockingRecall } from './blocking-recall.ts';
import { scorePublicSet } from './linkage-public.ts';
import { parsePeopleDate } from '../src/io/read-people.ts';

const args = process.argv.slice(2);
const arg = (name: string, dflt: string): string => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
const generatorPath = fileURLToPath(new URL('../src/generator/run-sample-data.ts', import.meta.url));

export async function generatorRecords(target: number, profile = 'default'): Promise<{ records: LinkRecord[]; truth: Map<string, string> }> {
  const gen = await import(generatorPath) as typeof import('../src/generator/run-sample-data.ts');
  const out = await mkdtemp(join(tmpdir(), 'tfpbr-bench-'));
  try {
    const errorRates = gen.ERROR_PROFILES[profile as keyof typeof gen.ERROR_PROFILES];
    await gen.runSampleData({ families: Math.max(1, Math.round(target / Number(arg('rows-per-family', '26')))), seed: 1, out, errorRates });
    const truthRows = parse(await readFile(join(out, 'truth', 'rows.csv'), 'utf8'), { columns: true, bom: true }) as { source: string; line: string; person_id: string }[];
    const truth = new Map(truthRows.map((r) => [`${r.source}:${r.line}`, r.person_id]));
    const records: LinkRecord[] = [];
    for (const f of (await readdir(out)).filter((n) => n.endsWith('.csv')).sort()) {
      const source = basename(f, '.csv');
      const rows = parse(await readFile(join(out, f), 'utf8'), { bom: true, relax_column_count: true }) as string[][];
      const header = rows[0].map((h) => h.trim().toLowerCase());
      const at = PERSON_FIELDS.map((p) => [p, header.indexOf(p)] as const).filter(([, i]) => i >= 0);
      rows.slice(1).forEach((cells, i) => {
        const key = `${source}:${i + 2}`;
        if (!truth.has(key)) return;
        const fields: Partial<Record<PersonField, string | null>> = {};
        // Extracts carry UK dates as agencies write them; ingest would make them ISO.
        for (const [p, j] of at) fields[p] = cells[j]?.trim() ? (p === 'dob' ? parsePeopleDate(cells[j].trim()) : cells[j].trim()) : null;
        records.push({ key, source, fields });
      });
    }
    return { records, truth };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

async function one(size: number): Promise<void> {
  const useGenerator = arg('data', existsSync(generatorPath) ? 'generator' : 'sim') === 'generator';
  const profile = arg('profile', 'default');
  let input: LinkRecord[] | null, truth: Map<string, string>;
  // Destructured into variables, so that nothing but `input` holds the records.
  ({ records: input, truth } = useGenerator ? await generatorRecords(size, profile) : simulateRecords(size, 1));
  const recordCount = input.length;
  // Blocking recall needs the records: measured before linking (its own table, let go before
  // the timing starts), so that the linker, as the link stage does, can let the records go once
  // its table is built. Its memory is below the linker's own peak (the same table, no pairs).
  const blocking = args.includes('--no-blocking-recall') ? null : blockingRecall(input, truth, defaultLinkSettings());
  const rssBeforeLinkMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
  const t0 = performance.now(), cpu0 = process.cpuUsage();
  // The table built here (timed) and the records let go, as the link stage does.
  const tableOf = () => { const issues: LinkIssue[] = []; const table = buildLinkTable(input!, defaultLinkSettings().strongIds, issues, true); input = null; return { table, issues }; };
  const result = await linkRecordsParallel(tableOf(), defaultLinkSettings(), { seed: 1, workers: Number(arg('workers', '2')) });
  const wall = (performance.now() - t0) / 1000;
  // CPU of every thread (main and workers): what the link costs whatever else the host runs.
  const cpu = process.cpuUsage(cpu0);
  const m = linkMetrics(truth, result.personIdOf);
  console.log(JSON.stringify({
    data: useGenerator ? `generator:${profile}` : 'simulator', records: recordCount,
    precision: +m.precision.toFixed(5), recall: +m.recall.toFixed(5), f1: +m.f1.toFixed(5),
    truePersons: m.truePersons, predictedPersons: m.predictedPersons, clustersExactlyRight: +m.clusterExactRate.toFixed(5),
    uniqueProfiles: result.stats.uniqueProfiles, pairsCompared: result.stats.pairsCompared, pairsByRule: result.stats.pairsByRule,
    links: result.links.length, review: result.review.length, guardRefused: result.stats.guardRefused,
    oversizedBlocks: result.stats.issues.filter((i) => i.code === 'link/oversized-block').length,
    linkWallSeconds: +wall.toFixed(2), linkCpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(1), rssBeforeLinkMiB, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }));
  const rss = process.resourceUsage().maxRSS / 1024;
  if (args.includes('--digest')) await writeFile(arg('digest', ''), digestOf(result));
  const target = profile === 'hard' ? 0.97 : 0.999;
  console.log(`linkage ${useGenerator ? profile : 'simulator'}: ${recordCount.toLocaleString('en-GB')} records  F1 ${m.f1.toFixed(5)} (target ≥ ${target}: ratio ${(m.f1 / target).toFixed(3)})  `
    + `${wall.toFixed(1)} s (target ≤ 60 s: ratio ${(wall / 60).toFixed(2)})  peak RSS ${Math.round(rss)} MiB (target ≤ 4096 MiB: ratio ${(rss / 4096).toFixed(2)})`);
  if (blocking) console.log(JSON.stringify({ blocking }));
}

/** Every output of a link run as text, in the linker's own order. */
function digestOf(result: Awaited<ReturnType<typeof linkRecordsParallel>>): string {
  const pair = (l: Link): string => [l.leftKey, l.rightKey, l.probability, l.matchWeight, l.rule, l.explanation.map((e) => `${e.comparison}:${e.level}:${e.weight}`).join(' ')].join('\t');
  return [
    ...[...result.links].map(pair), '--review', ...result.review.map((r) => `${pair(r)}\t${r.leftFingerprint}\t${r.rightFingerprint}\t${r.reason}`),
    '--persons', ...[...result.personIdOf].map(([k, p]) => `${k}\t${p}`), '--parameters', JSON.stringify(result.parameters), '',
  ].join('\n');
}

const isMain = process.argv[1] === fileURLToPath(import.meta.url);
if (!isMain) {
  // imported by another bench
} else if (args.includes('--one')) {
  await one(Number(arg('one', '10000')));
} else if (args.includes('--public-one')) {
  await scorePublicSet(arg('public-one', ''), Number(arg('workers', '2')));
} else {
  const child = (extra: string[]): void => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--max-old-space-size=4096', fileURLToPath(import.meta.url), ...extra, ...args], { stdio: 'inherit' });
    if (r.status !== 0) console.error(`${extra.join(' ')}: exit ${r.status}`);
  };
  for (const size of arg('sizes', '10000,100000,1000000').split(',').filter(Boolean).map(Number)) child(['--one', String(size)]);
  for (const size of arg('hard-sizes', '10000').split(',').filter(Boolean).map(Number)) child(['--one', String(size), '--profile', 'hard']);
  if (!args.includes('--no-public')) {
    const dir = arg('public', fileURLToPath(new URL('../../shared/benchmarks/linkage/', import.meta.url)));
    const sets = existsSync(dir) ? (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'truth.csv'))).map((d) => d.name).sort() : [];
    if (sets.length === 0) console.log(`linkage public: no benchmark folders under ${dir} (pass --public DIR)`);
    for (const name of sets) child(['--public-one', join(dir, name)]);
  }
}
