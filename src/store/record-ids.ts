import { SOURCE_NAMES, type SourceName } from '../shared/extracts.ts';
import type { PersonRecord } from './read-person-records.ts';

/**
 * Which staging rows were linked, by source (in `SOURCE_NAMES` order), then row id, kept as
 * one row-id column per source: a few bytes a record, where the records themselves (their person
 * fields) cost some 600. The link stage keeps this and lets the records go once the linker has
 * built its table from them. `indexOf` finds a record key (`source:row_id`) by binary search.
 */
export class RecordIds {
  private readonly sources: { source: SourceName; start: number; rowIds: Float64Array }[] = [];
  readonly count: number;

  constructor(records: readonly PersonRecord[]) {
    const bySource = new Map<SourceName, number[]>();
    for (const r of records) {
      let list = bySource.get(r.source);
      if (!list) { list = []; bySource.set(r.source, list); }
      list.push(r.rowId);
    }
    let start = 0;
    for (const source of SOURCE_NAMES) {
      const list = bySource.get(source);
      if (!list) continue;
      const rowIds = Float64Array.from(list).sort();
      this.sources.push({ source, start, rowIds });
      start += rowIds.length;
    }
    this.count = records.length;
  }

  /** Every record in order, as source, row id and key. */
  *[Symbol.iterator](): Generator<{ index: number; source: SourceName; rowId: number; key: string }> {
    for (const s of this.sources) {
      for (let j = 0; j < s.rowIds.length; j++) yield { index: s.start + j, source: s.source, rowId: s.rowIds[j], key: `${s.source}:${s.rowIds[j]}` };
    }
  }

  indexOf(key: string): number {
    const colon = key.lastIndexOf(':');
    const source = key.slice(0, colon);
    const rowId = Number(key.slice(colon + 1));
    const s = this.sources.find((x) => x.source === source);
    if (s) {
      let lo = 0, hi = s.rowIds.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const v = s.rowIds[mid];
        if (v === rowId) return s.start + mid;
        if (v < rowId) lo = mid + 1; else hi = mid - 1;
      }
    }
    throw new Error(`the link result names a record of ${source} that was not read for linking`);
  }
}
