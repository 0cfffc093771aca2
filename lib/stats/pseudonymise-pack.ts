import type { ChatEvent } from './events';
import type { Pseudonymizer } from './pseudonym';

// ---------------------------------------------------------------------------------------------------
// Ids that may be kept
//
// An id is kept in a pseudonymised file only when it is of a shape the extension makes and holds
// nothing the line does not show anyway (platform, shop, template, action), the buyer then replaced
// by its pseudonym: one cached hash per buyer rather than one per event. Any other id is hashed whole
// under the salt, whatever it holds: ids of older versions embedded message text, imported files have
// ids of their own, and a hash made without the salt (of a message, a preview, a nickname) can be
// guessed back from a short text such as a phone number. The shapes (lib/watch/watcher.ts, live.ts,
// components/workbench/start.tsx, guard.tsx, templates.tsx):
//   <platform>:<shop>:<buyer>:<page message id>           digits (PDD, Feige, `…_template` cards) or a UUID
//   <platform>:<shop>:<buyer>:wait:<row time>[:<s>]       `09:59`, `昨天 12:40`, or the minute counter
//   <platform>:<shop>:<buyer>:answered|named|excluded:<digits>, …:merged:shop-<digits>
//   <platform>:<shop>:compliance:<action>:<ms>            (no buyer)
//   <platform>:<shop>:tpl:<template id>:<ms>              (the template id is the line's `template`)
// Not kept: `x<sender>-<hash>` (a message without page id, named by a hash of its text), `h<hash>` (a
// long page id), `wait:p<hash>:<day>` (a preview), `carried|merged:<hash>` (a round's first id).

const PAGE_ID = '\\d{1,24}(?:_template)?|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const ROW_TIME = '\\d{1,16}|(?:[0-9:/\\-. 年月日]|昨天|前天|星期[一二三四五六日天]|周[一二三四五六日天]){1,24}';
/** What may follow `<platform>:<shop>:<buyer>:` in a kept id. */
const BUYER_TAIL = new RegExp(`^(?:${PAGE_ID}|wait:(?:${ROW_TIME})(?::\\d{1,16})?|(?:answered|named|excluded):\\d{1,16}|merged:shop-\\d{1,16})$`);
const COMPLIANCE_TAIL = /^compliance:(?:blocked|overridden|warned):\d{1,16}$/;
const DIGITS = /^\d{1,16}$/;
/** No kept tail is longer in UTF-8 (`wait:`, 24 times `星期一`, `:` and 16 digits: 238 bytes). */
const MAX_TAIL_BYTES = 256;

const isTemplateTail = (rest: string, template: string): boolean =>
  rest.startsWith(`tpl:${template}:`) && DIGITS.test(rest.slice(template.length + 5));

/** The id of `e` in a pseudonymised file (see above). */
export function pseudonymisedId(e: ChatEvent, p: Pseudonymizer): string {
  const prefix = `${e.platform}:${e.shop}:`;
  if (e.id.startsWith(prefix)) {
    const rest = e.id.slice(prefix.length);
    if (e.type === 'compliance' && COMPLIANCE_TAIL.test(rest)) return e.id;
    if (e.type === 'template_used' && typeof e.template === 'string' && isTemplateTail(rest, e.template)) return e.id;
    if (e.buyer && rest.startsWith(`${e.buyer}:`) && BUYER_TAIL.test(rest.slice(e.buyer.length + 1))) {
      return `${prefix}${p.buyer(e.buyer)}${rest.slice(e.buyer.length)}`;
    }
  }
  return p.eventId(e.id);
}

/**
 * The contract line of an event with its id and buyer pseudonymised and free text that may name the
 * buyer (message `text`, a compliance override `reason`) left out.
 */
export function pseudonymisedLine(e: ChatEvent, p: Pseudonymizer): string {
  const out: Record<string, unknown> = { id: pseudonymisedId(e, p), type: e.type, ts: e.ts, platform: e.platform, shop: e.shop };
  for (const [k, v] of Object.entries(e)) {
    if (v === undefined || k in out || k === 'day' || k === 'text' || (k === 'reason' && e.type === 'compliance')) continue;
    out[k] = k === 'buyer' ? p.buyer(v as string) : v;
  }
  return `${JSON.stringify(out)}\n`;
}

