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

/**
 * A record as read for linkage: its stored text, decoded when `fields` is read. The linker reads
 * each record's fields once to build its table, so a county's records cost their text (some 125
 * bytes) rather than an object of strings each (some 600: 1.8 GB for 100,000 families' 3M rows).
 */
class StoredPersonRecord implements PersonRecord {
  readonly key: string;
  constructor(readonly source: SourceName, readonly rowId: number, private readonly text: string) {
    this.key = `${source}:${rowId}`;
  }

  get fields(): Partial<Record<PersonField, string | null>> {
    return personFields(this.source, this.text);
  }
}

/** The person fields of every staging row of the given files, for linkage, by source then row id. */
export async function readPersonRecords(store: Store, fileIds: readonly number[]): Promise<PersonRecord[]> {
  const files = fileIds.join(',') || 'NULL';
  const out: PersonRecord[] = [];
  for (const source of SOURCE_NAMES) {
    const def = SOURCES[source];
    for await (const page of store.sql.pages<[number, string]>(`SELECT row_id, v FROM ${def.rowsTable} WHERE file_id IN (${files}) ORDER BY row_id`, [], 20_000)) {
      for (const [rowId, text] of page) out.push(new StoredPersonRecord(source, rowId, text));
    }
  }
  return out;
}

/** One record with where it was read from (for the few that go to clerical review). */
export async function readPersonRecordAt(store: Store, source: SourceName, rowId: number): Promise<PersonRecord & { file: string; line: number }> {
  const row = (await store.sql.get<{ file: string; line: number; v: string }>(`SELECT f.name AS file, s.line, s.v FROM ${SOURCES[source].rowsTable} s JOIN input_files f ON f.id = s.file_id
    WHERE s.row_id = ?`, [rowId]))!;
  return { key: `${source}:${rowId}`, source, rowId, fields: personFields(source, row.v), file: row.file, line: row.line };
}

/** Person fields come first in every source's field order. */
function personFields(source: SourceName, text: string): Partial<Record<PersonField, string | null>> {
  const values = decodeStagingRow(SOURCES[source], text);
  const fields: Partial<Record<PersonField, string | null>> = {};
  for (let i = 0; i < PERSON_FIELDS.length && i < values.length; i++) {
    const v = values[i];
    if (v !== null) fields[PERSON_FIELDS[i]] = String(v);
  }
  return fields;
}
