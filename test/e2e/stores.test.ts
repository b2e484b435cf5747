import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSampleData } from '../../src/generator/run-sample-data.ts';
import { SOURCE_NAMES, SOURCES } from '../../src/shared/extracts.ts';
import { openStore } from '../../src/store/open-store.ts';
import { runCli, tempDir } from '../helpers/cli.ts';
import { freshPostgresDatabase, hasPostgres, SQLITE } from '../helpers/stores.ts';

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
  let data: string;
  beforeAll(async () => {
    data = join(tempDir(), 'data');
    await runSampleData({ families: 60, seed: 'stores', out: data });
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
    await runCli(['ingest', '--inputs', join(tempDir(), 'nothing-here'), '--db', db]); // creates the tables
    const [a, b] = await Promise.all([runCli(['ingest', '--inputs', data, '--db', db]), runCli(['ingest', '--inputs', data, '--db', db])]);
    expect([a.code, b.code].sort()).toEqual([0, 2]);
    expect([a, b].find((r) => r.code === 2)!.stderr).toMatch(/another tfpbr run is using postgres:\/\/[^@\s]+\/tfpbr_\w+; wait for it to finish/);
    const store = await openStore(db);
    try {
      expect(await store.sql.all("SELECT command, status FROM runs WHERE status = 'ok'")).toEqual([{ command: 'ingest', status: 'ok' }]);
      expect(await store.sql.column('SELECT count(*) FROM input_files')).toEqual([SOURCE_NAMES.length]);
    } finally { await store.close(); }
  }, 120_000);
});
