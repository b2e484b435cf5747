/**
 * A link table's record keys, ascending, by record index. A county's records are millions of
 * `source:row_id` keys, which as strings cost some 50 bytes each, held through the whole link and
 * marked by every full collection: a table built from the store keeps each record's row id (its
 * source is a column of the table already) and makes a key when it is read (decision 75).
 */
export interface RecordKeys extends Iterable<string> {
  readonly length: number;
  /** The key of record `i` (0 ≤ i < length). */
  at(i: number): string;
  /** The index of `key`, or -1 (binary search: the keys are ascending as text). */
  indexOf(key: string): number;
}

abstract class SortedKeys implements RecordKeys {
  abstract readonly length: number;
  abstract at(i: number): string;

  indexOf(key: string): number {
    let lo = 0, hi = this.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1, k = this.at(mid);
      if (k === key) return mid;
      if (k < key) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }
}

/** Keys held as strings (records that are not `source:row_id`: standalone linking, tests). */
export class StringKeys extends SortedKeys {
  constructor(private readonly keys: readonly string[]) { super(); }
  get length(): number { return this.keys.length; }
  at(i: number): string { return this.keys[i]; }
}

/**
 * Keys `${sourceNames[recordSource[i]]}:${rowIds[i]}`, made when read. `indexOf` looks the row id
 * up as a number in its source's records, ordered by row id once on the first call (4 bytes a
 * record), where a binary search over the keys as text would make a key at every step.
 */
export class SourceRowKeys extends SortedKeys {
  private byRowId: Map<string, Uint32Array> | null = null;

  constructor(readonly sourceNames: readonly string[], readonly recordSource: Int32Array, readonly rowIds: Float64Array) { super(); }
  get length(): number { return this.rowIds.length; }
  at(i: number): string { return `${this.sourceNames[this.recordSource[i]]}:${this.rowIds[i]}`; }

  override indexOf(key: string): number {
    const colon = key.lastIndexOf(':');
    const text = key.slice(colon + 1), rowId = Number(text);
    if (colon < 0 || String(rowId) !== text) return -1;
    const order = (this.byRowId ??= this.orderByRowId()).get(key.slice(0, colon));
    if (!order) return -1;
    const rowIds = this.rowIds;
    let lo = 0, hi = order.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1, v = rowIds[order[mid]];
      if (v === rowId) return order[mid];
      if (v < rowId) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
  }

  /** Each source's record indices by row id. */
  private orderByRowId(): Map<string, Uint32Array> {
    const count = new Int32Array(this.sourceNames.length);
    for (let i = 0; i < this.recordSource.length; i++) count[this.recordSource[i]]++;
    const lists = Array.from(count, (n) => new Uint32Array(n)), at = new Int32Array(count.length);
    for (let i = 0; i < this.recordSource.length; i++) { const s = this.recordSource[i]; lists[s][at[s]++] = i; }
    const out = new Map<string, Uint32Array>();
    const rowIds = this.rowIds;
    lists.forEach((list, s) => out.set(this.sourceNames[s], list.sort((a, b) => rowIds[a] - rowIds[b])));
    return out;
  }
}

/** A table's keys as plain data, to send to another thread (`keysFrom` makes them again there). */
export type KeysData = { readonly rowIds: Float64Array } | { readonly strings: readonly string[] };

export function keysData(keys: RecordKeys): KeysData {
  return keys instanceof SourceRowKeys ? { rowIds: keys.rowIds } : { strings: [...keys] };
}

/** The keys `keysData` gave, of a table with these source names and record sources. */
export function keysFrom(data: KeysData, sourceNames: readonly string[], recordSource: Int32Array): RecordKeys {
  return 'rowIds' in data ? new SourceRowKeys(sourceNames, recordSource, data.rowIds) : new StringKeys(data.strings);
}
