/**
 * A fixed-size, direct-mapped cache of a similarity between two interned strings, keyed by
 * their ids (ordered: the pair (x, y) and (y, x) are different entries). A county compares the
 * same common names millions of times; a collision only overwrites an entry, so memory stays
 * fixed (2^bits × 16 bytes) and every value returned is the function's own: results do not
 * depend on what was cached.
 */
const ID_LIMIT = 2 ** 26;

export class SimilarityCache {
  private readonly keys: Float64Array;
  private readonly values: Float64Array;
  private readonly mask: number;
  private readonly on: boolean;

  constructor(private readonly strings: readonly string[], private readonly fn: (a: string, b: string) => number, bits = 18) {
    this.keys = new Float64Array(2 ** bits).fill(-1);
    this.values = new Float64Array(2 ** bits);
    this.mask = 2 ** bits - 1;
    this.on = strings.length <= ID_LIMIT; // beyond it a key would not be exact
  }

  get(x: number, y: number): number {
    if (!this.on) return this.fn(this.strings[x], this.strings[y]);
    const key = x * ID_LIMIT + y;
    const h = (Math.imul(x, 0x9e3779b1) + Math.imul(y, 0x85ebca77)) | 0;
    const slot = (h ^ (h >>> 15)) & this.mask;
    if (this.keys[slot] === key) return this.values[slot];
    const v = this.fn(this.strings[x], this.strings[y]);
    this.keys[slot] = key;
    this.values[slot] = v;
    return v;
  }
}
