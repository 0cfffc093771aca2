/**
 * Normalised views of a message, each mapped back to the UTF-16 offsets of what the agent typed, so a
 * match found in a view highlights the original characters (微 . 信 → the whole "微 . 信").
 *
 * - squashed view: every character folded (fold.ts) and separators between characters dropped
 *   (spaces, dots, dashes, emoji, zero-width …); clause and sentence breaks stay. The lexicon, the
 *   keyword cues and the number detectors read this view.
 * - link view: folded, with spaces, brackets, quotes and emoji dropped and spelled-out dots
 *   (点, 。, dot) turned into "."; URLs and e-mail addresses are read here.
 */
import { classOf, foldAstral, mayStartStar, starAt, foldCode, foldMulti, isHan, LINK_DROP, MULTI_CODE, SEP, SPACE } from './fold';

export interface View {
  /** Folded code units; only [0, length) is meaningful. */
  codes: Uint16Array;
  length: number;
  /** Original span [from[i], to[i]) of view unit i. */
  from: Int32Array;
  to: Int32Array;
}

function alloc(capacity: number): View {
  return { codes: new Uint16Array(capacity), length: 0, from: new Int32Array(capacity), to: new Int32Array(capacity) };
}

function push(v: View, code: number, from: number, to: number): void {
  const n = v.length;
  if (n === v.codes.length) grow(v);
  v.codes[n] = code;
  v.from[n] = from;
  v.to[n] = to;
  v.length = n + 1;
}

function grow(v: View): void {
  const cap = v.codes.length * 2 + 8;
  const codes = new Uint16Array(cap);
  codes.set(v.codes);
  const from = new Int32Array(cap);
  from.set(v.from);
  const to = new Int32Array(cap);
  to.set(v.to);
  v.codes = codes;
  v.from = from;
  v.to = to;
}

/** Characters typed as their two halves, read whole: first half → second half → the character. */
const COMPOSE = new Map<number, Map<number, number>>();
for (const [a, b, whole] of ['亻言信', '力口加', '扌口扣', '王见现', '石马码', '口丂号', '讠平评', '贝长账', '钅戋钱', '讠舌话']) {
  const first = COMPOSE.get(a!.charCodeAt(0)) ?? new Map<number, number>();
  first.set(b!.charCodeAt(0), whole!.charCodeAt(0));
  COMPOSE.set(a!.charCodeAt(0), first);
}
const GE = '个'.charCodeAt(0);
const BAO = '包'.charCodeAt(0);
const LIANG = '两'.charCodeAt(0);
/** The digit a unit folds to (四 → 4, ４ → 4), or -1. */
function digitOf(c: number): number {
  const f = foldCode(c);
  return f >= 0x30 && f <= 0x39 ? f - 0x30 : -1;
}

/** Emit the folded form of unit c (original span [i, end)). */
function emit(v: View, c: number, i: number, end: number): void {
  const f = foldCode(c);
  if (f !== MULTI_CODE) {
    push(v, f, i, end);
    return;
  }
  const s = foldMulti(c);
  for (let k = 0; k < s.length; k++) push(v, s.charCodeAt(k), i, end);
}

/**
 * Walk the text once, calling keep() per unit or astral pair with its class bits; drops what `drop`
 * selects. Shared by both views.
 */
