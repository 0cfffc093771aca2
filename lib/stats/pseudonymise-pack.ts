import type { ChatEvent } from './events';
import type { Pseudonymizer } from './pseudonym';

/**
 * The contract line of an event with its id and buyer pseudonymised and free text that may name the
 * buyer (message `text`, a compliance override `reason`) left out.
 */
export function pseudonymisedLine(e: ChatEvent, p: Pseudonymizer): string {
  // The extension's ids read `<platform>:<shop>:<buyer>:<message>`: putting the buyer's pseudonym in
  // place of the buyer keeps them unique and is one cached hash per buyer instead of one per event.
  // Ids shaped otherwise are hashed whole.
  const id = e.buyer && e.id.includes(`:${e.buyer}:`) ? e.id.split(`:${e.buyer}:`).join(`:${p.buyer(e.buyer)}:`) : p.eventId(e.id);
  const out: Record<string, unknown> = { id, type: e.type, ts: e.ts, platform: e.platform, shop: e.shop };
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
 * A pack line is what `contractLine` writes: `{"id":"…",…}` with the id first and at most one `"buyer"`
 * and one `"text"` key. In UTF-8 the bytes of `"`, `\`, `:`, `,` and `{` never occur inside a multi-byte
 * character, and a line without a backslash has no escaped quote, so its strings and keys can be told
 * apart by their quotes. Per line:
 * - the buyer's value is replaced by its pseudonym (one cached HMAC per buyer);
 * - the id gets the pseudonym in place of each `:<buyer>:` (the extension's ids), else it is hashed whole;
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
    let idEnd = -1;
    let buyerStart = -1;
    let buyerEnd = -1;
    let textStart = -1; // the comma before the key
    let textEnd = -1; // after the value's closing quote
    if (!general) {
      idEnd = bytes.indexOf(QUOTE, idStart);
      if (idEnd < 0 || idEnd >= nl) general = true;
    }
    if (!general) {
      // The keys after the five that always lead (id, type, ts, platform, shop) are read from the end of
      // the line back to `"shop":`: buyer, text, sender … are a few dozen bytes of a ~190-byte line.
      // With no backslash in the line every quote opens or closes a string, from either end. A line is
      // JSON.stringify's output, so no key is there twice.
      general = true; // until the shop key is reached
      let valueOpen = -1; // the string after the key being looked at (its value, when a string)
      let valueClose = -1;
      for (let i = nl - 1; i > idEnd; i--) {
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
        if (len === 4 && same(bytes, open + 1, SHOP, 0, 4)) {
          general = false;
          break;
        }
        if (len === 5 && same(bytes, open + 1, BUYER, 0, 5)) {
          if (valueOpen !== close + 2) break; // not a string value
          buyerStart = valueOpen + 1;
          buyerEnd = valueClose;
        } else if (len === 4 && same(bytes, open + 1, TEXT, 0, 4)) {
          if (valueOpen !== close + 2 || bytes[open - 1] !== COMMA) break;
          textStart = open - 1;
          textEnd = valueClose + 1;
        } else if (len === 6 && same(bytes, open + 1, REASON, 0, 6)) break;
      }
    }
    let pb: Uint8Array | undefined;
    if (!general && buyerStart >= 0) pb = buyers.get(bytes, buyerStart, buyerEnd);
    const text = general ? pseudonymisedLine(JSON.parse(utf8Decoder.decode(bytes.subarray(s, nl))) as ChatEvent, p) : '';
    // Room for the line, however its id and buyer grow (a hashed id is 18 bytes).
    const room = general ? text.length * 3 : nl - s + 1 + 18 + (pb ? pb.length * (2 + (idEnd - idStart) / 3) : 0);
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
    const bl = buyerEnd - buyerStart;
    // Copied from `at` on, up to each cut in the order they stand. The id: each `:<buyer>:` left to right
    // without overlaps (as split/join does), or hashed whole.
    let at = s;
    if (pb !== undefined && bl > 0) {
      for (let i = idStart; i + bl + 2 <= idEnd; ) {
        if (bytes[i] === COLON && bytes[i + bl + 1] === COLON && same(bytes, i + 1, bytes, buyerStart, bl)) {
          o = copy(bytes, at, i + 1, out, o);
          o = put(pb, out, o);
          at = i + 1 + bl; // the closing colon goes with what follows,
          i = at + 1; // and cannot open the next match
        } else i++;
      }
    }
    if (at === s) {
      o = copy(bytes, s, idStart, out, o);
      o += utf8.encodeInto(p.eventId(utf8Decoder.decode(bytes.subarray(idStart, idEnd))), out.subarray(o)).written;
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
const SHOP = ascii('shop');
const BUYER = ascii('buyer');
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