/**
 * Pseudonymise a day pack on its UTF-8 bytes: the same output as decoding the pack, running
 * `pseudonymisedLine` on every line and encoding the result, without turning ~50 MB of a 90-day export
 * into strings and back.
 *
 * A pack line is what `contractLine` writes: `{"id":"…","type":"…","ts":"…","platform":"…","shop":"…",…}`
 * with at most one `"buyer"` and one `"text"` key after these. In UTF-8 the bytes of `"`, `\`, `:`, `,`
 * and `{` never occur inside a multi-byte character, and a line without a backslash has no escaped quote,
 * so its strings and keys can be told apart by their quotes. Per line:
 * - the buyer's value is replaced by its pseudonym (one cached HMAC per buyer);
 * - the id is kept, with the pseudonym in place of the buyer, when `pseudonymisedId` would keep it
 *   (decided on the bytes: the prefix compared with the platform, shop and buyer values, the tail
 *   tested as digits, or decoded and matched like the line path's), else it is hashed whole;
 * - a `"text"` key and its value are left out (free text may name the buyer);
 * - a line with a backslash, a `reason` key (dropped from compliance events only), a repeated key, or not
 *   shaped as above, takes the general path, `pseudonymisedLine` on the parsed line.
 */
export function pseudonymisePackBytes(bytes: Uint8Array, p: Pseudonymizer): { bytes: Uint8Array<ArrayBuffer>; lines: number } {
  // Hot loop over every byte of the export: state lives in locals, not in closures.
  let out = new Uint8Array(Math.ceil(bytes.length * 1.25) + 1024);
  let o = 0;
  const buyers = new BuyerCache(p);
  let lines = 0;
  let s = 0;
  const n = bytes.length;
  // Backslashes (escapes) are rare: the next one is looked up natively, and only its line is parsed.
  let nextBackslash = -1;
  while (s < n) {
    let nl = bytes.indexOf(NL, s);
    if (nl < 0) nl = n;
    if (nl === s) {
      s++;
      continue;
    }
    lines++;
    // Scan the line: the id's end, the buyer's value, the text's span, and whether it needs the general path.
    if (nextBackslash < s) {
      nextBackslash = bytes.indexOf(BACKSLASH, s);
      if (nextBackslash < 0) nextBackslash = n;
    }
    let general = nextBackslash < nl || !same(bytes, s, ID_OPEN, 0, ID_OPEN.length);
    const idStart = s + ID_OPEN.length;
    // The values of the five keys that always lead, each the bytes up to the next quote.
    const idEnd = general ? -1 : valueEnd(bytes, idStart, nl);
    const typeStart = idEnd + TYPE_KEY.length + 1;
    const typeEnd = idEnd < 0 || !same(bytes, idEnd + 1, TYPE_KEY, 0, TYPE_KEY.length) ? -1 : valueEnd(bytes, typeStart, nl);
    const tsEnd = typeEnd < 0 || !same(bytes, typeEnd + 1, TS_KEY, 0, TS_KEY.length) ? -1 : valueEnd(bytes, typeEnd + 1 + TS_KEY.length, nl);
    const platformStart = tsEnd + PLATFORM_KEY.length + 1;
    const platformEnd = tsEnd < 0 || !same(bytes, tsEnd + 1, PLATFORM_KEY, 0, PLATFORM_KEY.length) ? -1 : valueEnd(bytes, platformStart, nl);
    const shopStart = platformEnd + SHOP_KEY.length + 1;
    const shopEnd = platformEnd < 0 || !same(bytes, platformEnd + 1, SHOP_KEY, 0, SHOP_KEY.length) ? -1 : valueEnd(bytes, shopStart, nl);
    if (shopEnd < 0) general = true;
    let buyerStart = -1;
    let buyerEnd = -1;
    let templateStart = -1;
    let templateEnd = -1;
    let textStart = -1; // the comma before the key
    let textEnd = -1; // after the value's closing quote
    if (!general) {
      // The keys after those five are read from the end of the line back to the shop's value: buyer,
      // text, sender … are a few dozen bytes of a ~190-byte line. With no backslash in the line every
      // quote opens or closes a string, from either end. A line is JSON.stringify's output, so no key
      // is there twice.
      let valueOpen = -1; // the string after the key being looked at (its value, when a string)
      let valueClose = -1;
      for (let i = nl - 1; i > shopEnd; i--) {
        if (bytes[i] !== QUOTE) continue;
        const close = i;
        let open = close - 1;
        while (bytes[open] !== QUOTE) open--;
        i = open;
        if (bytes[close + 1] !== COLON) {
          valueOpen = open;
          valueClose = close;
          continue;
        }
        const len = close - open - 1;
        if (len === 5 && same(bytes, open + 1, BUYER, 0, 5)) {
          if (valueOpen !== close + 2) {
            general = true; // not a string value
            break;
          }
          buyerStart = valueOpen + 1;
          buyerEnd = valueClose;
        } else if (len === 8 && same(bytes, open + 1, TEMPLATE, 0, 8)) {
          if (valueOpen === close + 2) {
            templateStart = valueOpen + 1;
            templateEnd = valueClose;
          }
        } else if (len === 4 && same(bytes, open + 1, TEXT, 0, 4)) {
          if (valueOpen !== close + 2 || bytes[open - 1] !== COMMA) {
            general = true;
            break;
          }
          textStart = open - 1;
          textEnd = valueClose + 1;
        } else if (len === 6 && same(bytes, open + 1, REASON, 0, 6)) {
          general = true;
          break;
        }
      }
    }
    // What becomes of the id (as `pseudonymisedId` decides): the buyer replaced at `restStart`, kept, or hashed.
    let idMode: 'buyer' | 'keep' | 'hash' = 'hash';
    const restStart = idStart + (platformEnd - platformStart) + (shopEnd - shopStart) + 2;
    if (
      !general &&
      restStart <= idEnd &&
      same(bytes, idStart, bytes, platformStart, platformEnd - platformStart) &&
      bytes[platformEnd - platformStart + idStart] === COLON &&
      same(bytes, idStart + platformEnd - platformStart + 1, bytes, shopStart, shopEnd - shopStart) &&
      bytes[restStart - 1] === COLON
    ) {
      const typeLen = typeEnd - typeStart;
      if (typeLen === COMPLIANCE.length && same(bytes, typeStart, COMPLIANCE, 0, typeLen)) {
        if (COMPLIANCE_TAIL.test(shortText(bytes, restStart, idEnd))) idMode = 'keep';
      } else if (typeLen === TEMPLATE_USED.length && same(bytes, typeStart, TEMPLATE_USED, 0, typeLen) && templateStart >= 0) {
        if (isTemplateTail(shortText(bytes, restStart, idEnd), shortText(bytes, templateStart, templateEnd))) idMode = 'keep';
      }
      const bl = buyerEnd - buyerStart;
      if (
        idMode === 'hash' &&
        bl > 0 &&
        restStart + bl < idEnd &&
        bytes[restStart + bl] === COLON &&
        same(bytes, restStart, bytes, buyerStart, bl) &&
        safeTail(bytes, restStart + bl + 1, idEnd)
      ) {
        idMode = 'buyer';
      }
    }
    let pb: Uint8Array | undefined;
    if (!general && buyerStart >= 0) pb = buyers.get(bytes, buyerStart, buyerEnd);
    const text = general ? pseudonymisedLine(JSON.parse(utf8Decoder.decode(bytes.subarray(s, nl))) as ChatEvent, p) : '';
    // Room for the line, however its id and buyer grow (a hashed id is 18 bytes).
    const room = general ? text.length * 3 : nl - s + 1 + 18 + (pb ? pb.length * 2 : 0);
    if (o + room > out.length) {
      const bigger = new Uint8Array(Math.max(out.length * 2, Math.ceil(o + room)));
      bigger.set(out.subarray(0, o));
      out = bigger;
    }
    if (general) {
      o += utf8.encodeInto(text, out.subarray(o)).written;
      s = nl + 1;
      continue;
    }
    // Copied from `at` on, up to each cut in the order they stand. The id first.
    let at = s;
    if (idMode === 'buyer') {
      o = copy(bytes, s, restStart, out, o);
      o = put(pb!, out, o);
      at = restStart + buyerEnd - buyerStart;
    } else if (idMode === 'hash') {
      o = copy(bytes, s, idStart, out, o);
      o = p.eventIdInto(bytes, idStart, idEnd, out, o);
      at = idEnd;
    }
    // The rest: the buyer's value replaced, the text left out.
    const textFirst = textStart >= 0 && (buyerStart < 0 || textStart < buyerStart);
    if (textFirst) {
      o = copy(bytes, at, textStart, out, o);
      at = textEnd;
    }
    if (pb !== undefined) {
      o = copy(bytes, at, buyerStart, out, o);
      o = put(pb, out, o);
      at = buyerEnd;
    }
    if (textStart >= 0 && !textFirst) {
      o = copy(bytes, at, textStart, out, o);
      at = textEnd;
    }
    o = copy(bytes, at, nl, out, o);
    out[o++] = NL;
    s = nl + 1;
  }
  return { bytes: out.subarray(0, o), lines };
}

