/**
 * The bundles are written as ASCII (Dexie's source holds U+FFFF, which Chrome refuses in a content
 * script), so every Chinese character of the lexicon became a six-byte \uXXXX escape. This turns the
 * escapes of ordinary characters back into the characters (UTF-8 in the file): CJK, full-width forms,
 * punctuation and symbols, Latin letters with accents, and the private-use keys of the phonetic
 * lexicon. ASCII, surrogates, noncharacters and line separators stay escaped, and an escape that is
 * itself escaped (\\u4e00, a backslash then u4e00) is left alone. scripts/check-build.ts still checks
 * that every emitted file is valid UTF-8 without noncharacters.
 */
const ESCAPE = /(\\+)u([0-9a-fA-F]{4})/g;

/** May code unit c be written as itself in a bundle Chrome loads? */
export function plainCharacter(c: number): boolean {
  if (c < 0xa0) return false; // ASCII and C1 controls keep their escapes
  if (c === 0x2028 || c === 0x2029 || c === 0xfeff) return false; // line separators, BOM
  if (c >= 0xd800 && c <= 0xdfff) return false; // surrogates
  if ((c >= 0xfdd0 && c <= 0xfdef) || c >= 0xfffe) return false; // noncharacters
  return true;
}

export function unescapeCharacters(code: string): string {
  return code.replace(ESCAPE, (all, slashes: string, hex: string) => {
    // An even number of backslashes before u is an escaped backslash: no escape at all.
    if (slashes.length % 2 === 0) return all;
    const c = parseInt(hex, 16);
    return plainCharacter(c) ? slashes.slice(1) + String.fromCharCode(c) : all;
  });
}
