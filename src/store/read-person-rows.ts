import { SOURCE_NAMES, SOURCES, type CanonicalRow, type CanonicalValue, type SourceName } from '../shared/extracts.ts';
import type { Store } from './open-store.ts';
import { decodeStagingRow } from './staging-row.ts';

export interface LinkedRow {
  readonly source: SourceName;
  readonly personId: string;
  readonly row: CanonicalRow;
}

/**
 * Every staging row of the given files whose linked person (in the link run) is in `personIds`
 * (all persons when omitted), with its person id. Ordered by source, file and line, so whatever
 * is built from it comes out in the same order every time.
 */
export async function readPersonRows(store: Store, linkRunId: number, fileIds: readonly number[], personIds?: Iterable<string>): Promise<LinkedRow[]> {
  const { sql } = store;
  if (personIds) {
    await sql.exec('CREATE TEMP TABLE IF NOT EXISTS tmp_persons (person_id TEXT PRIMARY KEY); DELETE FROM tmp_persons;');
    for (const id of new Set(personIds)) await sql.run('INSERT INTO tmp_persons (person_id) VALUES (?)', [id]);
  }
  const files = fileIds.join(',') || 'NULL';
  const out: LinkedRow[] = [];
  for (const source of SOURCE_NAMES) {
    const def = SOURCES[source];
    const rows = await sql.rows<[number, number, number, string, string]>(
      `SELECT s.row_id, s.file_id, s.line, s.v, p.person_id FROM ${def.rowsTable} s
       JOIN lnk_persons p ON p.run_id = ? AND p.source = ? AND p.row_id = s.row_id
       ${personIds ? 'JOIN tmp_persons t ON t.person_id = p.person_id' : ''}
       WHERE s.file_id IN (${files}) ORDER BY s.file_id, s.line`, [linkRunId, source]);
    for (const [rowId, fileId, line, text, personId] of rows) out.push(linkedRow(source, rowId, fileId, line, text, personId));
  }
  return out;
}

/** A chunk's staging rows as columns: the source (its index in SOURCE_NAMES), where the row came from, its stored text and its person. */
export interface ChunkRows {
  readonly source: Uint8Array;
  readonly rowId: Float64Array;
  readonly fileId: Int32Array;
  readonly line: Int32Array;
  readonly v: string[];
  readonly personId: string[];
}

/**
 * A chunk's rows as the rules read them (`linkedRow` of each), by source, then file and line: the
 * chunk is read unsorted and put in this order here (numbers compared, not the rows moved), which may
 * be a worker thread, rather than by the store's sort of every row's text.
 */
export function linkedRows(rows: ChunkRows, fields?: readonly string[]): LinkedRow[] {
  const { source, fileId, line } = rows;
  const order = Array.from({ length: rows.v.length }, (_, i) => i)
    .sort((a, b) => source[a] - source[b] || fileId[a] - fileId[b] || line[a] - line[b]);
  return order.map((i) => linkedRow(SOURCE_NAMES[source[i]], rows.rowId[i], fileId[i], line[i], rows.v[i], rows.personId[i], fields));
}

/**
 * A stored staging row as the rules read it: every field by name (or only `fields`, those the
 * source has), with where it came from.
 */
export function linkedRow(source: SourceName, rowId: number, fileId: number, line: number, text: string, personId: string, fields?: readonly string[]): LinkedRow {
  const def = SOURCES[source];
  const values = decodeStagingRow(def, text);
  let row: Record<string, CanonicalValue>;
  if (fields) {
    row = { row_id: rowId, file_id: fileId, line };
    for (const [name, i] of fieldIndex(source, fields)) row[name] = values[i];
  } else if (values.length === def.fields.length) {
    row = rowMaker(source)(rowId, fileId, line, values);
  } else {
    // A row stored before the source had all of today's fields: only those it has.
    row = { row_id: rowId, file_id: fileId, line };
    for (let i = 0; i < values.length; i++) row[def.fields[i].name] = values[i];
  }
  return { source, personId, row: row as CanonicalRow };
}

type RowMaker = (rowId: number, fileId: number, line: number, values: readonly CanonicalValue[]) => Record<string, CanonicalValue>;
const rowMakers = new Map<SourceName, RowMaker>();

/**
 * A source's rows made by one object literal of its field names (built once per source from its
 * definition): every row of a source then has one shape from the start, where setting the fields
 * one by one by name cost a fifth of a chunk's evaluation (4.8M rows at 100,000 families).
 */
function rowMaker(source: SourceName): RowMaker {
  let make = rowMakers.get(source);
  if (!make) {
    const names = SOURCES[source].fields.map((f, i) => `${JSON.stringify(f.name)}: values[${i}]`);
    make = new Function('rowId', 'fileId', 'line', 'values', `return { row_id: rowId, file_id: fileId, line: line, ${names.join(', ')} };`) as RowMaker;
    rowMakers.set(source, make);
  }
  return make;
}

/** Each of `fields` the source has, with its position in a decoded row (worked out once per field list and source). */
const fieldIndexes = new WeakMap<readonly string[], Map<SourceName, readonly (readonly [string, number])[]>>();
function fieldIndex(source: SourceName, fields: readonly string[]): readonly (readonly [string, number])[] {
  let bySource = fieldIndexes.get(fields);
  if (!bySource) fieldIndexes.set(fields, bySource = new Map());
  let at = bySource.get(source);
  if (!at) {
    const def = SOURCES[source];
    at = fields.map((name) => [name, def.fields.findIndex((f) => f.name === name)] as const).filter(([, i]) => i >= 0);
    bySource.set(source, at);
  }
  return at;
}
