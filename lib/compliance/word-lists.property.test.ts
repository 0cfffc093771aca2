import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIST_MAX, type ShopWord } from './defaults';
import { loadComplianceSettings } from './settings';
import { parseWordList, parseWordListFile, serialiseWordList, wordListCsv, type WordListKind, type WordListResult } from './word-lists';

/**
 * Properties of the word-list parser (seeded, bounded): it never throws; what it accepts is what
 * the stored settings schema keeps, word for word (nothing dropped or changed on the way to storage);
 * what it refuses names a line of the input and carries no words; exported lists read back.
 */

const RUNS = { seed: 20261125, numRuns: 200 };
const KINDS: WordListKind[] = ['block', 'warn', 'allow'];

const piece = fc.oneof(
  fc.constantFrom(
    '竞品A', '假一赔十', 'vx', 'QQ星', '最好', 'word', '词', '敏感词', 'block', 'warn', '提醒', '拦截', 'loud',
    ',', '"', '""', ' ', '\t', '#', '\n', '\r\n', '\r', '\uFEFF', '\uFFFD', "'", '=', '＋', '@', '- -', '😀',
  ),
  fc.string({ maxLength: 4 }),
  fc.integer({ min: 48, max: 52 }).map((n) => '长'.repeat(n)),
);
const text = fc.array(piece, { maxLength: 30 }).map((p) => p.join(''));
const lineCount = (t: string) => t.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/).length;

/** The parser's words are exactly what storage keeps (the settings schema drops nothing). */
function storedAsParsed(r: WordListResult<string> | WordListResult<ShopWord>, kind: WordListKind) {
  if (!r.ok) return;
  expect(r.words.length).toBeLessThanOrEqual(LIST_MAX);
  if (kind === 'allow') {
    const words = r.words as string[];
    expect(loadComplianceSettings({ allowList: words }).allowList).toEqual(words);
    for (const w of words) expect(w).not.toContain('\uFFFD');
  } else {
    const words = r.words as ShopWord[];
    expect(loadComplianceSettings({ shopWords: words }).shopWords).toEqual(words);
    for (const w of words) expect(w.word).not.toContain('\uFFFD');
  }
}

function refusedNamesALine(r: WordListResult<unknown>, lines: number) {
  if (r.ok) return;
  expect(r).not.toHaveProperty('words');
  expect(r.line).toBeGreaterThanOrEqual(1);
  expect(r.line).toBeLessThanOrEqual(lines);
  expect(r.message.length).toBeGreaterThan(0);
  expect(r.message_en.length).toBeGreaterThan(0);
}

describe('word-list parser properties', () => {
  it('text: never throws; accepted words are what storage keeps; refused names a line', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(...KINDS), (t, kind) => {
        const r = parseWordList(t, kind);
        storedAsParsed(r, kind);
        refusedNamesALine(r, lineCount(t));
        if (t.includes('\uFFFD')) expect(r.ok).toBe(false);
      }),
      RUNS,
    );
  });

  it('bytes: never throws; accepted words are what storage keeps, never a replacement character', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      text.map((t) => new TextEncoder().encode(t)),
      text.map((t) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(t)])),
    );
    fc.assert(
      fc.property(bytes, fc.constantFrom(...KINDS), (b, kind) => {
        const r = parseWordListFile(b, kind);
        storedAsParsed(r, kind);
        if (!r.ok) expect(r.line).toBeGreaterThanOrEqual(1);
      }),
      RUNS,
    );
  });

  it('a stored list, exported (file or text box), reads back the same', () => {
    // Words as storage keeps them (the schema decides), on one line each and without U+FFFD, as the
    // parser makes them (a stored word with U+FFFD is garbage from before: its export is refused).
    const word = fc
      .array(piece, { minLength: 1, maxLength: 4 })
      .map((p) => p.join(''))
      .filter((w) => !/[\r\n\uFFFD]/.test(w));
    const list = fc.array(fc.record({ word, severity: fc.constantFrom('block' as const, 'warn' as const) }), { maxLength: 12 });
    fc.assert(
      fc.property(list, (raw) => {
        const stored = loadComplianceSettings({ shopWords: raw, allowList: raw.map((w) => w.word) });
        for (const kind of ['block', 'warn'] as const) {
          expect(parseWordList(wordListCsv(stored.shopWords, kind), kind)).toEqual({ ok: true, words: stored.shopWords });
          expect(parseWordList(serialiseWordList(stored.shopWords, kind), kind)).toEqual({ ok: true, words: stored.shopWords });
        }
        const file = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(wordListCsv(stored.shopWords, 'block'))]);
        expect(parseWordListFile(file, 'block')).toEqual({ ok: true, words: stored.shopWords });
        expect(parseWordList(wordListCsv(stored.allowList, 'allow'), 'allow')).toEqual({ ok: true, words: stored.allowList });
        expect(parseWordList(serialiseWordList(stored.allowList, 'allow'), 'allow')).toEqual({ ok: true, words: stored.allowList });
      }),
      RUNS,
    );
  });
});
