/** A typed array of length n holding a's values first (a column's next capacity). */
export function grown<T extends Uint32Array | Int32Array | Float64Array | Uint8Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}
