import type { RowDates } from '../core/rules/evaluate-coverage.ts';
import type { Store } from './open-store.ts';

export interface StoredInputFile { readonly id: number; readonly sha256: string; readonly read: number; readonly loaded: number; readonly rejected: number }

/** The file loaded before with this source, content and mapping, if any. */
export async function findInputFile(store: Store, source: string, sha256: string, mappingJson: string): Promise<StoredInputFile | undefined> {
  const row = await store.db.selectFrom('input_files').selectAll()
    .where('source', '=', source).where('sha256', '=', sha256).where('mapping_json', '=', mappingJson)
    .executeTakeFirst();
  return row && { id: row.id, sha256: row.sha256, read: row.rows_read, loaded: row.rows_loaded, rejected: row.rows_rejected };
}

export interface NewInputFile {
  readonly source: string; readonly name: string; readonly sha256: string; readonly size: number; readonly kind: string;
  readonly encoding: string | null; readonly mappingJson: string; readonly firstRunId: number;
}

/** A new input file, with no rows counted yet; its id. */
export async function createInputFile(store: Store, f: NewInputFile): Promise<number> {
  const { id } = await store.db.insertInto('input_files').values({
    source: f.source, name: f.name, sha256: f.sha256, size: f.size, kind: f.kind, encoding: f.encoding, mapping_json: f.mappingJson,
    rows_read: 0, rows_loaded: 0, rows_rejected: 0, first_run_id: f.firstRunId,
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

/**
 * Stores a loaded file's row counts and its rows' dates (what its coverage needs); returns the rows
 * the same source's previous file loaded (null when there was none), so a sudden drop can be caught.
 */
export async function finishInputFile(store: Store, id: number, source: string, counts: { read: number; loaded: number; rejected: number }, dates: RowDates): Promise<number | null> {
  await store.db.updateTable('input_files')
    .set({ rows_read: counts.read, rows_loaded: counts.loaded, rows_rejected: counts.rejected, dates_json: JSON.stringify(dates) })
    .where('id', '=', id).execute();
  const previous = await store.sql.get<{ loaded: number }>('SELECT rows_loaded AS loaded FROM input_files WHERE source = ? AND id < ? ORDER BY id DESC LIMIT 1', [source, id]);
  return previous?.loaded ?? null;
}
