/**
 * One pass of the automaton over the squashed view, sorted into what each detector needs: findings,
 * contact keywords and their cues, negations, number / address / complaint contexts, allow spans.
 */
import { Kind, type Lexicon, NUMBER_KINDS, type Payload } from './lexicon';

const RETURN_ADDRESS = NUMBER_KINDS.indexOf('return');
import { createHits } from './matcher';
import type { View } from './views';

export interface Hit {
  /** Span in the squashed view. */
  start: number;
  end: number;
  p: Payload;
}

export interface Scan {
  text: string;
  view: View;
  lex: Lexicon;
  terms: Hit[];
  keywords: Hit[];
  pre: Hit[];
  post: Hit[];
  negPre: Hit[];
  negPost: Hit[];
  allow: Hit[];
  numbers: Hit[];
  shop: Hit[];
  pairs: Hit[];
  /** Diversion words: marketplaces and what sends a buyer there. */
  divert: Hit[];
  /** Words of the structural detectors (roles.json). */
  roles: Hit[];
  store: number;
  returns: number;
  /** Words of sending goods back (寄回, 退货 …), anywhere in the message. */
  sendBack: number;
  /** Does the message hold a street address (…路88号)? Read once, on first need (detectors/address.ts). */
  street?: boolean;
  /** Does it hold a street and its number, not just the word 地址 (detectors/address.ts)? */
  streetNumber?: boolean;
  /** End of the first return-address word (退货地址, 收件人 …): numbers after it are the warehouse's. */
  returnAddressEnd: number;
  complaint: number;
}

/** A finding before it is checked against negations, the allow-list and the settings. */
export interface Candidate {
  rule: number;
  /** Original UTF-16 span. */
  start: number;
  end: number;
  /** Span in the squashed view (negations are looked up there), or -1 when found in another view. */
  viewStart: number;
  viewEnd: number;
  negatable: boolean;
  /** Where a negation before it is measured from (the keyword, when a cue widened the span). */
  negateFrom?: number;
  /** The keyword's own span in the text (an allowed word containing it drops the finding). */
  core?: [number, number];
  /** Shop words carry their own severity. */
  severity?: 'block' | 'warn';
  /** A negation cancels it (decided in the view it was found in). */
  negated?: boolean;
}

const hitBuffer = createHits(256);
const isLatin = (c: number) => c >= 0x61 && c <= 0x7a;

export function scanView(text: string, view: View, lex: Lexicon): Scan {
  const scan: Scan = {
    text,
    view,
    lex,
    terms: [],
    keywords: [],
    pre: [],
    post: [],
    negPre: [],
    negPost: [],
    allow: [],
    numbers: [],
    shop: [],
    pairs: [],
    divert: [],
    roles: [],
    store: 0,
    returns: 0,
    sendBack: 0,
    returnAddressEnd: Infinity,
    complaint: 0,
  };
  const { codes, length } = view;
  const { matcher, payloadStart, payloads, latinStart, latinEnd } = lex;
  hitBuffer.count = 0;
  matcher.scanCodes(codes, 0, length, hitBuffer);
  const data = hitBuffer.data;
  for (let k = 0; k < hitBuffer.count; k++) {
    const pattern = data[2 * k]!;
    const end = data[2 * k + 1]!;
    const start = end - matcher.lengths[pattern]!;
    // Latin words only at latin word boundaries (vx, not the vx in "avx"; digits may touch them).
    // A separator typed in between (v x, vx\u200bkefu) is a boundary too.
    if (latinStart[pattern] && start > 0 && isLatin(codes[start - 1]!) && view.to[start - 1] === view.from[start]) continue;
    if (latinEnd[pattern] && end < length && isLatin(codes[end]!) && view.to[end - 1] === view.from[end]) continue;
    for (let q = payloadStart[pattern]!; q < payloadStart[pattern + 1]!; q++) {
      const p = payloads[q]!;
      const hit = { start, end, p };
      switch (p.kind) {
        case Kind.Term: scan.terms.push(hit); break;
        case Kind.Keyword: scan.keywords.push(hit); break;
        case Kind.PreCue: scan.pre.push(hit); break;
        case Kind.PostCue: scan.post.push(hit); break;
        case Kind.NegPre: scan.negPre.push(hit); break;
        case Kind.NegPost: scan.negPost.push(hit); break;
        case Kind.Allow: scan.allow.push(hit); break;
        case Kind.NumberContext:
          scan.numbers.push(hit);
          if (p.group === RETURN_ADDRESS && end < scan.returnAddressEnd) scan.returnAddressEnd = end;
          break;
        case Kind.Shop: scan.shop.push(hit); break;
        case Kind.Pair: scan.pairs.push(hit); break;
        case Kind.Market: case Kind.NotMarket: case Kind.Go: case Kind.Self: case Kind.Action: case Kind.Lure: scan.divert.push(hit); break;
        case Kind.Role: scan.roles.push(hit); break;
        case Kind.StoreContext: scan.store++; break;
        case Kind.ReturnContext: scan.returns++; break;
        case Kind.SendBack: scan.sendBack++; break;
        case Kind.Complaint: scan.complaint++; break;
      }
    }
  }
  return scan;
}

// Breaks, as folded code units in the squashed view.
const COMMA = 0x2c;
const COLON = 0x3a;
const SEMICOLON = 0x3b;
const IDEOGRAPHIC_COMMA = 0x3001;
const FULL_STOP = 0x3002;

