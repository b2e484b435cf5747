import type { Kysely } from 'kysely';
import { sql } from '../kysely-runtime.ts';
import { SOURCES_001 } from './sources-001.ts';
import type { Ddl } from './ddl.ts';

/** Runs, input files, rejects, the audit log and one staging table per canonical extract. */
export async function up(db: Kysely<any>, d: Ddl): Promise<void> {
  await db.schema.createTable('runs')
    .addColumn('id', d.int, (c) => d.autoId(c))
    .addColumn('command', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('options_json', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('input_files')
    .addColumn('id', d.int, (c) => d.autoId(c))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', d.int, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('encoding', 'text')
    .addColumn('mapping_json', 'text', (c) => c.notNull())
    .addColumn('rows_read', d.int, (c) => c.notNull())
    .addColumn('rows_loaded', d.int, (c) => c.notNull())
    .addColumn('rows_rejected', d.int, (c) => c.notNull())
    .addColumn('first_run_id', d.int, (c) => c.notNull().references('runs.id'))
    .addUniqueConstraint('input_files_identity', ['source', 'sha256', 'mapping_json'])
    .execute();

  await db.schema.createTable('run_inputs')
    .addColumn('run_id', d.int, (c) => c.notNull().references('runs.id'))
    .addColumn('file_id', d.int, (c) => c.notNull().references('input_files.id'))
    .addColumn('reused', d.int, (c) => c.notNull())
    .addPrimaryKeyConstraint('run_inputs_pk', ['run_id', 'file_id'])
    .execute();

  await db.schema.createTable('rejects')
    .addColumn('id', d.int, (c) => d.autoId(c))
    .addColumn('file_id', d.int, (c) => c.notNull().references('input_files.id'))
    .addColumn('line', d.int, (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('raw_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rejects_file').on('rejects').columns(['file_id', 'line']).execute();

  await db.schema.createTable('audit_log')
    .addColumn('id', d.int, (c) => d.autoId(c))
    .addColumn('run_id', d.int, (c) => c.notNull().references('runs.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .execute();

  for (const def of SOURCES_001) {
    let table = db.schema.createTable(def.table)
      // A plain rowid key, no AUTOINCREMENT and no secondary index: staging is the ingest hot path,
      // and every later read scans whole files anyway.
      .addColumn('row_id', d.int, (c) => d.rowId(c))
      .addColumn('file_id', d.int, (c) => c.notNull().references('input_files.id'))
      .addColumn('line', d.int, (c) => c.notNull());
    for (const f of def.fields) table = table.addColumn(f.name, f.kind === 'int' ? d.int : 'text');
    await table.execute();
  }
  await sql`select 1`.execute(db);
}
