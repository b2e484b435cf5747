import type { Kysely } from 'kysely';
import { sql } from '../kysely-runtime.ts';
import type { Ddl } from './ddl.ts';

/**
 * A link run stored in less space (decision 77):
 * - each distinct explanation of a run's probabilistic links is stored once (`lnk_explanations`)
 *   and a link names it (`lnk_links.explanation_id`): a county's million probabilistic links share
 *   some 35,000 explanations, whose text (280 bytes each) made half of `lnk_links`. Links stored
 *   before keep theirs in `explanation_json`.
 * - SQLite: `lnk_persons` is WITHOUT ROWID, the table its key (run, source, row), where the
 *   key was an index beside the table, written and read as well.
 * - `input_files.dates_json`: what an extract's coverage needs of a file's rows (their latest date,
 *   or their school terms), gathered as it is loaded, so evaluating does not read every row for it.
 *   Null for files loaded before: their rows are read as before.
 */
export async function up(db: Kysely<any>, d: Ddl): Promise<void> {
  const sqlite = d.dialect === 'sqlite';
  await sql.raw(`CREATE TABLE lnk_explanations (
    run_id ${d.INT} NOT NULL REFERENCES runs (id),
    id ${d.INT} NOT NULL,
    explanation_json TEXT NOT NULL,
    PRIMARY KEY (run_id, id))${sqlite ? ' WITHOUT ROWID' : ''}`).execute(db);
  await sql.raw(`ALTER TABLE lnk_links ADD COLUMN explanation_id ${d.INT}`).execute(db);
  await sql.raw('ALTER TABLE input_files ADD COLUMN dates_json TEXT').execute(db);
  if (!sqlite) return;
  await sql.raw(`CREATE TABLE lnk_persons_new (
    run_id INTEGER NOT NULL REFERENCES runs (id),
    source TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    person_id TEXT NOT NULL,
    best_link INTEGER,
    PRIMARY KEY (run_id, source, row_id)) WITHOUT ROWID`).execute(db);
  await sql.raw(`INSERT INTO lnk_persons_new (run_id, source, row_id, person_id, best_link)
    SELECT run_id, source, row_id, person_id, best_link FROM lnk_persons ORDER BY run_id, source, row_id`).execute(db);
  await sql.raw('DROP TABLE lnk_persons').execute(db);
  await sql.raw('ALTER TABLE lnk_persons_new RENAME TO lnk_persons').execute(db);
}