function build(text: string, dropMask: number, dropExact: number, keepSpaces = false, into?: View): View {
  const n = text.length;
  let v: View;
  if (into && into.codes.length >= n * 2 + 8) {
    v = into;
    v.length = 0;
  } else v = alloc(n * 2 + 8);
  let starRun = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const star = mayStartStar(c) ? starAt(text, i) : 0;
    if (star) {
      // Stars in a run (⭐⭐⭐⭐⭐) are each read as 星; a lone star is a separator (⭐微⭐信).
      // …and so is one after a number (5⭐, 五★): five stars.
      if (starRun || starAt(text, i + star) || (i > 0 && digitOf(text.charCodeAt(i - 1)) >= 0)) push(v, 0x661f, i, i + star);
      starRun = starAt(text, i + star) !== 0;
      i += star - 1;
      continue;
    }
    starRun = false;
    // A character typed as its two halves (亻言 for 信, 力口 for 加) is read whole.
    const composed = i + 1 < n ? COMPOSE.get(c)?.get(text.charCodeAt(i + 1)) : undefined;
    if (composed !== undefined) {
      push(v, composed, i, i + 2);
      i++;
      continue;
    }
    // A digit repeated by count (四个零 → 0000, 3个8 → 888) is read as the digits.
    const times = c === LIANG ? 2 : digitOf(c);
    if (times >= 2 && i + 2 < n && text.charCodeAt(i + 1) === GE) {
      const d = digitOf(text.charCodeAt(i + 2));
      if (d >= 0) {
        for (let k = 0; k < times; k++) push(v, 0x30 + d, i, i + 3);
        i += 2;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        const f = foldAstral(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
        if (f > 0) {
          push(v, f, i, i + 2);
          // 🧧 is a red packet: 红包.
          if (c === 0xd83e && d === 0xdde7) push(v, BAO, i, i + 2);
        } else if (f === 0) {
          push(v, c, i, i + 2);
          push(v, d, i, i + 2);
        }
        i++;
        continue;
      }
    }
    // A plus between two Chinese characters (微+信, 加➕我) is a separator; elsewhere (v+, 99+) it means something.
    if ((c === 0x2b || c === 0x2795 || c === 0xff0b) && i > 0 && i + 1 < n && isHan(text.charCodeAt(i - 1)) && isHan(text.charCodeAt(i + 1))) continue;
    const cls = classOf(c);
    if (keepSpaces && (cls & SPACE) !== 0) {
      push(v, 0x20, i, i + 1);
      continue;
    }
    if ((dropExact !== 0 && (cls & 7) === dropExact) || (cls & dropMask) !== 0) continue;
    emit(v, c, i, i + 1);
  }
  return v;
}

/** Folded, separators dropped. `into`: a view to reuse (its contents are replaced). */
export function squashedView(text: string, into?: View): View {
  return build(text, 0, SEP, false, into);
}

/** An empty view to pass to squashedView again and again (no allocation per message). */
export function scratchView(capacity = 1024): View {
  return alloc(capacity);
}

/**
 * Folded, brackets / quotes / emoji dropped, separators that matter in URLs kept; spaces kept as one
 * space each or dropped (for spaced-out domains).
 */
export function linkView(text: string, keepSpaces: boolean): View {
  const v = build(text, LINK_DROP, 0, keepSpaces);
  return respell(v, text);
}

const isAlnum = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
const isLower = (c: number) => c >= 0x61 && c <= 0x7a;
const isLatinLetter = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0xff21 && c <= 0xff5a);
/** Characters written for a dot in spelled-out domains (taobao点com, kefu。cn, shop·com). */
const DOT_WORDS = new Set([0x70b9 /* 点 */, 0x3002 /* 。 */, 0x4e36 /* 丶 */, 0xb7 /* · */, 0x2022 /* • */, 0x30fb /* ・ */]);
const AI = 0x827e; // 艾
const TE = 0x7279; // 特

/** Letters or digits on both sides of the `width` units at i (taobao点com: 点 stands between o and c). */
function between(codes: Uint16Array, length: number, i: number, width: number): boolean {
  return i > 0 && isAlnum(codes[i - 1]!) && i + width < length && isAlnum(codes[i + width]!);
}

/** A spelled dot follows a domain label with a letter in it (kefu点com), not a number (下午3点com不了). */
function labelBefore(codes: Uint16Array, i: number): boolean {
  for (let k = i - 1; k >= 0 && (isAlnum(codes[k]!) || codes[k] === 0x2d); k--) if (isLower(codes[k]!)) return true;
  return false;
}

/** Is view[i, i + word.length) the latin word `word`, standing alone in what was typed (" dot ", "(at)")? */
function standaloneWord(v: View, text: string, i: number, word: string): boolean {
  if (i + word.length > v.length) return false;
  for (let k = 0; k < word.length; k++) if (v.codes[i + k] !== word.charCodeAt(k)) return false;
  return !isLatinLetter(text.charCodeAt(v.from[i]! - 1)) && !isLatinLetter(text.charCodeAt(v.to[i + word.length - 1]!));
}

/** Spelled-out punctuation of addresses: 点 / 。 / dot / dian → ".", 艾特 / at → "@" (between letters or digits). */
function respell(v: View, text: string): View {
  const { codes, length } = v;
  let i = 0;
  while (i < length && respelling(v, text, i) === 0) i++;
  if (i === length) return v;
  const out = alloc(length + 8);
  for (let k = 0; k < i; k++) push(out, codes[k]!, v.from[k]!, v.to[k]!);
  for (; i < length; i++) {
    const width = respelling(v, text, i);
    if (width === 0) {
      push(out, codes[i]!, v.from[i]!, v.to[i]!);
      continue;
    }
    push(out, DOT_WORDS.has(codes[i]!) || codes[i] === 0x64 ? 0x2e : 0x40, v.from[i]!, v.to[i + width - 1]!);
    i += width - 1;
  }
  return out;
}

