import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import { hasPostgres, storeKinds } from '../helpers/stores.ts';

/** The store's SQL interface does the same on every engine: values, bulk writes, pages, transactions. */
describe.each(storeKinds())('the store SQL on $name', (kind) => {
  it('bulk-writes rows with any characters and reads them back the same, in pages of bounded size', async () => {
    const store = await openStore(await kind.target());
    try {
      await store.sql.run("INSERT INTO runs (command, started_at, status, options_json) VALUES ('t', 'x', 'ok', '{}')");
      const w = store.sql.bulkWriter('rejects', ['file_id', 'line', 'field', 'code', 'detail', 'raw_json']);
      await store.sql.run("INSERT INTO input_files (source, name, sha256, size, kind, encoding, mapping_json, rows_read, rows_loaded, rows_rejected, first_run_id) VALUES ('dwp_benefits', 'a.csv', 'h', 5000000000, 'csv', NULL, '{}', 0, 0, 0, 1)");
      const odd = ['tab\there', 'new\nline', 'back\\slash', 'CR\rhere', '\\N', 'Zoë "Zo"', '\x1f', ''];
      const rows = Array.from({ length: 150 }, (_, i) => [1, i + 1, i % 3 === 0 ? null : `f${i}`, 'cell/x', odd[i % odd.length], `{"i":${i}}`]);
      for (const r of rows.slice(0, 70)) w.add(r);
      await w.ready();
      // Another statement between rows: the writer carries on after it.
      expect(await store.sql.get('SELECT count(*) AS n FROM input_files')).toEqual({ n: 1 });
      for (const r of rows.slice(70)) w.add(r);
      await w.end();
      const pages: unknown[][][] = [];
      for await (const page of store.sql.pages('SELECT file_id, line, field, code, detail, raw_json FROM rejects WHERE file_id = ? ORDER BY id', [1], 64)) pages.push(page);
      expect(pages.map((p) => p.length)).toEqual([64, 64, 22]);
      expect(pages.flat()).toEqual(rows);
      expect(await store.sql.column('SELECT size FROM input_files')).toEqual([5_000_000_000]);
    } finally { await store.close(); }
  });

  it('rolls a failed transaction back completely', async () => {
    const store = await openStore(await kind.target());
    try {
      await expect(store.sql.transaction(async () => {
        await store.sql.run("INSERT INTO runs (command, started_at, status, options_json) VALUES ('t', 'x', 'ok', '{}')");
        const w = store.sql.bulkWriter('audit_log', ['run_id', 'at', 'stage', 'event', 'data_json']);
        w.add([1, 'x', 's', 'e', '{}']);
        await w.end();
        throw new Error('stop');
      })).rejects.toThrow('stop');
      expect(await store.sql.all('SELECT * FROM runs')).toEqual([]);
      expect(await store.sql.all('SELECT * FROM audit_log')).toEqual([]);
    } finally { await store.close(); }
  });
});

describe.skipIf(!hasPostgres())('a PostgreSQL workspace', () => {
  it('refuses a database that does not compare text by bytes (collation C), naming what to create', async () => {
    const admin = new pg.Client({ connectionString: process.env.TFPBR_TEST_PG });
    await admin.connect();
    const name = `tfpbr_latin_${process.pid}`;
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C'`);
      const url = new URL(process.env.TFPBR_TEST_PG!);
      url.pathname = `/${name}`;
      await expect(openStore(url.toString())).rejects.toThrow(/needs collation C and UTF8/);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    }
  });

  it('says it cannot connect without showing the password', async () => {
    const url = new URL(process.env.TFPBR_TEST_PG!);
    url.username = 'nobody_here';
    url.password = 'secret-word';
    url.pathname = '/no_such_database';
    const error = await openStore(url.toString()).catch((e: Error) => e);
    expect(String(error)).toMatch(/cannot connect to PostgreSQL/);
    expect(String(error)).not.toContain('secret-word');
    expect(String(error)).not.toContain('nobody_here');
  });
});
