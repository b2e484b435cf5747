import { DelimitedParser } from '../../io/delimited-parser.ts';
import { decodeChunk, type RecordChunk } from '../../io/read-records.ts';
import { RowDatesOf } from '../../core/rules/evaluate-coverage.ts';
import { SOURCES, type SourceName } from '../../shared/extracts.ts';
import type { Sql } from '../../store/sql.ts';
import { FirstSeen } from './first-seen.ts';
import { rawJson, ROW_SEP, type BatchMessage, type RejectMessage } from './worker-protocol.ts';

export interface LoadCounts { read: number; loaded: number; rejected: number }

/**
 * Stores one file's batches, which must come in file order: the rejects, then the rows, less the
 * duplicates of an earlier row anywhere in the file (found here, by hash, as only this thread sees
 * every batch). Rows and rejects go through the store's bulk writers (64-row INSERTs on SQLite,
 * COPY on PostgreSQL): `ready()` waits while they are full, `end()` writes the rest.
 */
export function batchStore(sql: Sql, source: SourceName, fileId: number, header: readonly string[]) {
  const rowWriter = sql.bulkWriter(SOURCES[source].rowsTable, ['file_id', 'line', 'v']);
  const rejectWriter = sql.bulkWriter('rejects', ['file_id', 'line', 'field', 'code', 'detail', 'raw_json']);
  const writeRejects = (rejects: readonly RejectMessage[]) => {
    for (const r of rejects) for (const i of r.issues) rejectWriter.add([fileId, i.line, i.field, i.code, i.detail, r.raw]);
  };
  const seen = new FirstSeen();
  const counts: LoadCounts = { read: 0, loaded: 0, rejected: 0 };
  // A duplicate row is dropped below, but its dates are those of the row it repeats.
  const dates = new RowDatesOf(SOURCES[source]);

  /** `chunk`: what the batch was parsed from, to re-read a duplicate's raw values (null for a workbook, whose batches carry them). */
  function store(batch: BatchMessage, chunk: RecordChunk | null): void {
    counts.read += batch.read;
    counts.rejected += batch.rejects.length;
    dates.merge(batch.dates);
    writeRejects(batch.rejects);
    if (batch.lines.length === 0) return;
    let rows = batch.data.split(ROW_SEP);
    let lines = batch.lines;
    const duplicates: RejectMessage[] = [];
    let records: Map<number, string[]> | null = null;
    for (let i = 0; i < lines.length; i++) {
      const first = seen.firstLine(batch.hashes[i], lines[i]);
      if (first === lines[i]) continue;
      // The chunk is parsed again once, at its first duplicate, however many it holds.
      const raw = batch.raws?.[i] ?? rawJson(header, (records ??= recordsByLine(chunk!)).get(lines[i]) ?? []);
      duplicates.push({ issues: [{ line: lines[i], field: null, code: 'row/duplicate', detail: `same as line ${first}` }], raw });
    }
    if (duplicates.length > 0) {
      const dropped = new Set(duplicates.map((d) => d.issues[0].line));
      rows = rows.filter((_, i) => !dropped.has(lines[i]));
      lines = lines.filter((line) => !dropped.has(line));
      counts.rejected += duplicates.length;
      writeRejects(duplicates);
    }
    for (let i = 0; i < rows.length; i++) rowWriter.add([fileId, lines[i], rows[i]]);
    counts.loaded += lines.length;
  }
  const ready = () => rowWriter.ready();
  const end = async () => { await rejectWriter.end(); await rowWriter.end(); };
  return { store, counts, dates: () => dates.result(), ready, end };
}

/** A chunk's raw records by line, parsed again (only when it holds a duplicate). */
function recordsByLine(chunk: RecordChunk): Map<number, string[]> {
  const records = new Map<number, string[]>();
  const parser = new DelimitedParser((values, line) => { records.set(line, values); }, chunk.delimiter, chunk.firstLine);
  parser.push(decodeChunk(chunk.bytes, chunk.encoding));
  parser.end();
  return records;
}