/** The end (the closing quote) of a string value starting at `start`, or -1 when the line ends first. */
function valueEnd(bytes: Uint8Array, start: number, nl: number): number {
  for (let i = start; i < nl; i++) if (bytes[i] === QUOTE) return i;
  return -1;
}

/** The text of a few bytes (ASCII built by hand, the rest decoded). */
function shortText(bytes: Uint8Array, start: number, end: number): string {
  let ascii = '';
  for (let i = start; i < end; i++) {
    if (bytes[i]! >= 0x80) return utf8Decoder.decode(bytes.subarray(start, end));
    ascii += String.fromCharCode(bytes[i]!);
  }
  return ascii;
}

/**
 * `BUYER_TAIL` on the bytes of a tail, without a string for most lines: digits (page ids, nearly every
 * line) are decided here, and so is a tail that neither is a UUID's length nor opens with one of the
 * words of the other shapes; the rest is decoded and matched.
 */
function safeTail(bytes: Uint8Array, start: number, end: number): boolean {
  const len = end - start;
  if (len <= 0 || len > MAX_TAIL_BYTES) return false;
  let i = start;
  while (i < end && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) i++;
  if (i === end) return len <= 24;
  if (len !== 36 && !TAIL_WORDS.some((w) => same(bytes, start, w, 0, w.length))) {
    // Digits then `_template` (a Feige card) is the one other shape without a word.
    return i > start && i - start <= 24 && end - i === CARD.length && same(bytes, i, CARD, 0, CARD.length);
  }
  return BUYER_TAIL.test(shortText(bytes, start, end));
}

