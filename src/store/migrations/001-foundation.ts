import type { Kysely } from 'kysely';
import { sql } from '../kysely-runtime.ts';
import type { FieldKind } from '../../shared/extracts.ts';
import { SOURCES_001 } from './sources-001.ts';

/** Runs, input files, rejects, the audit log and one staging table per canonical extract. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('runs')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('command', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('options_json', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('input_files')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('encoding', 'text')
    .addColumn('mapping_json', 'text', (c) => c.notNull())
    .addColumn('rows_read', 'integer', (c) => c.notNull())
    .addColumn('rows_loaded', 'integer', (c) => c.notNull())
    .addColumn('rows_rejected', 'integer', (c) => c.notNull())
    .addColumn('first_run_id', 'integer', (c) => c.notNull().references('runs.id'))
    .addUniqueConstraint('input_files_identity', ['source', 'sha256', 'mapping_json'])
    .execute();

  await db.schema.createTable('run_inputs')
    .addColumn('run_id', 'integer', (c) => c.notNull().references('runs.id'))
    .addColumn('file_id', 'integer', (c) => c.notNull().references('input_files.id'))
    .addColumn('reused', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('run_inputs_pk', ['run_id', 'file_id'])
    .execute();

  await db.schema.createTable('rejects')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('file_id', 'integer', (c) => c.notNull().references('input_files.id'))
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('raw_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rejects_file').on('rejects').columns(['file_id', 'line']).execute();

  await db.schema.createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('run_id', 'integer', (c) => c.notNull().references('runs.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .execute();

  for (const def of SOURCES_001) {
    let table = db.schema.createTable(def.table)
      // A plain rowid key, no AUTOINCREMENT and no secondary index: staging is the ingest hot path,
      // and every later read scans whole files anyway.
      .addColumn('row_id', 'integer', (c) => c.primaryKey())
      .addColumn('file_id', 'integer', (c) => c.notNull().references('input_files.id'))
      .addColumn('line', 'integer', (c) => c.notNull());
    for (const f of def.fields) table = table.addColumn(f.name, columnType(f.kind));
    await table.execute();
  }
  await sql`select 1`.execute(db);
}

function columnType(kind: FieldKind): 'integer' | 'text' {
  return kind === 'int' ? 'integer' : 'text';
}
