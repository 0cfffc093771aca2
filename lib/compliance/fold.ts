/**
 * Character folding and classes: the per-character half of normalisation. One table lookup per UTF-16
 * unit turns what the agent typed into what the lexicon is written in:
 *   full width → half width, upper → lower case, traditional → simplified (lexicon characters),
 *   Chinese numerals / circled / full-width / superscript digits → ASCII digits, circled latin → latin,
 *   Greek / Cyrillic look-alikes of latin letters → latin; the dialect 俺 → 我 and 侬 → 你.
 * A character's class says what the separator-free view does with it (keep, drop, or break a match).
 */
import traditional from './lexicon/traditional.json';

/** Classes (low 3 bits). */
/** A CJK unified ideograph (the common Chinese characters). */
export const isHan = (c: number) => c >= 0x4e00 && c <= 0x9fff;

export const WORD = 1;
/** Dropped between characters in the separator-free view: spaces, dots, dashes, emoji, zero-width … */
export const SEP = 2;
/** A clause break kept in every view: ， 、 ： ； and their ASCII forms. */
export const CLAUSE = 3;
/** A sentence break: 。 ！ ？ and new lines. */
export const SENTENCE = 4;
/** Flag: also dropped from the link view (spaces, brackets, quotes, emoji; not . / : - _ @). */
export const LINK_DROP = 8;
/** Flag: white space (kept as a space in the spaced link view). */
export const SPACE = 16;

/** Folded code unit per code unit; MULTI means "look in MULTI_FOLD" (e.g. ⑩ → 10). */
const FOLD = new Uint16Array(0x10000);
const MULTI = 0xffff;
const MULTI_FOLD = new Map<number, string>();
/** Class bits per code unit; 0 = not computed yet (filled lazily, see classOf). */
const CLASS = new Uint8Array(0x10000);

/** Symbols that carry meaning in the lexicon (微❤ = 微信, +V = 加V): never separators. */
const KEEP_SYMBOLS = '+❤♥♡';
const CLAUSE_CHARS = ',:;、';
const SENTENCE_CHARS = '。!?\n\r\u2029\u2028｡';
/** Kept in the link view (URL and email syntax). */
const LINK_KEEP = '.-_/:?=&%#@+~';

const DIGITS: Record<string, string> = {
  '0': '零〇○',
  '1': '一壹幺',
  '2': '二贰',
  '3': '三叁',
  '4': '四肆',
  '5': '五伍',
  '6': '六陆',
  '7': '七柒',
  '8': '八捌',
  '9': '九玖',
};
/** Latin look-alikes from other scripts (ν信, Сom …). */
const CONFUSABLES: Record<string, string> = {
  ν: 'v', ο: 'o', α: 'a', ε: 'e', ι: 'i', κ: 'k', τ: 't', χ: 'x', υ: 'u', ρ: 'p',
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ј: 'j',
};