/** Top-level domains a dot spelled in pinyin (dian) may stand before: kefu dian com, not yi dian er. */
const PINYIN_TLDS = ['com', 'cn', 'net', 'org', 'top', 'xyz', 'shop', 'vip', 'cc', 'io', 'me', 'co', 'info', 'site', 'store', 'online'];
function tldAt(v: View, text: string, i: number): boolean {
  return PINYIN_TLDS.some((t) => standaloneWord(v, text, i, t));
}

/** How many units at i spell out "." or "@" (点, dot, 艾特, at between letters or digits), or 0. */
function respelling(v: View, text: string, i: number): number {
  const { codes, length } = v;
  const c = codes[i]!;
  if (DOT_WORDS.has(c)) return between(codes, length, i, 1) && isLower(codes[i + 1]!) && labelBefore(codes, i) ? 1 : 0;
  if (c === AI) return codes[i + 1] === TE && between(codes, length, i, 2) ? 2 : 0;
  if (c === 0x64) {
    if (standaloneWord(v, text, i, 'dian')) return between(codes, length, i, 4) && labelBefore(codes, i) && tldAt(v, text, i + 4) ? 4 : 0;
    return between(codes, length, i, 3) && isLower(codes[i + 3]!) && labelBefore(codes, i) && standaloneWord(v, text, i, 'dot') ? 3 : 0;
  }
  if (c === 0x61) return between(codes, length, i, 2) && standaloneWord(v, text, i, 'at') ? 2 : 0;
  return 0;
}

const isNewLine = (c: number) => c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;

/** A copy of the units of `v` that `keep` selects (their original spans kept). */
function pick(v: View, keep: (i: number) => boolean): View {
  const out = alloc(v.length + 8);
  for (let i = 0; i < v.length; i++) if (keep(i)) push(out, v.codes[i]!, v.from[i]!, v.to[i]!);
  return out;
}

/**
 * The message read as one line: new lines dropped like any separator (加\n微\n信, an id broken over
 * two lines). Null when the message has a single line.
 */
export function joinedView(v: View): View | null {
  let lines = 0;
  for (let i = 0; i < v.length; i++) if (isNewLine(v.codes[i]!)) lines++;
  if (lines === 0) return null;
  // Words that name the pieces of what was broken up (上半截 177 0000 / 下半截 3366) are dropped with the breaks.
  const s = viewString(v);
  let label: Uint8Array | null = null;
  for (const w of PIECE_LABELS) {
    for (let at = s.indexOf(w); at >= 0; at = s.indexOf(w, at + w.length)) (label ??= new Uint8Array(v.length)).fill(1, at, at + w.length);
  }
  return pick(v, (i) => !isNewLine(v.codes[i]!) && !(label && label[i]));
}

/** Names of the pieces of an id or a number sent over several lines. */
const PIECE_LABELS = ['上半截', '下半截', '前半截', '后半截', '前半段', '后半段', '前半部分', '后半部分', '前几位', '后几位', '最后几位', '剩下的', '接上', '前面是', '后面是'];

/** Fewest lines for a first-character acrostic (藏头) to be read. */
const ACROSTIC_LINES = 3;

/** The first character of every line, in order (a vertical 藏头 acrostic). Null under three lines. */
export function initialsView(v: View): View | null {
  let lines = 0;
  let at = true;
  for (let i = 0; i < v.length; i++) {
    const nl = isNewLine(v.codes[i]!);
    if (!nl && at) lines++;
    at = nl;
  }
  if (lines < ACROSTIC_LINES) return null;
  let start = true;
  return pick(v, (i) => {
    const nl = isNewLine(v.codes[i]!);
    const first = !nl && start;
    start = nl;
    return first;
  });
}

/** The view's units [start, end) as a string. */
export function viewString(v: View, start = 0, end = v.length): string {
  let s = '';
  for (let i = start; i < end; i += 4096) {
    s += String.fromCharCode.apply(null, v.codes.subarray(i, Math.min(end, i + 4096)) as unknown as number[]);
  }
  return s;
}

/** Original span of view units [start, end). */
export function originalSpan(v: View, start: number, end: number): [number, number] {
  return [v.from[start]!, v.to[end - 1]!];
}

/** Normalise a word the way the squashed view reads text (lexicon patterns, shop words, allow-list). */
export function squash(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return viewString(squashedView(word)); // astral: the general path
    if ((classOf(c) & 7) === SEP) continue;
    const f = foldCode(c);
    out += f === MULTI_CODE ? foldMulti(c) : String.fromCharCode(f);
  }
  return out;
}
