/** Each item through `f`, lazily: for row streams that must never be held whole. */
export function* mapIterable<T, U>(items: Iterable<T>, f: (t: T) => U): Generator<U> {
  for (const t of items) yield f(t);
}