function init(): void {
  for (let i = 0; i < 0x10000; i++) FOLD[i] = i;
  // Full width ASCII → ASCII, ideographic space → space, full-width currency.
  for (let c = 0xff01; c <= 0xff5e; c++) FOLD[c] = c - 0xfee0;
  FOLD[0x3000] = 0x20;
  FOLD[0xffe5] = 0xa5; // ￥ → ¥
  FOLD[0xff61] = 0x3002; // ｡ → 。
  FOLD[0x2795] = 0x2b; // ➕ → +
  FOLD[0xfe62] = 0x2b; // small plus
  FOLD[0x2661] = 0x2665; // ♡ → ♥
  FOLD[0x2764] = 0x2665; // ❤ → ♥
  FOLD[0x2763] = 0x2665; // ❣ → ♥
  // Dialect for 我 (俺: northern speech, 老铁 talk on Kuaishou): 俺微信 is 我微信, 转俺 is 转我.
  FOLD['俺'.charCodeAt(0)] = '我'.charCodeAt(0);
  // …and for 你 (侬: Wu speech): 侬再烦我 is 你再烦我.
  FOLD['侬'.charCodeAt(0)] = '你'.charCodeAt(0);
  // Traditional → simplified (applied before the digit map so 貳 → 贰 → 2).
  const pairs = traditional.pairs.join('');
  for (let i = 0; i + 1 < pairs.length; i += 2) FOLD[pairs.charCodeAt(i)] = pairs.charCodeAt(i + 1);
  for (const [digit, chars] of Object.entries(DIGITS)) {
    for (const ch of chars) FOLD[ch.charCodeAt(0)] = digit.charCodeAt(0);
  }
  for (const [from, to] of Object.entries(CONFUSABLES)) {
    FOLD[from.charCodeAt(0)] = to.charCodeAt(0);
    FOLD[from.toUpperCase().charCodeAt(0)] = to.charCodeAt(0);
  }
  /** `count` characters from `first` stand for the numbers from `value` on. */
  const numbered = (first: number, value: number, count: number) => {
    for (let k = 0; k < count; k++, value++) {
      if (value < 10) FOLD[first + k] = 0x30 + value;
      else {
        FOLD[first + k] = MULTI;
        MULTI_FOLD.set(first + k, String(value));
      }
    }
  };
  numbered(0x2160, 1, 12); // Ⅰ–Ⅻ
  numbered(0x2170, 1, 12); // ⅰ–ⅻ
  numbered(0x2460, 1, 20); // ①–⑳
  numbered(0x2474, 1, 20); // ⑴–⒇
  numbered(0x2488, 1, 20); // ⒈–⒛
  numbered(0x24eb, 11, 10); // ⓫–⓴
  numbered(0x24f5, 1, 10); // ⓵–⓾
  numbered(0x2776, 1, 10); // ❶–❿
  numbered(0x2780, 1, 10); // ➀–➉
  numbered(0x278a, 1, 10); // ➊–➓
  numbered(0x0660, 0, 10); // ٠–٩ Arabic-Indic
  numbered(0x06f0, 0, 10); // ۰–۹ extended Arabic-Indic
  numbered(0x0966, 0, 10); // ०–९ Devanagari
  numbered(0x0e50, 0, 10); // ๐–๙ Thai
  numbered(0x3021, 1, 9); // 〡–〩 Hangzhou (Suzhou) numerals
  FOLD[0x24ea] = 0x30; // ⓪
  FOLD[0x24ff] = 0x30; // ⓿
  const sup = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  const sub = '₀₁₂₃₄₅₆₇₈₉';
  for (let k = 0; k < 10; k++) {
    FOLD[sup.charCodeAt(k)] = 0x30 + k;
    FOLD[sub.charCodeAt(k)] = 0x30 + k;
  }
  for (let k = 0; k < 26; k++) {
    FOLD[0x24b6 + k] = 0x61 + k; // Ⓐ–Ⓩ
    FOLD[0x24d0 + k] = 0x61 + k; // ⓐ–ⓩ
    FOLD[0x249c + k] = 0x61 + k; // ⒜–⒵
  }
  // Latin letters with marks → the bare letter: pinyin tone marks (wēi xìn → wei xin), é, ñ …; ü is
  // typed v in pinyin (lǜ → lv). Then the script-a and script-g of some pinyin fonts.
  for (let c = 0xc0; c <= 0x24f; c++) {
    const base = String.fromCharCode(c).normalize('NFD').charCodeAt(0);
    if ((base >= 0x41 && base <= 0x5a) || (base >= 0x61 && base <= 0x7a)) FOLD[c] = base;
  }
  for (const u of 'üÜǖǘǚǜǕǗǙǛ') FOLD[u.charCodeAt(0)] = 0x76;
  FOLD[0x251] = 0x61; // ɑ
  FOLD[0x261] = 0x67; // ɡ
  // Lower case last, so full-width capitals (Ａ → A) end as a.
  for (let i = 0; i < 0x10000; i++) {
    const f = FOLD[i]!;
    if (f >= 0x41 && f <= 0x5a) FOLD[i] = f + 32;
  }
  // Classes that are known without Unicode property lookups.
  CLASS.fill(WORD, 0x4e00, 0xa000); // CJK unified ideographs
  for (let c = 0; c < 0x80; c++) CLASS[c] = computeClass(c);
}

