import type { Kysely } from 'kysely';
import { sql } from '../kysely-runtime.ts';
import type { Ddl } from './ddl.ts';

/**
 * Review decisions become an append-only log (a sequence number per decision), so a link run,
 * a submitted window and an audit archive can each name the decisions "as of" the moment they
 * used: a submitted window is re-run with the decisions it was submitted with, whatever was
 * decided later. Decisions already made are carried over in the order they were made.
 */
export async function up(db: Kysely<any>, d: Ddl): Promise<void> {
  await sql.raw(`CREATE TABLE lnk_decision_log (
    seq ${d.autoIncrementKey},
    left_fingerprint TEXT NOT NULL,
    right_fingerprint TEXT NOT NULL,
    decision TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    run_id ${d.INT} REFERENCES runs (id))`).execute(db);
  await sql.raw(`INSERT INTO lnk_decision_log (left_fingerprint, right_fingerprint, decision, decided_at)
    SELECT left_fingerprint, right_fingerprint, decision, decided_at FROM lnk_decisions ORDER BY decided_at, left_fingerprint, right_fingerprint`).execute(db);
  await sql.raw('DROP TABLE lnk_decisions').execute(db);
  // The decisions a link run applied: every logged decision up to this sequence number.
  await sql.raw(`CREATE TABLE lnk_run_decisions (
    run_id ${d.INT} PRIMARY KEY REFERENCES runs (id),
    decisions_seq ${d.INT} NOT NULL)`).execute(db);
  // A window is submitted once; its claim date and decisions are what a re-run reproduces.
  await sql.raw(`CREATE TABLE claim_submissions (
    ${d.name('window')} TEXT PRIMARY KEY,
    run_id ${d.INT} NOT NULL REFERENCES runs (id),
    claim_date TEXT NOT NULL,
    decisions_seq ${d.INT} NOT NULL)`).execute(db);
}
