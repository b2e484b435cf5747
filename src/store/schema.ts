import type { Generated } from 'kysely';
import type { CanonicalValue, SourceDef } from '../shared/extracts.ts';

export interface RunsTable {
  id: Generated<number>;
  command: string;
  started_at: string;
  finished_at: string | null;
  status: 'running' | 'ok' | 'failed';
  options_json: string;
}

export interface InputFilesTable {
  id: Generated<number>;
  source: string;
  name: string;
  sha256: string;
  size: number;
  kind: string;
  encoding: string | null;
  mapping_json: string;
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  first_run_id: number;
  /** The rows' dates as coverage needs them (`RowDates` as JSON; migration 008); null for files loaded before. */
  dates_json: string | null;
}

export interface RunInputsTable { run_id: number; file_id: number; reused: number }

export interface RejectsTable {
  id: Generated<number>;
  file_id: number;
  line: number;
  field: string | null;
  code: string;
  detail: string | null;
  raw_json: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  run_id: number;
  at: string;
  stage: string;
  event: string;
  data_json: string;
}

export interface LnkPersonsTable { run_id: number; source: string; row_id: number; person_id: string; best_link: number | null }
/** A link run's records in person order (migration 007), for the readers that go person by person. */
export interface LnkPersonsByPersonTable { run_id: number; person_id: string; source: string; row_id: number }
export interface LnkLinksTable {
  run_id: number; left_key: string; right_key: string; probability: number; match_weight: number; rule: string | null;
  /** Links stored before migration 008: the explanation itself (`[]` for a rule's). */
  explanation_json: string;
  /** The link's explanation in lnk_explanations (migration 008); null for a rule's link. */
  explanation_id: number | null;
}
/** Each distinct explanation of a link run's probabilistic links, once (migration 008). */
export interface LnkExplanationsTable { run_id: number; id: number; explanation_json: string }
export interface LnkReviewTable { run_id: number; left_key: string; right_key: string; probability: number; pair_json: string }
export interface LnkDecisionLogTable {
  seq: Generated<number>; left_fingerprint: string; right_fingerprint: string; decision: 'accept' | 'reject'; decided_at: string; run_id: number | null;
}
export interface LnkRunDecisionsTable { run_id: number; decisions_seq: number }
export interface ClaimSubmissionsTable { window: string; run_id: number; claim_date: string; decisions_seq: number }
export interface EvVerdictsTable {
  run_id: number; family_ref: string; claim_date: string; eligible: number; route: string | null; verdict_json: string; evidence_json: string | null;
}
export interface EvVerdictSetsTable { key: string; run_id: number; link_run_id: number; extras_json: string }
export interface LnkBestLinksTable { run_id: number }
export interface ClaimLedgerTable {
  family_ref: string; window: string; route: string; amount: number; claim_date: string; run_id: number; submitted: number;
}

export interface ClaimWithdrawalsTable {
  family_ref: string; window: string; reason: string; withdrawn_by: string; withdrawn_at: string; run_id: number;
}

export type StagingTable = { row_id: Generated<number>; file_id: number; line: number } & Record<string, CanonicalValue>;

export interface CoreTables {
  runs: RunsTable;
  input_files: InputFilesTable;
  run_inputs: RunInputsTable;
  rejects: RejectsTable;
  audit_log: AuditLogTable;
  lnk_persons: LnkPersonsTable;
  lnk_persons_by_person: LnkPersonsByPersonTable;
  lnk_links: LnkLinksTable;
  lnk_explanations: LnkExplanationsTable;
  lnk_review: LnkReviewTable;
  lnk_decision_log: LnkDecisionLogTable;
  lnk_run_decisions: LnkRunDecisionsTable;
  claim_submissions: ClaimSubmissionsTable;
  ev_verdicts: EvVerdictsTable;
  ev_verdict_sets: EvVerdictSetsTable;
  lnk_best_links: LnkBestLinksTable;
  claim_ledger: ClaimLedgerTable;
  claim_withdrawals: ClaimWithdrawalsTable;
}

export type Database = CoreTables & { [T in SourceDef['table']]: StagingTable };
