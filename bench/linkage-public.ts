/**
 * One public linkage benchmark (a folder with people.csv and truth.csv `source,id,entity`, as in
 * FEBRL converted to tfpbr's person format): links it as `tfpbr link --people` does and prints
 * pairwise precision, recall and F1, wall seconds and peak RSS. Pairwise figures are computed as
 * the benchmarks' own score.py computes them.
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { readPeople } from '../src/io/read-people.ts';
import { defaultLinkSettings } from '../src/core/linkage/default-link-settings.ts';
import { linkRecordsParallel } from '../src/pipeline/linkage/link-records-parallel.ts';
import { linkMetrics } from './linkage-metrics.ts';

export async function scorePublicSet(dir: string, workers: number): Promise<void> {
  const t0 = performance.now();
  const rows = await readPeople(join(dir, 'people.csv'));
  const truthRows = parse(await readFile(join(dir, 'truth.csv'), 'utf8'), { columns: true, bom: true }) as { source: string; id: string; entity: string }[];
  const truth = new Map(truthRows.map((r) => [`${r.source}:${r.id}`, r.entity]));
  const result = await linkRecordsParallel(rows.map((r) => r.record), defaultLinkSettings(), { seed: 0, workers });
  const wall = (performance.now() - t0) / 1000;
  const m = linkMetrics(truth, result.personIdOf);
  const rss = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify({
    data: `public:${basename(dir)}`, records: rows.length, precision: +m.precision.toFixed(4), recall: +m.recall.toFixed(4), f1: +m.f1.toFixed(4),
    acceptProbability: +result.parameters.acceptProbability.toFixed(4), reviewPairs: result.review.length, lambda: +result.parameters.lambda.toPrecision(3),
    pairsCompared: result.stats.pairsCompared, seconds: +wall.toFixed(2), peakRssMiB: rss,
  }));
  console.log(`linkage public ${basename(dir)}: ${rows.length.toLocaleString('en-GB')} records  P ${m.precision.toFixed(4)}  R ${m.recall.toFixed(4)}  `
    + `F1 ${m.f1.toFixed(4)} (target ≥ 0.98: ratio ${(m.f1 / 0.98).toFixed(3)}; goal 0.995)  ${wall.toFixed(1)} s  peak RSS ${rss} MiB`);
}
