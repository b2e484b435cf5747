import type { Kysely } from 'kysely';
import { sql } from '../kysely-runtime.ts';
import type { Ddl } from './ddl.ts';

/**
 * What lets evaluate and claim work through a county in bounded chunks:
 * - `lnk_persons` is read person by person (a covering index), and each record carries the
 *   `lnk_links` rowid of the strongest link that put it in its person (`best_link`), so links.csv
 *   is one ordered join instead of a map of every link held in memory;
 * - a verdict's evidence is stored apart from the rest of it (`evidence_json`), so the claim reads
 *   every family's verdict but only the claimed families' evidence;
 * - `ev_verdict_sets` names the verdicts of one evaluation (inputs, plan, claim date and link run,
 *   hashed into `key`) with its identification list and extract coverage, so `claim` does not evaluate again.
 */
export async function up(db: Kysely<any>, d: Ddl): Promise<void> {
  await sql.raw(`ALTER TABLE lnk_persons ADD COLUMN best_link ${d.INT}`).execute(db);
  await sql.raw('DROP INDEX IF EXISTS lnk_persons_person').execute(db);
  await sql.raw('CREATE INDEX lnk_persons_person ON lnk_persons (run_id, person_id, source, row_id)').execute(db);
  // Link runs whose records carry `best_link` (runs linked before this migration do not).
  await sql.raw(`CREATE TABLE lnk_best_links (run_id ${d.INT} PRIMARY KEY REFERENCES runs (id))`).execute(db);
  await sql.raw('ALTER TABLE ev_verdicts ADD COLUMN evidence_json TEXT').execute(db);
  await sql.raw(`CREATE TABLE ev_verdict_sets (
    key TEXT PRIMARY KEY,
    run_id ${d.INT} NOT NULL REFERENCES runs (id),
    link_run_id ${d.INT} NOT NULL REFERENCES runs (id),
    extras_json TEXT NOT NULL)`).execute(db);
}
