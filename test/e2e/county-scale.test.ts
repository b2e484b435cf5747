import { existsSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runSampleData } from '../../src/generator/run-sample-data.ts';
import { runCli, tempDir } from '../helpers/cli.ts';
import { hashes, nextWindow } from './helpers.ts';
import { storeKinds } from '../helpers/stores.ts';

/**
 * The stages that work through a county a chunk at a time: what they write must not depend on
 * the chunking, `claim` must not evaluate again what is stored, and running out of heap must
 * fail cleanly (exit 70, database as it was, no journal, WAL or lock left behind).
 */
describe('evaluate and claim in bounded chunks', () => {
  let data: string;
  let window: string;
  let small: string;
  let smallWindow: string;
  const env = { ...process.env };
  afterEach(() => { process.env = { ...env }; });

  beforeAll(async () => {
    data = join(tempDir(), 'data');
    window = (await runSampleData({ families: 1000, seed: 'chunks', out: data })).demoWindow;
    small = join(tempDir(), 'small');
    smallWindow = (await runSampleData({ families: 150, seed: 'chunks', out: small })).demoWindow;
  }, 120_000);

  for (const store of storeKinds()) {
    it(`writes the same bytes for every output whatever the chunk size (1, 7 or all families at once), on ${store.name}`, async () => {
      const outputs: Record<string, string>[] = [];
      for (const chunk of ['1', '7', 'all']) {
        process.env.TFPBR_EVALUATE_CHUNK = chunk;
        const dir = tempDir();
        const r = await runCli(['run', '--preset', 'tf-phase2', '--inputs', data, '--window', window, '--db', await store.target(), '--out', join(dir, 'out')]);
        expect(r.code, r.stderr).toBeLessThanOrEqual(1);
        outputs.push(hashes(join(dir, 'out')));
      }
      expect(Object.keys(outputs[0]).sort()).toEqual(['claim-' + window + '.xlsx', 'claims.csv', 'evidence.csv', 'identification.csv',
        'links.csv', 'manifest.json', 'not-claimed.csv', 'rejects.csv'].sort());
      expect(outputs[1]).toEqual(outputs[0]);
      expect(outputs[2]).toEqual(outputs[0]);
    }, 600_000);
  }

  it('claims from the stored verdicts of the same inputs, plan, claim date and links; evaluates again after a new link run', async () => {
    const dir = tempDir();
    const db = join(dir, 'w.db');
    expect((await runCli(['run', '--preset', 'tf-phase2', '--inputs', small, '--window', smallWindow, '--db', db, '--out', join(dir, 'a')])).code).toBeLessThanOrEqual(1);
    const again = await runCli(['--json', 'claim', '--preset', 'tf-phase2', '--window', smallWindow, '--db', db, '--out', join(dir, 'b')]);
    expect(again.code, again.stderr).toBe(0);
    expect(events(again.stderr)).toContain('evaluate:reused');
    expect(hashes(join(dir, 'b'))).toEqual(hashes(join(dir, 'a')));

    expect((await runCli(['link', '--db', db])).code).toBe(0);
    const relinked = await runCli(['--json', 'claim', '--preset', 'tf-phase2', '--window', smallWindow, '--db', db, '--out', join(dir, 'c')]);
    expect(relinked.code, relinked.stderr).toBe(0);
    expect(events(relinked.stderr)).not.toContain('evaluate:reused');
    expect(events(relinked.stderr)).toContain('evaluate:summary');
  }, 300_000);

  it('stops with exit 70 and a message saying what to do when the heap runs short, leaving the workspace as it was', async () => {
    const dir = tempDir();
    const db = join(dir, 'w.db');
    expect((await runCli(['run', '--preset', 'tf-phase2', '--inputs', small, '--window', smallWindow, '--db', db, '--out', join(dir, 'a')])).code).toBeLessThanOrEqual(1);
    const runsBefore = countRuns(db);
    process.env.TFPBR_HEAP_LIMIT_MIB = '1';
    const r = await runCli(['evaluate', '--preset', 'tf-phase2', '--window', nextWindow(smallWindow), '--db', db]);
    expect(r.code, r.stderr).toBe(70);
    expect(r.stderr).toMatch(/heap is nearly full.*max-old-space-size/);
    expect(countRuns(db)).toBe(runsBefore);
    expect(existsSync(`${db}.lock`)).toBe(false);
    expect([`${db}-journal`, `${db}-wal`].filter((f) => existsSync(f))).toEqual([]);
  }, 300_000);
});

function events(stderr: string): string[] {
  return stderr.trim().split('\n').map((l) => JSON.parse(l) as { stage: string; event: string }).map((e) => `${e.stage}:${e.event}`);
}

function countRuns(db: string): number {
  const sqlite = new BetterSqlite3(db, { readonly: true });
  try { return (sqlite.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n; } finally { sqlite.close(); }
}
