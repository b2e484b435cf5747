import type { RowDates } from '../core/rules/evaluate-coverage.ts';
import { UsageError } from '../shared/errors.ts';
import type { Store } from './open-store.ts';

export interface RunInputFile {
  readonly fileId: number;
  readonly source: string;
  readonly name: string;
  readonly sha256: string;
  readonly read: number;
  readonly loaded: number;
  readonly rejected: number;
  /** True when the same file (same sha256 and mapping) was loaded before and its rows were reused. */
  readonly reused: boolean;
  /** Its rows' dates as coverage needs them, gathered at load; null for a file loaded before they were kept. */
  readonly dates: RowDates | null;
}

/** The input files a run ingested (or recognised), by source then name. */
export async function readRunInputs(store: Store, runId: number): Promise<RunInputFile[]> {
  const rows = await store.db.selectFrom('run_inputs').innerJoin('input_files', 'input_files.id', 'run_inputs.file_id')
    .select(['input_files.id as fileId', 'source', 'name', 'sha256', 'rows_read as read', 'rows_loaded as loaded',
      'rows_rejected as rejected', 'reused', 'dates_json'])
    .where('run_inputs.run_id', '=', runId).orderBy('source').orderBy('name').execute();
  return rows.map(({ dates_json, ...r }) => ({ ...r, reused: r.reused === 1, dates: dates_json === null ? null : JSON.parse(dates_json) as RowDates }));
}

/**
 * The latest successful run that wrote to `table` (for stages run one at a time: `link` uses the
 * latest ingest, `evaluate` the latest link…). A usage error says which stage to run first.
 */
export async function latestRunWith(store: Store, table: 'run_inputs' | 'lnk_persons' | 'ev_verdicts', stageFirst: string): Promise<number> {
  const row = await store.sql.get<{ id: number | null }>(
    `SELECT max(t.run_id) AS id FROM ${table} t JOIN runs r ON r.id = t.run_id WHERE r.status = 'ok'`,
  );
  if (!row || row.id === null) throw new UsageError(`nothing to work on yet: run \`tfpbr ${stageFirst}\` first (or \`tfpbr run\` for every stage)`);
  return row.id;
}
