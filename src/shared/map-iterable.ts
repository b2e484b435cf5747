/** Each item through `f`, lazily: for row streams (from the store, a page at a time) that must never be held whole. */
export async function* mapIterable<T, U>(items: Iterable<T> | AsyncIterable<T>, f: (t: T) => U): AsyncGenerator<U> {
  for await (const t of items) yield f(t);
}
