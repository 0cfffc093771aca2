/**
 * Short, stable, non-cryptographic names for strings (keys and ids, never security: pseudonymised
 * exports hash again under their salt). Over UTF-16 code units, so the same text gives the same name in
 * every context.
 */

/** 32-bit FNV-1a, as an unsigned number. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** 32-bit FNV-1a as 8 hex digits. */
export const fnv1aHex = (text: string): string => fnv1a32(text).toString(16).padStart(8, '0');

/**
 * 53-bit hash (cyrb53, public domain) as 14 hex digits: where 32 bits would let two of a few thousand
 * names collide.
 */
export function hash53Hex(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}
