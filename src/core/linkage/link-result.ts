/**
 * A link run's result in columns: a county's run makes millions of links and person ids, which as
 * one object per link and a map entry per record cost some 100 bytes each; here a link is 25 bytes
 * and a record's person 4. A link's explanation is built only when it is read (most never are).
 */
import { probabilityOf } from './fellegi-sunter.ts';
import { LazyLink, type Explainer } from './lazy-link.ts';
import { grown } from './grown.ts';
import type { Link } from './types.ts';
import type { RecordKeys } from './record-keys.ts';

/** Each record's person id by record key (the table's keys, ascending), as a read-only map. */
export class PersonIds implements ReadonlyMap<string, string> {
  /** `recordKeys` ascending; `personOf[r]` indexes `ids` for record r. */
  constructor(readonly recordKeys: RecordKeys, private readonly personOf: Int32Array, private readonly ids: readonly string[]) {}

  get size(): number { return this.recordKeys.length; }

  /** The number of distinct persons. */
  get persons(): number { return this.ids.length; }

  get(key: string): string | undefined {
    const r = this.recordKeys.indexOf(key);
    return r < 0 ? undefined : this.ids[this.personOf[r]];
  }

  has(key: string): boolean { return this.recordKeys.indexOf(key) >= 0; }

  /** The person id of record `r` (an index of `recordKeys`). */
  ofRecord(r: number): string { return this.ids[this.personOf[r]]; }

  *entries(): MapIterator<[string, string]> {
    for (let r = 0; r < this.recordKeys.length; r++) yield [this.recordKeys.at(r), this.ids[this.personOf[r]]];
  }

  *keys(): MapIterator<string> { yield* this.recordKeys; }

  *values(): MapIterator<string> {
    for (let r = 0; r < this.recordKeys.length; r++) yield this.ids[this.personOf[r]];
  }

  forEach(fn: (value: string, key: string, map: ReadonlyMap<string, string>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }

  [Symbol.iterator](): MapIterator<[string, string]> { return this.entries(); }
}

/** The links, in the order they were made; `at(i)` builds one as a Link object. */
export class LinkList implements Iterable<Link> {
  private left = new Int32Array(1024);
  private right = new Int32Array(1024);
  private pattern = new Float64Array(1024);
  private weight = new Float64Array(1024);
  private rule = new Uint8Array(1024);
  private readonly rules: (string | null)[] = [null];
  length = 0;

  /** `unitOf`: each record's unit, the pair the explainer explains. */
  constructor(private readonly recordKeys: RecordKeys, private readonly unitOf: Int32Array, private readonly explainer: Explainer) {}

  /** A link between records `left` and `right` by `rule` (null: probabilistic) with the pair's comparison pattern and match weight. */
  add(left: number, right: number, rule: string | null, pattern: number, weight: number): void {
    if (this.length === this.left.length) this.grow();
    let r = this.rules.indexOf(rule);
    if (r < 0) { r = this.rules.length; this.rules.push(rule); }
    const i = this.length++;
    this.left[i] = left; this.right[i] = right; this.rule[i] = r; this.pattern[i] = pattern; this.weight[i] = weight;
  }

  at(i: number): Link {
    const rule = this.rules[this.rule[i]], w = this.weight[i];
    return new LazyLink(this.recordKeys.at(this.left[i]), this.recordKeys.at(this.right[i]), rule === null ? probabilityOf(w) : 1, w, rule,
      this.explainer, this.pattern[i], this.unitOf[this.left[i]], this.unitOf[this.right[i]]);
  }

  /** The record indices (the table's) of link `i`'s two records. */
  leftOf(i: number): number { return this.left[i]; }
  rightOf(i: number): number { return this.right[i]; }

  *[Symbol.iterator](): Iterator<Link> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  private grow(): void {
    const n = this.left.length * 2;
    this.left = grown(this.left, n); this.right = grown(this.right, n);
    this.pattern = grown(this.pattern, n); this.weight = grown(this.weight, n); this.rule = grown(this.rule, n);
  }
}