/** Put a pseudonym's few bytes at `o`; returns the new end. */
function put(bytes: Uint8Array, out: Uint8Array, o: number): number {
  for (let i = 0; i < bytes.length; i++) out[o++] = bytes[i]!;
  return o;
}

/** Copy bytes [start, end) to `out` at `o`; returns the new end. Short runs by hand (a view per run costs more). */
function copy(from: Uint8Array, start: number, end: number, out: Uint8Array, o: number): number {
  if (end - start < 48) {
    for (let i = start; i < end; i++) out[o++] = from[i]!;
    return o;
  }
  out.set(from.subarray(start, end), o);
  return o + end - start;
}

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const ID_OPEN = ascii('{"id":"');
const TYPE_KEY = ascii(',"type":"');
const TS_KEY = ascii(',"ts":"');
const PLATFORM_KEY = ascii(',"platform":"');
const SHOP_KEY = ascii(',"shop":"');
const COMPLIANCE = ascii('compliance');
const TEMPLATE_USED = ascii('template_used');
const TEMPLATE = ascii('template');
const BUYER = ascii('buyer');
const TAIL_WORDS = ['wait:', 'answered:', 'named:', 'excluded:', 'merged:shop-'].map(ascii);
const CARD = ascii('_template');
const TEXT = ascii('text');
const REASON = ascii('reason');
const NL = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;

/** Whether a[aAt, aAt + len) and b[bAt, bAt + len) hold the same bytes (both in bounds). */
function same(a: Uint8Array, aAt: number, b: Uint8Array, bAt: number, len: number): boolean {
  if (aAt + len > a.length || bAt + len > b.length) return false;
  for (let i = 0; i < len; i++) if (a[aAt + i] !== b[bAt + i]) return false;
  return true;
}

/**
 * Pseudonym bytes by the buyer's bytes: a hash of the bytes finds the entry, so a buyer seen before
 * costs no string (a 90-day export meets the same few thousand buyers ~270,000 times).
 */
class BuyerCache {
  private readonly byHash = new Map<number, { id: Uint8Array; pseudonym: Uint8Array }[]>();
  constructor(private readonly p: Pseudonymizer) {}

  get(bytes: Uint8Array, start: number, end: number): Uint8Array {
    let h = 0x811c9dc5; // FNV-1a
    for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
    let list = this.byHash.get(h);
    if (list) {
      for (const e of list) if (e.id.length === end - start && same(e.id, 0, bytes, start, end - start)) return e.pseudonym;
    } else this.byHash.set(h, (list = []));
    const id = bytes.slice(start, end);
    const pseudonym = utf8.encode(this.p.buyer(utf8Decoder.decode(id)));
    list.push({ id, pseudonym });
    return pseudonym;
  }
}
