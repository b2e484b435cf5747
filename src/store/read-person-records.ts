import { PERSON_FIELDS, SOURCE_NAMES, SOURCES, type PersonField, type SourceName } from '../shared/extracts.ts';
import type { Store } from './open-store.ts';
import { decodeStagingRow } from './staging-row.ts';

export interface PersonRecord {
  /** `${source}:${row_id}`: unique per staging row. */
  readonly key: string;
  readonly source: SourceName;
  readonly rowId: number;
  readonly fields: Partial<Record<PersonField, string | null>>;
}

/** The person fields of every staging row of the given files, for linkage; streamed from SQLite. */
export function readPersonRecords(store: Store, fileIds: readonly number[]): PersonRecord[] {
  const files = fileIds.join(',') || 'NULL';
  const out: PersonRecord[] = [];
  for (const source of SOURCE_NAMES) {
    const def = SOURCES[source];
    const stmt = store.sqlite.prepare(`SELECT row_id, v FROM ${def.rowsTable} WHERE file_id IN (${files}) ORDER BY row_id`).raw(true);
    for (const [rowId, text] of stmt.iterate() as IterableIterator<[number, string]>) out.push(personRecord(source, rowId, text));
  }
  return out;
}

/** One record with where it was read from (for the few that go to clerical review). */
export function readPersonRecordAt(store: Store, source: SourceName, rowId: number): PersonRecord & { file: string; line: number } {
  const row = store.sqlite.prepare(`SELECT f.name AS file, s.line, s.v FROM ${SOURCES[source].rowsTable} s JOIN input_files f ON f.id = s.file_id
    WHERE s.row_id = ?`).get(rowId) as { file: string; line: number; v: string };
  return { ...personRecord(source, rowId, row.v), file: row.file, line: row.line };
}

function personRecord(source: SourceName, rowId: number, text: string): PersonRecord {
  // Person fields come first in every source's field order.
  const values = decodeStagingRow(SOURCES[source], text);
  const fields: Partial<Record<PersonField, string | null>> = {};
  for (let i = 0; i < PERSON_FIELDS.length; i++) {
    const v = values[i];
    if (v !== null) fields[PERSON_FIELDS[i]] = String(v);
  }
  return { key: `${source}:${rowId}`, source, rowId, fields };
}
