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
import { classOf, foldAstral, foldCode, foldMulti, LINK_DROP, MULTI_CODE, SEP, SPACE } from './fold';

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
function build(text: string, dropMask: number, dropExact: number, keepSpaces = false): View {
  const n = text.length;
  const v = alloc(n + 8);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        const f = foldAstral(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
        if (f > 0) push(v, f, i, i + 2);
        else if (f === 0) {
          push(v, c, i, i + 2);
          push(v, d, i, i + 2);
        }
        i++;
        continue;
      }
    }
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

/** Folded, separators dropped. */
export function squashedView(text: string): View {
  return build(text, 0, SEP);
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

/** Is view[i, i + word.length) the latin word `word`, standing alone in what was typed (" dot ", "(at)")? */
function standaloneWord(v: View, text: string, i: number, word: string): boolean {
  if (i + word.length > v.length) return false;
  for (let k = 0; k < word.length; k++) if (v.codes[i + k] !== word.charCodeAt(k)) return false;
  return !isLatinLetter(text.charCodeAt(v.from[i]! - 1)) && !isLatinLetter(text.charCodeAt(v.to[i + word.length - 1]!));
}

/** Spelled-out punctuation of addresses: 点 / 。 / dot → ".", 艾特 / at → "@" (between letters or digits). */
function respell(v: View, text: string): View {
  const { codes, length } = v;
  let needed = false;
  for (let i = 1; i < length - 1 && !needed; i++) {
    const c = codes[i]!;
    needed = DOT_WORDS.has(c) || c === 0x64 || c === 0x61 || c === AI;
  }
  if (!needed) return v;
  const out = alloc(length + 8);
  for (let i = 0; i < length; i++) {
    const c = codes[i]!;
    const prev = i > 0 ? codes[i - 1]! : 0;
    const between = (width: number) => isAlnum(prev) && i + width < length && isAlnum(codes[i + width]!);
    if (DOT_WORDS.has(c) && between(1) && isLower(codes[i + 1]!)) {
      push(out, 0x2e, v.from[i]!, v.to[i]!);
    } else if (c === 0x64 && between(3) && isLower(codes[i + 3]!) && standaloneWord(v, text, i, 'dot')) {
      push(out, 0x2e, v.from[i]!, v.to[i + 2]!);
      i += 2;
    } else if (c === AI && codes[i + 1] === TE && between(2)) {
      push(out, 0x40, v.from[i]!, v.to[i + 1]!);
      i += 1;
    } else if (c === 0x61 && between(2) && standaloneWord(v, text, i, 'at')) {
      push(out, 0x40, v.from[i]!, v.to[i + 1]!);
      i += 1;
    } else {
      push(out, c, v.from[i]!, v.to[i]!);
    }
  }
  return out;
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
  return viewString(squashedView(word));
}