const SEP_RE = /[\p{White_Space}\p{Cf}\p{Mn}\p{Me}\p{So}\p{Sk}\p{Sm}\p{P}\p{Co}]/u;
const LINK_DROP_RE = /[\p{White_Space}\p{Cf}\p{Mn}\p{Me}\p{So}\p{Sk}\p{Ps}\p{Pe}\p{Pi}\p{Pf}\p{Co}"'`]/u;

function computeClass(c: number): number {
  const folded = FOLD[c] === MULTI ? 0x30 : FOLD[c]!;
  const ch = String.fromCharCode(folded);
  let cls: number;
  if (SENTENCE_CHARS.includes(ch)) cls = SENTENCE;
  else if (CLAUSE_CHARS.includes(ch)) cls = CLAUSE;
  else if (KEEP_SYMBOLS.includes(ch) || folded === 0xa5 || folded === 0x24) cls = WORD;
  else if (c >= 0xd800 && c <= 0xdfff) cls = WORD; // surrogates: decided per code point by the view builder
  else if (SEP_RE.test(ch)) cls = SEP;
  else cls = WORD;
  if (cls !== SENTENCE && !LINK_KEEP.includes(ch) && LINK_DROP_RE.test(ch)) cls |= LINK_DROP;
  if (/\s/.test(ch)) cls |= SPACE | LINK_DROP;
  CLASS[c] = cls;
  return cls;
}

/** Class bits of a UTF-16 unit. */
export function classOf(c: number): number {
  const v = CLASS[c]!;
  return v !== 0 ? v : computeClass(c);
}

/** Folded form of one UTF-16 unit as a code (MULTI when it folds to several, see foldMulti). */
export function foldCode(c: number): number {
  return FOLD[c]!;
}
export { MULTI as MULTI_CODE };

export function foldMulti(c: number): string {
  return MULTI_FOLD.get(c) ?? String.fromCharCode(c);
}

/**
 * Animal and other pictographs typed for the character of an insult or a name (🐶东西, 你个🐷, 你🐎的,
 * 🔪等着, 🍑宝): read as that character. Other emoji stay separators.
 */
const PICTO_CHARS = new Map<number, number>([
  [0x1f436, 0x72d7], // 🐶 狗
  [0x1f415, 0x72d7], // 🐕 狗
  [0x1f437, 0x732a], // 🐷 猪
  [0x1f416, 0x732a], // 🐖 猪
  [0x1f434, 0x9a6c], // 🐴 马
  [0x1f40e, 0x9a6c], // 🐎 马
  [0x1f4a9, 0x5c4e], // 💩 屎
  [0x1f414, 0x9e21], // 🐔 鸡
  [0x1f413, 0x9e21], // 🐓 鸡
  [0x1f422, 0x9f9f], // 🐢 龟
  [0x1f9e7, 0x7ea2], // 🧧 红 (包 follows, views.ts)
  [0x1f52a, 0x5200], // 🔪 刀
  [0x1f41f, 0x9c7c], // 🐟 鱼 (🐟上: 闲鱼)
  [0x1f4b0, 0x94b1], // 💰 钱
  [0x1f351, 0x6843], // 🍑 桃 (🍑宝: 淘宝)
  [0x1f986, 0x9e2d], // 🦆 鸭
]);

/**
 * Astral code points (surrogate pairs): emoji and pictographs are separators, except the few read as
 * characters (PICTO_CHARS); mathematical digits (𝟏𝟑𝟖) fold to digits; anything else (rare CJK) is kept
 * as it is. Returns -1 for a separator, a BMP code for a folded digit or character, or 0 to keep both units.
 */
export function foldAstral(cp: number): number {
  const picto = PICTO_CHARS.get(cp);
  if (picto !== undefined) return picto;
  if (cp >= 0x1d7ce && cp <= 0x1d7ff) return 0x30 + ((cp - 0x1d7ce) % 10);
  if (cp >= 0x1f100 && cp <= 0x1f10c) return 0x30 + (cp === 0x1f100 ? 0 : (cp - 0x1f101) % 10); // 🄀 🄁…
  if ((cp >= 0x1f000 && cp <= 0x1faff) || (cp >= 0xe0000 && cp <= 0xe007f) || (cp >= 0xf0000)) return -1;
  return 0;
}

/** Star symbols (⭐ ★ ☆ 🌟 …): a run of two or more is read as 星 each (⭐⭐⭐⭐⭐ = five stars); one alone is a separator (⭐微⭐信). */
const STARS = new Set([0x2b50, 0x2605, 0x2606, 0x272a, 0x272d, 0x1f31f]);

/** First UTF-16 units of the stars: a cheap test before starAt on every unit a view reads. */
const STAR_FIRST = new Set([...STARS].map((cp) => String.fromCodePoint(cp).charCodeAt(0)));
export const mayStartStar = (c: number): boolean => STAR_FIRST.has(c);

/** Length in UTF-16 units of the star at text[i] (a variation selector after it included), or 0. */
export function starAt(text: string, i: number): number {
  const cp = text.codePointAt(i) ?? 0;
  if (!STARS.has(cp)) return 0;
  const n = cp > 0xffff ? 2 : 1;
  return text.charCodeAt(i + n) === 0xfe0f ? n + 1 : n;
}

/** Fold a whole string, keeping every character (no separator removal). For patterns and tests. */
export function foldString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const f = FOLD[c]!;
    out += f === MULTI ? foldMulti(c) : String.fromCharCode(f);
  }
  return out;
}

init();
