/**
 * A 64-bit FNV-1a style hash as 16 hex characters, pure (no node:crypto in the core). Used for
 * person ids and record fingerprints; not a security hash.
 */
export function hash64(text: string): string {
  let h1 = 0x811c9dc5, h2 = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x0100019d) ^ (h1 >>> 15);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b); h1 ^= h1 >>> 13;
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0xc2b2ae35); h2 ^= h2 >>> 13;
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
