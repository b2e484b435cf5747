import { SOURCE_NAMES, type SourceName } from '../shared/extracts.ts';
import { SourceRowKeys, type RecordKeys } from '../core/linkage/record-keys.ts';
import type { PersonRecord } from './read-person-records.ts';

/**
 * Which staging rows were linked, by source (in `SOURCE_NAMES` order), then row id, kept as
 * one sorted row-id column per source, found by source name: 8 bytes a record, where the records
 * themselves (their person fields) cost some 600. The link stage keeps this and lets the records
 * go once the linker has built its table from them. `indexOf` finds a record key (`source:row_id`)
 * by binary search in its source's column.
 */
export class RecordIds {
  private readonly bySource = new Map<string, { readonly source: SourceName; readonly start: number; readonly rowIds: Float64Array }>();
  readonly count: number;

  /** The row ids read of each source (in any order). */
  constructor(columns: ReadonlyMap<SourceName, ArrayLike<number>>) {
    let start = 0;
    for (const source of SOURCE_NAMES) {
      const c = columns.get(source);
      if (!c) continue;
      const rowIds = Float64Array.from(c).sort();
      this.bySource.set(source, { source, start, rowIds });
      start += rowIds.length;
    }
    this.count = start;
  }

  static of(records: Iterable<Pick<PersonRecord, 'source' | 'rowId'>>): RecordIds {
    const columns = new Map<SourceName, number[]>();
    for (const r of records) {
      let c = columns.get(r.source);
      if (!c) { c = []; columns.set(r.source, c); }
      c.push(r.rowId);
    }
    return new RecordIds(columns);
  }

  /** Every record in order, as source, row id and key. */
  *[Symbol.iterator](): Generator<{ index: number; source: SourceName; rowId: number; key: string }> {
    for (const s of this.bySource.values()) {
      for (let j = 0; j < s.rowIds.length; j++) yield { index: s.start + j, source: s.source, rowId: s.rowIds[j], key: `${s.source}:${s.rowIds[j]}` };
    }
  }

  /** The sources read, in order, each with its first record's index and its row ids ascending. */
  get sources(): Iterable<{ readonly source: SourceName; readonly start: number; readonly rowIds: Float64Array }> {
    return this.bySource.values();
  }

  indexOf(key: string): number {
    const colon = key.lastIndexOf(':');
    return this.indexOfRow(key.slice(0, colon), Number(key.slice(colon + 1)));
  }

  /** The index of a source's row (binary search in its row ids). */
  indexOfRow(source: string, rowId: number): number {
    const s = this.bySource.get(source as SourceName);
    if (s) {
      const rowIds = s.rowIds;
      let lo = 0, hi = rowIds.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const v = rowIds[mid];
        if (v === rowId) return s.start + mid;
        if (v < rowId) lo = mid + 1; else hi = mid - 1;
      }
    }
    throw new Error(`the link result names a record of ${source} that was not read for linking`);
  }

  /**
   * Where each of these records is among a link table's (`keys`, key order as text, which is not
   * row id order): out[i] is the table's index of record i. Every table record must be one of these.
   */
  tableOrder(keys: RecordKeys): Int32Array {
    if (keys.length !== this.count) throw new Error(`the link result has ${keys.length} records where ${this.count} were read for linking`);
    const out = new Int32Array(this.count);
    if (keys instanceof SourceRowKeys) {
      const { sourceNames, recordSource, rowIds } = keys;
      for (let r = 0; r < keys.length; r++) out[this.indexOfRow(sourceNames[recordSource[r]], rowIds[r])] = r;
    } else {
      for (let r = 0; r < keys.length; r++) out[this.indexOf(keys.at(r))] = r;
    }
    return out;
  }
}
