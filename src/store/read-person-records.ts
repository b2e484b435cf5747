import type { SourceRecords } from '../core/linkage/link-table.ts';
import { PERSON_FIELDS, SOURCE_NAMES, SOURCES, type PersonField, type SourceName } from '../shared/extracts.ts';
import type { Store } from './open-store.ts';
import { decodeStagingRow } from './staging-row.ts';
import { textOrder } from './text-order.ts';

export interface PersonRecord {
  /** `${source}:${row_id}`: unique per staging row. */
  readonly key: string;
  readonly source: SourceName;
  readonly rowId: number;
  readonly fields: Partial<Record<PersonField, string | null>>;
  /** The stored text of the person fields: equal for two records of one source exactly when their fields are. */
  readonly profile?: string;
}

/**
 * A record as read for linkage: the stored text of its person fields, decoded when `fields` is
 * read. Rows of one source with the same person fields (a pupil's every attendance term) share
 * one text, so a county's 3M rows cost their distinct profiles (about half of them), and the
 * linker standardises each profile once (`LinkRecord.profile`).
 */
class StoredPersonRecord implements PersonRecord {
  readonly key: string;
  constructor(readonly source: SourceName, readonly rowId: number, readonly profile: string) {
    this.key = `${source}:${rowId}`;
  }

  get fields(): Partial<Record<PersonField, string | null>> {
    return personFields(this.source, this.profile);
  }
}

/**
 * The person fields of every staging row of the given files, for linkage, in the order of their
 * keys as text (sources by name, then row ids as text: "x:10" before "x:9"), which is the order
 * the linker numbers records in, so it need not sort them.
 */
export async function readPersonRecords(store: Store, fileIds: readonly number[]): Promise<PersonRecord[]> {
  const out: PersonRecord[] = [];
  for await (const s of readSourceProfiles(store, fileIds)) out.push(...profileRecords(s));
  return out;
}

/**
 * One source's records as plain data another thread can be sent: its row ids (ascending), each
 * distinct profile text once, and each row's profile by its index there.
 */
export interface SourceProfiles {
  readonly source: SourceName;
  readonly rowIds: readonly number[];
  readonly profiles: readonly string[];
  readonly profileOf: Int32Array;
}

/**
 * readPersonRecords a source at a time, as `SourceProfiles`, so that a caller that keeps none of
 * the records (the link stage builds its table from them) holds one source's row ids and profile
 * texts at a time.
 */
export async function* readSourceProfiles(store: Store, fileIds: readonly number[]): AsyncGenerator<SourceProfiles> {
  const files = fileIds.join(',') || 'NULL';
  for (const source of [...SOURCE_NAMES].sort((a, b) => (`${a}:` < `${b}:` ? -1 : 1))) {
    const def = SOURCES[source];
    const rowIds: number[] = [], profiles: string[] = [], profileOf: number[] = [];
    const index = new Map<string, number>();
    for await (const page of store.sql.pages<[number, string]>(`SELECT row_id, v FROM ${def.rowsTable} WHERE file_id IN (${files}) ORDER BY row_id`, [], 20_000)) {
      for (const [rowId, text] of page) {
        const own = personText(text);
        let at = index.get(own);
        // A copy: `own` is a slice of the row's whole text and would keep all of it alive.
        if (at === undefined) { at = profiles.length; profiles.push(Buffer.from(own, 'utf8').toString('utf8')); index.set(profiles[at], at); }
        rowIds.push(rowId); profileOf.push(at);
      }
    }
    index.clear();
    if (rowIds.length > 0) yield { source, rowIds, profiles, profileOf: Int32Array.from(profileOf) };
  }
}

/** A source's records in key order (row ids as text), made as they are iterated. */
export function* profileRecords(s: SourceProfiles): Generator<PersonRecord> {
  const { source, rowIds, profiles, profileOf } = s;
  for (const i of textOrder(rowIds)) yield new StoredPersonRecord(source, rowIds[i], profiles[profileOf[i]]);
}

/** A source's records as the linker's table builder takes them at once (`LinkTableBuilder.addSource`). */
export function sourceRecords(s: SourceProfiles): SourceRecords {
  return {
    source: s.source, rowIds: s.rowIds, order: textOrder(s.rowIds), profileOf: s.profileOf, profileCount: s.profiles.length,
    fieldsOf: (p) => personFields(s.source, s.profiles[p]),
  };
}

/** A record with where it was read from (for the few that go to clerical review). */
export type LocatedPersonRecord = PersonRecord & { readonly file: string; readonly line: number };

/**
 * The records of one source at the given row ids, with where each was read from (the sides of the
 * pairs offered for review), by row id: one statement for the lot, the ids passed as one array
 * value (SQLite: a JSON array; PostgreSQL: a bigint[] literal), where reading them one at a time
 * was a statement (a round trip on PostgreSQL) per side of every pair.
 */
export async function readPersonRecordsAt(store: Store, source: SourceName, rowIds: Iterable<number>): Promise<Map<number, LocatedPersonRecord>> {
  const ids = [...new Set(rowIds)];
  const out = new Map<number, LocatedPersonRecord>();
  if (ids.length === 0) return out;
  const { sql } = store;
  const wanted = sql.dialect === 'postgres' ? 'SELECT unnest(CAST(? AS BIGINT[]))' : 'SELECT value FROM json_each(?)';
  const list = sql.dialect === 'postgres' ? `{${ids.join(',')}}` : `[${ids.join(',')}]`;
  const rows = await sql.rows<[number, string, number, string]>(`SELECT s.row_id, f.name, s.line, s.v FROM ${SOURCES[source].rowsTable} s
    JOIN input_files f ON f.id = s.file_id WHERE s.row_id IN (${wanted})`, [list]);
  for (const [rowId, file, line, v] of rows) out.set(rowId, { key: `${source}:${rowId}`, source, rowId, fields: personFields(source, v), file, line });
  const missing = ids.find((id) => !out.has(id));
  if (missing !== undefined) throw new Error(`the link result names a record of ${source} that is not stored`);
  return out;
}

/** The stored text up to the end of the person fields (they come first in every source's field order). */
function personText(text: string): string {
  let at = -1;
  for (let i = 0; i < PERSON_FIELDS.length; i++) {
    at = text.indexOf('\x1f', at + 1);
    if (at < 0) return text;
  }
  return text.slice(0, at);
}

/** The person fields of a stored row's text (they come first in every source's field order). */
export function personFields(source: SourceName, text: string): Partial<Record<PersonField, string | null>> {
  const values = decodeStagingRow(SOURCES[source], text);
  const fields: Partial<Record<PersonField, string | null>> = {};
  for (let i = 0; i < PERSON_FIELDS.length && i < values.length; i++) {
    const v = values[i];
    if (v !== null) fields[PERSON_FIELDS[i]] = String(v);
  }
  return fields;
}
