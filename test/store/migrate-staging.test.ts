import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { expect, it } from 'vitest';
import * as m001 from '../../src/store/migrations/001-foundation.ts';
import * as m002 from '../../src/store/migrations/002-linkage-and-claims.ts';
import { kysely } from '../../src/store/kysely-runtime.ts';
import { ddlFor } from '../../src/store/migrations/ddl.ts';
import { openStore } from '../../src/store/open-store.ts';
import { readPersonRecords } from '../../src/store/read-person-records.ts';
import { tempDir } from '../helpers/cli.ts';

it('carries rows loaded into the old wide staging tables over to the narrow ones, ids and values unchanged', async () => {
  const path = join(tempDir(), 'old.db');
  const old = new kysely.Kysely<any>({ dialect: new kysely.SqliteDialect({ database: new BetterSqlite3(path) }) });
  await new kysely.Migrator({ db: old, provider: { getMigrations: async () => ({
    '001-foundation': { up: (db) => m001.up(db, ddlFor('sqlite')) }, '002-linkage-and-claims': { up: (db) => m002.up(db, ddlFor('sqlite')) } }) } }).migrateToLatest();
  await old.insertInto('runs').values({ command: 'ingest', started_at: 'x', status: 'ok', options_json: '{}' }).execute();
  await old.insertInto('input_files').values({ source: 'education_attendance', name: 'a.csv', sha256: 'h', size: 1, kind: 'csv', encoding: 'utf-8',
    mapping_json: '{}', rows_read: 1, rows_loaded: 1, rows_rejected: 0, first_run_id: 1 }).execute();
  await old.insertInto('stg_education_attendance').values({ row_id: 41, file_id: 1, line: 7, forename: 'Zoë "Zo"', surname: 'Smith', dob: '2012-03-04',
    upn: 'A123456789012', school_urn: '100123', academic_year: '2023/24', term: 'AUTUMN', sessions_possible: 150, sessions_authorised: 0, sessions_unauthorised: 12 }).execute();
  await old.destroy();

  const store = await openStore(path);
  try {
    const row = store.sqlite.prepare('SELECT row_id, line, forename, surname, postcode, term, sessions_possible, sessions_authorised FROM stg_education_attendance').get();
    expect(row).toEqual({ row_id: 41, line: 7, forename: 'Zoë "Zo"', surname: 'Smith', postcode: null, term: 'AUTUMN', sessions_possible: 150, sessions_authorised: 0 });
    expect(readPersonRecords(store, [1]).map((r) => [r.key, r.fields.forename, r.fields.upn])).toEqual([['education_attendance:41', 'Zoë "Zo"', 'A123456789012']]);
  } finally { await store.close(); }
});
