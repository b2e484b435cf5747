import type { Kysely } from 'kysely';
import { sql } from '../kysely-runtime.ts';
import { SOURCES_001 } from './sources-001.ts';
import { encodeStagingRow, stagingViewSql } from '../staging-row.ts';
import type { Ddl } from './ddl.ts';

/**
 * Staging rows become one text each (`stg_<source>_rows.v`, see staging-row.ts) behind a view
 * with the old table's name and columns, so ingest binds 3 values per row instead of 27. Rows
 * already loaded are carried over with their row ids, so earlier link runs still point at them.
 */
export async function up(db: Kysely<any>, d: Ddl): Promise<void> {
  for (const def of SOURCES_001) {
    await sql.raw(`CREATE TABLE ${def.rowsTable} (
      row_id ${d.rowIdKey},
      file_id ${d.INT} NOT NULL REFERENCES input_files (id),
      line ${d.INT} NOT NULL,
      v TEXT NOT NULL)`).execute(db);
    const { rows } = await sql.raw<Record<string, string | number | null>>(`SELECT * FROM ${def.table} ORDER BY row_id`).execute(db);
    for (const r of rows) {
      const v = encodeStagingRow(def.fields.map((f) => (r[f.name] === null ? null : String(r[f.name]))));
      await sql`INSERT INTO ${sql.table(def.rowsTable)} (row_id, file_id, line, v) VALUES (${r.row_id}, ${r.file_id}, ${r.line}, ${v})`.execute(db);
    }
    await sql.raw(`DROP TABLE ${def.table}`).execute(db);
    await sql.raw(stagingViewSql(def, d.dialect)).execute(db);
  }
}
