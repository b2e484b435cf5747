import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSampleData } from '../../src/generator/run-sample-data.ts';
import { SOURCE_NAMES, SOURCES } from '../../src/shared/extracts.ts';
import { openStore } from '../../src/store/open-store.ts';
import { runCli, tempDir } from '../helpers/cli.ts';
import { freshPostgresDatabase, hasPostgres, SQLITE } from '../helpers/stores.ts';
import { hashes, readCsv } from './helpers.ts';

/** What a workspace holds after ingest, as one comparable value. */
async function stagedContent(target: string): Promise<unknown[]> {
  const store = await openStore(target);
  try {
    const parts: unknown[] = [];
    for (const n of SOURCE_NAMES) parts.push(await store.sql.rows(`SELECT row_id, file_id, line, v FROM ${SOURCES[n].rowsTable} ORDER BY row_id`));
    parts.push(await store.sql.rows('SELECT id, file_id, line, field, code, detail, raw_json FROM rejects ORDER BY id'));
    parts.push(await store.sql.rows('SELECT id, source, name, sha256, size, kind, encoding, rows_read, rows_loaded, rows_rejected FROM input_files ORDER BY id'));
    parts.push(await store.sql.rows('SELECT * FROM stg_police_events ORDER BY row_id'));
    return parts;
  } finally { await store.close(); }
}

describe.skipIf(!hasPostgres())('the same commands on SQLite and on PostgreSQL', () => {
  let data: string, window: string;
  beforeAll(async () => {
    data = join(tempDir(), 'data');
    window = (await runSampleData({ families: 60, seed: 'stores', out: data })).demoWindow;
  });

  it('ingest stores the same rows, rejects and files (bulk COPY on PostgreSQL)', async () => {
    const targets = [await SQLITE.target(), await freshPostgresDatabase()];
    for (const db of targets) {
      const r = await runCli(['ingest', '--inputs', data, '--db', db]);
      expect(r.code, r.stderr).toBe(0);
    }
    const [sqlite, postgres] = await Promise.all(targets.map(stagedContent));
    expect((sqlite[0] as unknown[]).length).toBeGreaterThan(10);
    expect(postgres).toEqual(sqlite);
    // A second ingest of the same files reuses them on both.
    const again = await runCli(['ingest', '--inputs', data, '--db', targets[1]]);
    expect(again.code, again.stderr).toBe(0);
    expect(await stagedContent(targets[1])).toEqual(sqlite);
  }, 120_000);

  it('two commands at once on one PostgreSQL database: the second exits 2 and the first commits alone', async () => {
    const db = await freshPostgresDatabase();
    const [a, b] = await Promise.all([runCli(['ingest', '--inputs', data, '--db', db]), runCli(['ingest', '--inputs', data, '--db', db])]);
    expect([a.code, b.code].sort()).toEqual([0, 2]);
    expect([a, b].find((r) => r.code === 2)!.stderr).toMatch(/another tfpbr run is using postgres:\/\/[^@\s]+\/tfpbr_\w+; wait for it to finish/);
    const store = await openStore(db);
    try {
      expect(await store.sql.all("SELECT command, status FROM runs WHERE status = 'ok'")).toEqual([{ command: 'ingest', status: 'ok' }]);
      expect(await store.sql.column('SELECT count(*) FROM input_files')).toEqual([SOURCE_NAMES.length]);
    } finally { await store.close(); }
  }, 120_000);

  it('two `run --submit` of one window at once on one PostgreSQL database: one exits 2, the other submits, each claim in the ledger once', async () => {
    const db = await freshPostgresDatabase();
    const outs = [join(tempDir(), 'a'), join(tempDir(), 'b')];
    const results = await Promise.all(outs.map((out) => runCli(['run', '--preset', 'tf-phase2', '--inputs', data, '--window', window, '--out', out, '--db', db, '--submit'])));
    const refused = results.findIndex((r) => r.code === 2);
    expect(refused, results.map((r) => r.stderr).join('\n')).toBeGreaterThanOrEqual(0);
    const winner = results[1 - refused];
    expect(winner.code, winner.stderr).toBeLessThanOrEqual(1);
    expect(results[refused].stderr).toMatch(/another tfpbr run is using/);
    const claimed = readCsv<{ family_ref: string }>(join(outs[1 - refused], 'claims.csv')).map((c) => c.family_ref).sort();
    expect(claimed.length).toBeGreaterThan(0);
    const ledger = async () => {
      const store = await openStore(db);
      try { return await store.sql.column("SELECT family_ref FROM claim_ledger WHERE submitted = 1 ORDER BY family_ref"); } finally { await store.close(); }
    };
    expect(await ledger()).toEqual(claimed);
    // The refused run wrote nothing; run again now, it reproduces the submitted claim byte for
    // byte and the ledger is unchanged.
    expect(existsSync(join(outs[refused], 'manifest.json'))).toBe(false);
    const again = await runCli(['run', '--preset', 'tf-phase2', '--inputs', data, '--window', window, '--out', outs[refused], '--db', db, '--submit']);
    expect(again.code, again.stderr).toBeLessThanOrEqual(1);
    expect(hashes(outs[refused])).toEqual(hashes(outs[1 - refused]));
    expect(await ledger()).toEqual(claimed);
  }, 180_000);
});

describe.skipIf(!hasPostgres())('a generated LA of 300 families run on both stores', () => {
  it('gives every output the same sha256 on SQLite and on PostgreSQL, for a draft and the next window after submitting', async () => {
    const data = join(tempDir(), 'data');
    await runSampleData({ families: 300, seed: 'stores-300', out: data });
    const targets = [await SQLITE.target(), await freshPostgresDatabase()];
    const outputs: Record<string, string>[][] = [];
    for (const db of targets) {
      const runs: Record<string, string>[] = [];
      for (const [window, submit] of [['2024-Q3', true], ['2024-Q4', false]] as const) {
        const out = join(tempDir(), 'out');
        const r = await runCli(['run', '--preset', 'tf-phase2', '--inputs', data, '--window', window, '--out', out, '--db', db, ...(submit ? ['--submit'] : [])]);
        expect(r.code, r.stderr).toBeLessThanOrEqual(1);
        runs.push(hashes(out));
      }
      outputs.push(runs);
    }
    expect(Object.keys(outputs[0][0])).toEqual(expect.arrayContaining(['claim-2024-Q3.xlsx', 'links.csv', 'evidence.csv', 'manifest.json']));
    expect(outputs[1]).toEqual(outputs[0]);
  }, 600_000);
});
