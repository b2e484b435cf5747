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

export type StagingTable = { row_id: Generated<number>; file_id: number; line: number } & Record<string, CanonicalValue>;

export interface CoreTables {
  runs: RunsTable;
  input_files: InputFilesTable;
  run_inputs: RunInputsTable;
  rejects: RejectsTable;
  audit_log: AuditLogTable;
}

export type Database = CoreTables & { [T in SourceDef['table']]: StagingTable };
