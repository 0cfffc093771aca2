/** The events file as a whole before its lines are read: its encoding and its size. */
import { describe, expect, it } from 'vitest';
import { EVENTS_FILE_MAX_BYTES, parseEventsFile } from './import-events';

const line = (shop: string, id = 'a') =>
  JSON.stringify({ id, type: 'buyer_message', ts: '2026-11-20T09:00:00+08:00', platform: 'pdd', shop, buyer: 'b1' });
const utf8 = (s: string) => new TextEncoder().encode(s);
/** What the popup's `file.text()` makes of the bytes: UTF-8, bad bytes replaced by U+FFFD. */
const asText = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const hex = (h: string) => Uint8Array.from(h.match(/../g)!.map((b) => parseInt(b, 16)));
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
};
const utf16le = (s: string) => {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    out[2 * i] = s.charCodeAt(i) & 0xff;
    out[2 * i + 1] = s.charCodeAt(i) >> 8;
  }
  return out;
};
const swapPairs = (b: Uint8Array) => b.map((_, i) => b[i ^ 1]!);

const TEXT = `${line('暖阳杂货铺')}\n${line('青柠汽水', 'b')}\n`;
/** The same two lines saved as GBK (Windows' "ANSI" for Chinese): line 1's shop is 暖阳杂货铺. */
const [beforeShop, afterShop] = line('@').split('@') as [string, string];
const GBK = concat(utf8(beforeShop), hex('c5afd1f4d4d3bbf5c6cc'), utf8(`${afterShop}\n${line('x', 'b')}\n`));
const gbkOnLine2 = concat(utf8(`${line('abc')}\n`), GBK);

const encodingError = (line: number, looks: string) => ({
  ok: false,
  line,
  message: `the file is not UTF-8 (looks like ${looks}); save it as UTF-8`,
  errors: [{ line, message: `the file is not UTF-8 (looks like ${looks}); save it as UTF-8` }],
  errorCount: 1,
  problem: 'encoding',
});

describe('parseEventsFile: encodings', () => {
  it('UTF-8, as bytes or as text, with or without a BOM: read', () => {
    for (const input of [TEXT, utf8(TEXT), utf8(`\uFEFF${TEXT}`), utf8(`\uFEFF${TEXT}`).buffer]) {
      expect(parseEventsFile(input)).toMatchObject({ ok: true, events: [{ shop: '暖阳杂货铺' }, { shop: '青柠汽水' }] });
    }
  });

  it.each([
    ['UTF-16 LE with a BOM', utf16le(`\uFEFF${TEXT}`)],
    ['UTF-16 BE with a BOM', swapPairs(utf16le(`\uFEFF${TEXT}`))],
    ['UTF-16 LE without a BOM', utf16le(TEXT)],
  ])('%s: named as UTF-16, as bytes and as the text file.text() makes of them', (_name, bytes) => {
    expect(parseEventsFile(bytes)).toEqual(encodingError(1, 'UTF-16'));
    expect(parseEventsFile(asText(bytes))).toEqual(encodingError(1, 'UTF-16'));
  });

  it('GBK: named as GBK, with the line of the first character that is not UTF-8', () => {
    expect(parseEventsFile(GBK)).toEqual(encodingError(1, 'GBK'));
    expect(parseEventsFile(gbkOnLine2)).toEqual(encodingError(2, 'GBK'));
    expect(parseEventsFile(asText(gbkOnLine2))).toEqual(encodingError(2, 'GBK'));
  });

  it('bytes that are neither UTF-8 nor GBK: not UTF-8, without a guess', () => {
    // 0x81 starts a two-byte GBK character; a quote cannot end it.
    const bytes = concat(utf8('{"id":"'), hex('81'), utf8('"}\n'));
    expect(parseEventsFile(bytes)).toMatchObject({ ok: false, line: 1, message: 'the file is not UTF-8; save it as UTF-8', problem: 'encoding' });
  });

  it('a U+FFFD written as UTF-8 is text like any other when the bytes are given', () => {
    expect(parseEventsFile(utf8(line('店\uFFFD')))).toMatchObject({ ok: true, events: [{ shop: '店\uFFFD' }] });
  });
});

describe('parseEventsFile: size', () => {
  const tooBig = {
    ok: false,
    line: 1,
    message: 'the file is 64.0 MB; an import reads at most 64 MB: export fewer days at a time and import each file',
    errorCount: 1,
    problem: 'size',
  };

  it('more than EVENTS_FILE_MAX_BYTES: refused before any line is read', () => {
    const bytes = new Uint8Array(EVENTS_FILE_MAX_BYTES + 1).fill(0x20);
    expect(parseEventsFile(bytes)).toMatchObject(tooBig);
    // As text the size is its UTF-8 size: a third as many Chinese characters weigh as much.
    expect(parseEventsFile('好'.repeat(Math.floor(EVENTS_FILE_MAX_BYTES / 3) + 1))).toMatchObject(tooBig);
  });

  it('EVENTS_FILE_MAX_BYTES exactly: read', () => {
    expect(parseEventsFile(new Uint8Array(EVENTS_FILE_MAX_BYTES).fill(0x20))).toEqual({ ok: true, events: [], skippedUnknown: [], notes: [] });
  });
});
