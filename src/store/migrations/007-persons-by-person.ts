import type { Kysely } from 'kysely';
import { sql } from '../kysely-runtime.ts';
import type { Ddl } from './ddl.ts';

/**
 * A link run's records ordered by person (`lnk_persons_by_person`), for every reader that goes
 * person by person (evaluate's chunks, the claim's names, a family's story). Its primary key is
 * that order and the whole row (WITHOUT ROWID on SQLite: the table is its index). It is filled
 * once per link run by one sorted INSERT … SELECT from `lnk_persons` after the link result is
 * written, so `lnk_persons` no longer carries a person index that every one of its inserts had to
 * update in random order (half of that insert's time at 100,000 families). Link runs already
 * stored are copied over here.
 */
export async function up(db: Kysely<any>, d: Ddl): Promise<void> {
  await sql.raw(`CREATE TABLE lnk_persons_by_person (
    run_id ${d.INT} NOT NULL REFERENCES runs (id),
    person_id TEXT NOT NULL,
    source TEXT NOT NULL,
    row_id ${d.INT} NOT NULL,
    PRIMARY KEY (run_id, person_id, source, row_id))${d.dialect === 'sqlite' ? ' WITHOUT ROWID' : ''}`).execute(db);
  await sql.raw(`INSERT INTO lnk_persons_by_person (run_id, person_id, source, row_id)
    SELECT run_id, person_id, source, row_id FROM lnk_persons ORDER BY run_id, person_id, source, row_id`).execute(db);
  // Every reader by person now reads the table above; lnk_persons is read by its key (run, source, row).
  await sql.raw('DROP INDEX IF EXISTS lnk_persons_person').execute(db);
}
