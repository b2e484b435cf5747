import type { PersonRecord } from './read-person-records.ts';

/**
 * Where a record key (`source:row_id`) sits in the array `readPersonRecords` returned (by source,
 * then row id): a sorted row-id column per source and a binary search, instead of a map holding
 * every key of the county a second time.
 */
export function personRecordIndex(records: readonly PersonRecord[]): (key: string) => number {
  const bySource = new Map<string, { start: number; rowIds: Float64Array }>();
  let i = 0;
  while (i < records.length) {
    const source = records[i].source;
    let end = i;
    while (end < records.length && records[end].source === source) end++;
    const rowIds = new Float64Array(end - i);
    for (let j = i; j < end; j++) rowIds[j - i] = records[j].rowId;
    bySource.set(source, { start: i, rowIds });
    i = end;
  }
  return (key) => {
    const colon = key.lastIndexOf(':');
    const s = bySource.get(key.slice(0, colon));
    const rowId = Number(key.slice(colon + 1));
    if (s) {
      let lo = 0, hi = s.rowIds.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const v = s.rowIds[mid];
        if (v === rowId) return s.start + mid;
        if (v < rowId) lo = mid + 1; else hi = mid - 1;
      }
    }
    throw new Error(`link result names record ${key.slice(0, colon)}:…, which was not read for linking`);
  };
}
