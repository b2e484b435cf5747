import { PERSON_FIELDS, SOURCE_NAMES, SOURCES, type PersonField, type SourceName } from '../shared/extracts.ts';
import type { Store } from './open-store.ts';

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
    const stmt = store.sqlite.prepare(
      `SELECT row_id, ${PERSON_FIELDS.join(', ')} FROM ${SOURCES[source].table} WHERE file_id IN (${files}) ORDER BY row_id`,
    ).raw(true);
    for (const r of stmt.iterate() as IterableIterator<unknown[]>) {
      const fields: Partial<Record<PersonField, string | null>> = {};
      for (let i = 0; i < PERSON_FIELDS.length; i++) {
        const v = r[i + 1];
        if (v !== null) fields[PERSON_FIELDS[i]] = String(v);
      }
      out.push({ key: `${source}:${r[0]}`, source, rowId: r[0] as number, fields });
    }
  }
  return out;
}