/** Quote marks, opening → closing (ASCII quotes close themselves). */
export const QUOTE_CLOSE: ReadonlyMap<string, string> = new Map([
  ['『', '』'],
  ['「', '」'],
  ['“', '”'],
  ['‘', '’'],
  ['《', '》'],
  ["'", "'"],
  ['"', '"'],
]);
export const CLOSING_QUOTES: ReadonlySet<string> = new Set(QUOTE_CLOSE.values());
/** Does the text hold an opening quote mark? */
export const hasQuote = (text: string) => /[『「“‘《'"]/.test(text);

export function isSentenceBreak(c: number): boolean {
  return c === FULL_STOP || c === 0x21 || c === 0x3f || c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

export function isClauseBreak(c: number): boolean {
  return c === COMMA || c === SEMICOLON || c === IDEOGRAPHIC_COMMA || c === COLON;
}

/** Is there a break in view[from, to)? Colons can be let through ("订单号：…", "微信：…"). */
export function hasBreak(view: View, from: number, to: number, allowColon: boolean, clauses = true): boolean {
  const codes = view.codes;
  for (let i = Math.max(0, from); i < to; i++) {
    const c = codes[i]!;
    if (isSentenceBreak(c)) return true;
    if (clauses && isClauseBreak(c) && !(allowColon && c === COLON)) return true;
  }
  return false;
}

/** The clause view[at] is in: [first unit after the break before it, the break after it or the end). */
export function clauseBounds(view: View, at: number): [number, number] {
  const isBreak = (c: number) => isClauseBreak(c) || isSentenceBreak(c);
  let s = at;
  while (s > 0 && !isBreak(view.codes[s - 1]!)) s--;
  let e = at;
  while (e < view.length && !isBreak(view.codes[e]!)) e++;
  return [s, e];
}

/** Does the hit begin or end inside a longer number of the view (the 5分 of 15分钟, the 5星 of 25星座)? */
export function cutsNumber(view: View, h: Hit): boolean {
  return (isDigitAt(view, h.start) && isDigitAt(view, h.start - 1)) || (isDigitAt(view, h.end - 1) && isDigitAt(view, h.end));
}

function isDigitAt(view: View, i: number): boolean {
  if (i < 0 || i >= view.length) return false;
  const c = view.codes[i]!;
  return c >= 0x30 && c <= 0x39;
}

/** Candidate from a squashed-view span. */
export function fromView(view: View, rule: number, start: number, end: number, negatable: boolean): Candidate {
  return { rule, start: view.from[start]!, end: view.to[end - 1]!, viewStart: start, viewEnd: end, negatable };
}

/** Characters that hide digits of a number read back (138****5678, 6222 **** 1234, 尾号××78). */
const MASKS = new Set([0x2a, 0xff0a, 0xd7, 0x2217, 0x2731, 0x25cf, 0x2022, 0x203b, 0x2605, 0x2606, 0x25cb]);

/** Does a run of mask characters (3301**********1234) begin within `reach` characters after text[from], in the same sentence? */
export function maskedAfter(text: string, from: number, reach: number): boolean {
  for (let i = from; i < Math.min(text.length - 2, from + reach); i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3002 || c === 0xff0c || c === 0xff01 || c === 0xff1f || c === 0x21 || c === 0x3f || c === 0x0a) return false;
    if (MASKS.has(c) && MASKS.has(text.charCodeAt(i + 1)) && MASKS.has(text.charCodeAt(i + 2))) return true;
  }
  return false;
}

/**
 * Is the number typed over view[start, end) masked (mask characters in a row inside it, as in
 * 138****5678)? A masked number is the buyer's own, read back; never a contact or a card. One mask
 * character at a time between digits (2*0*0*0*1*3) is a separator, not a mask.
 */
export function masked(scan: Scan, start: number, end: number): boolean {
  const { text, view } = scan;
  const to = view.to[end - 1]!;
  for (let i = view.from[start]!; i < to; i++) {
    if (MASKS.has(text.charCodeAt(i)) && (MASKS.has(text.charCodeAt(i + 1)) || (i > 0 && MASKS.has(text.charCodeAt(i - 1))))) return true;
  }
  return false;
}

/** Index of the first hit of `list` (ordered by end, as the automaton reports them) ending at or after pos. */
export function firstEndingFrom(list: readonly Hit[], pos: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.end < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const NOT = 0x4e0d; // 不
const NOT_HAVE = 0x6ca1; // 没

const WANT = 0x8981; // 要
/** 要不得, 要不到, 要不起, 要不了: 要不 that does negate. */
const WANT_NOT = new Set([...'得到起了'].map((c) => c.charCodeAt(0)));

/**
 * 能不能 / 要不要 / 有没有: a question, not a negation; nor is 要不 (要不您在这边拍吧: "how about"), nor 没
 * ending a clause (收到个六位数字没，念给我听: "did you").
 */
export function question(codes: Uint16Array, start: number, length = -1): boolean {
  const c = codes[start];
  if (c === NOT_HAVE && length >= 0 && (start + 1 >= length || isClauseBreak(codes[start + 1]!) || isSentenceBreak(codes[start + 1]!))) return true;
  if (c === NOT && start > 0 && codes[start - 1] === WANT && !WANT_NOT.has(codes[start + 1]!)) return true;
  return (c === NOT || c === NOT_HAVE) && start > 0 && codes[start - 1] === codes[start + 1];
}

/** Does a negation lie wholly inside view[from, to)? */
export function negationIn(scan: Scan, from: number, to: number): boolean {
  const { negPre } = scan;
  for (let i = firstEndingFrom(negPre, from); i < negPre.length && negPre[i]!.end <= to; i++) {
    const n = negPre[i]!;
    if (n.start >= from && !question(scan.view.codes, n.start, scan.view.length)) return true;
  }
  return false;
}
