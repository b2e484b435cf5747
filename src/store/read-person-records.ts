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
    for (const [rowId, text] of stmt.iterate() as IterableIterator<[number, string]>) {
      // Person fields come first in every source's field order.
      const values = decodeStagingRow(def, text);
      const fields: Partial<Record<PersonField, string | null>> = {};
      for (let i = 0; i < PERSON_FIELDS.length; i++) {
        const v = values[i];
        if (v !== null) fields[PERSON_FIELDS[i]] = String(v);
      }
      out.push({ key: `${source}:${rowId}`, source, rowId, fields });
    }
  }
  return out;
}
