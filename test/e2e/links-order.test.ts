import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSampleData } from '../../src/generator/run-sample-data.ts';
import { writeCsvPages } from '../../src/io/write-csv.ts';
import { readLinkRows } from '../../src/pipeline/stages/read-report-rows.ts';
import { writeLinksCsv } from '../../src/pipeline/stages/links-csv.ts';
import type { Logger } from '../../src/shared/context.ts';
import { linkCells, LINKS_COLUMNS } from '../../src/reporting/build-links-table.ts';
import type { LinkRow } from '../../src/reporting/types.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { LinkedRecordsOutOfOrder } from '../../src/store/read-linked-records.ts';
import { runCli, tempDir } from '../helpers/cli.ts';
import { storeKinds } from '../helpers/stores.ts';
import { readCsv } from './helpers.ts';

/**
 * links.csv is read in the order the records are stored (no sort, so the claim holds one page of
 * it whatever the county), which is the file's order when a source has one file; a source whose
 * files were stored in another order than their names is written again with the store sorting
 * it. Both give the bytes of the sorted read.
 */
describe('links.csv in stored order, sorted when the stored order is not the file order', () => {
  let data: string, window: string, split: string, early: string;

  beforeAll(async () => {
    data = join(tempDir(), 'data');
    window = (await runSampleData({ families: 60, seed: 'links-order', out: data })).demoWindow;
    // The same extracts with police_events in two files, and a folder holding only the second of
    // them: ingested first, its rows get the lower row ids although its name sorts last.
    split = join(tempDir(), 'split');
    early = join(tempDir(), 'early');
    mkdirSync(split);
    mkdirSync(early);
    for (const name of readdirSync(data)) if (name.endsWith('.csv') && name !== 'police_events.csv') copyFileSync(join(data, name), join(split, name));
    const [header, ...rows] = readFileSync(join(data, 'police_events.csv'), 'utf8').split(/(?<=\n)/);
    const half = Math.floor(rows.length / 2);
    writeFileSync(join(split, 'police_events_a.csv'), header + rows.slice(0, half).join(''));
    writeFileSync(join(split, 'police_events_b.csv'), header + rows.slice(half).join(''));
    copyFileSync(join(split, 'police_events_b.csv'), join(early, 'police_events_b.csv'));
  }, 120_000);

  for (const store of storeKinds()) {
    it(`reads one file per source as stored, the same rows as the sorted read, on ${store.name}`, async () => {
      const db = await store.target();
      const out = join(tempDir(), 'out');
      const r = await runCli(['--json', 'run', '--preset', 'tf-phase2', '--inputs', data, '--window', window, '--db', db, '--out', out]);
      expect(r.code, r.stderr).toBeLessThanOrEqual(1);
      expect(r.stderr).not.toContain('links-sorted');
      const s = await openStore(db);
      try {
        const run = await latestLinkRun(s);
        const stored: LinkRow[] = [], sorted: LinkRow[] = [];
        for await (const page of readLinkRows(s, run, 'stored')) stored.push(...page);
        for await (const page of readLinkRows(s, run, 'sorted')) sorted.push(...page);
        expect(stored.length).toBeGreaterThan(100);
        expect(stored).toEqual(sorted);
        const again = join(tempDir(), 'links.csv');
        await writeCsvPages(again, LINKS_COLUMNS, readLinkRows(s, run, 'sorted'), linkCells);
        expect(readFileSync(join(out, 'links.csv'))).toEqual(readFileSync(again));
        // A county's is written on a worker thread: the same bytes, nothing left beside it.
        const { log, events } = eventLog();
        const dir = tempDir(), threaded = join(dir, 'links.csv');
        await writeLinksCsv(s, log, threaded, run, true);
        expect(readFileSync(threaded)).toEqual(readFileSync(again));
        expect(readdirSync(dir)).toEqual(['links.csv']);
        expect(events).toEqual([]);
      } finally { await s.close(); }
    }, 300_000);

    it(`writes links.csv sorted when a source's files are stored out of name order, on ${store.name}`, async () => {
      const db = await store.target();
      expect((await runCli(['ingest', '--inputs', early, '--db', db])).code).toBe(0);
      const out = join(tempDir(), 'out');
      const r = await runCli(['--json', 'run', '--preset', 'tf-phase2', '--inputs', split, '--window', window, '--db', db, '--out', out]);
      expect(r.code, r.stderr).toBeLessThanOrEqual(1);
      expect(r.stderr).toMatch(/"event":"links-sorted".*"source":"police_events"/);

      const s = await openStore(db);
      try {
        const run = await latestLinkRun(s);
        const iterate = async () => { for await (const page of readLinkRows(s, run, 'stored')) void page; };
        await expect(iterate()).rejects.toBeInstanceOf(LinkedRecordsOutOfOrder);
        const again = join(tempDir(), 'links.csv');
        await writeCsvPages(again, LINKS_COLUMNS, readLinkRows(s, run, 'sorted'), linkCells);
        expect(readFileSync(join(out, 'links.csv'))).toEqual(readFileSync(again));
        // On a worker thread: the stored-order file is given up part way and written again sorted.
        const { log, events } = eventLog();
        const dir = tempDir(), threaded = join(dir, 'links.csv');
        await writeLinksCsv(s, log, threaded, run, true);
        expect(events).toEqual(['links-sorted']);
        expect(readFileSync(threaded)).toEqual(readFileSync(again));
        expect(readdirSync(dir)).toEqual(['links.csv']);
      } finally { await s.close(); }

      const police = readCsv<{ source: string; file: string; line: string }>(join(out, 'links.csv')).filter((l) => l.source === 'police_events');
      expect(new Set(police.map((l) => l.file))).toEqual(new Set(['police_events_a.csv', 'police_events_b.csv']));
      const keys = police.map((l) => [l.file, Number(l.line)] as const);
      for (let i = 1; i < keys.length; i++) {
        const [f0, l0] = keys[i - 1], [f1, l1] = keys[i];
        expect(f0 < f1 || (f0 === f1 && l0 < l1), `row ${i}`).toBe(true);
      }
    }, 300_000);
  }
});

function eventLog(): { log: Logger; events: string[] } {
  const events: string[] = [];
  return { log: { event: (_stage, code) => { events.push(code); }, progress: () => {} }, events };
}

async function latestLinkRun(s: Store): Promise<number> {
  return (await s.sql.column<number>('SELECT max(run_id) FROM lnk_persons'))[0];
}
