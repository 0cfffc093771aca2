/**
 * What the content script and the options page agree on about stored search keys. This module has
 * no dependency at all (no pinyin library, no zod): the content-script search imports it, and
 * `index-build.ts` (options page / background only) fills the keys with pinyin-pro.
 */

/** Bump when the shape or meaning of {@link SearchKeys} changes; older keys are then rebuilt. */
export const SEARCH_KEYS_VERSION = 1;

/**
 * Search keys stored with each template, computed when it is saved or imported.
 *
 * - `syllables`: one entry per code point of the title (`Array.from(title)`): the toneless pinyin of
 *   a hanzi (`ü` written `v`), with other readings of a polyphonic character after `|` (`hai|huan`),
 *   the lower-cased character itself for latin letters and digits, and `''` for anything else
 *   (spaces, punctuation, emoji), which the matcher skips.
 * - `pinyin` / `initials`: the title's primary full pinyin and initials, joined (`tuihuoshenqing`,
 *   `thsq`); for display, debugging and simple consumers.
 * - `body`: the body's primary pinyin, each syllable (and each latin word) capitalised and joined, so
 *   that the capitals mark where syllables start: `亲，您好 VIP 48小时` → `QinNinHaoVip48XiaoShi`
 *   (punctuation and variable tokens like `{买家昵称}` dropped; at most
 *   {@link BODY_PINYIN_MAX_CHARS} characters of the body). The content script lower-cases it once
 *   and searches it with `indexOf`, accepting a hit only where the stored string has a capital
 *   (or digit) — no per-template arrays to build when the picker opens.
 * - `src`: {@link sourceHash} of the title and body the keys were computed from; a mismatch means
 *   the keys are stale (the text changed after they were built).
 */
export interface SearchKeys {
  v: number;
  src: string;
  syllables: string[];
  pinyin: string;
  initials: string;
  body: string;
}

/** Body pinyin is computed over this many leading characters (keeps storage small). */
export const BODY_PINYIN_MAX_CHARS = 300;

/** FNV-1a (32 bit) of title + body, as 8 hex digits: cheap enough to check on every index build. */
export function sourceHash(title: string, body: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < title.length; i++) h = Math.imul(h ^ title.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ 1, 0x01000193);
  for (let i = 0; i < body.length; i++) h = Math.imul(h ^ body.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** True when `keys` exist, have the current version and were computed from this title and body. */
export function keysAreFresh(keys: SearchKeys | undefined, title: string, body: string): keys is SearchKeys {
  return !!keys && keys.v === SEARCH_KEYS_VERSION && keys.src === sourceHash(title, body);
}

/**
 * Length-preserving fold used on both sides of every comparison: full-width ASCII (`ＴＵＩ`, `／`,
 * `１`) to half-width, the ideographic space to a space, then lower case. UTF-16 length is kept, so
 * offsets found in the folded string are offsets in the original.
 */
export function fold(s: string): string {
  if (!WIDE.test(s)) return s.toLowerCase();
  return s.replace(WIDE_ALL, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0))).toLowerCase();
}
const WIDE = /[\uFF01-\uFF5E\u3000]/;
const WIDE_ALL = /[\uFF01-\uFF5E\u3000]/g;

/**
 * A typed query as the matcher reads it: folded, without spaces or pinyin apostrophes
 * (`tui huo`, `xi'an`), and without one leading `/` (the picker's trigger, also full-width `／`).
 */
export function normalizeQuery(query: string): string {
  return fold(query)
    .replace(/^\s*\//, '')
    .replace(/[\s'’]+/g, '');
}

/** Latin letter a–z (after folding). */
export const isLatin = (ch: string): boolean => ch >= 'a' && ch <= 'z' && ch.length === 1;
