import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvCell } from '../stats/csv';
import { parseWordList, parseWordListFile, serialiseWordList, wordListCsv } from './word-lists';

const hex = (h: string) => new Uint8Array(h.match(/../g)!.map((b) => parseInt(b, 16)));
/** `词,级别\r\n竞品A,block\r\n假一赔十,warn\r\n最好,提醒\r\n` as Excel / WPS save it on a Chinese Windows (GBK). */
const GBK_LIST = hex('b4ca2cbcb6b1f00d0abebac6b7412c626c6f636b0d0abcd9d2bbc5e2caae2c7761726e0d0ad7eebac32ccce1d0d10d0a');
/** `竞品A` (GBK), a line of bytes neither UTF-8 nor GBK can read, `最好`. */
const BROKEN = hex('bebac6b7410d0afffeff0d0ad7eebac30d0a');

describe('word-list files are decoded as the template import decodes them', () => {
  it('reads a GBK file (no garbage words)', () => {
    expect(parseWordListFile(GBK_LIST, 'block')).toEqual({
      ok: true,
      words: [
        { word: '竞品A', severity: 'block' },
        { word: '假一赔十', severity: 'warn' },
        { word: '最好', severity: 'warn' },
      ],
    });
  });

  it('reads UTF-8 with or without a BOM and UTF-16LE', () => {
    const text = '竞品A\n假一赔十,warn\n';
    const utf8 = new TextEncoder().encode(text);
    const want = { ok: true, words: [{ word: '竞品A', severity: 'block' }, { word: '假一赔十', severity: 'warn' }] };
    expect(parseWordListFile(utf8, 'block')).toEqual(want);
    expect(parseWordListFile(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]), 'block')).toEqual(want);
    const u16 = new Uint8Array(2 + text.length * 2);
    u16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) u16.set([text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8], 2 + i * 2);
    expect(parseWordListFile(u16, 'block')).toEqual(want);
  });

  it('refuses bytes neither UTF-8 nor GBK can read, naming the line', () => {
    const r = parseWordListFile(BROKEN, 'block');
    expect(r).toMatchObject({ ok: false, line: 2 });
    if (!r.ok) expect(r.message).toMatch(/编码/);
  });

  it('refuses replacement characters (U+FFFD), naming the line: the list is left as it was', () => {
    for (const kind of ['block', 'allow'] as const) {
      const r = parseWordList('竞品A\n# 说明\n\uFFFD\uFFFDA\n最好', kind);
      expect(r).toMatchObject({ ok: false, line: 3 });
      if (!r.ok) {
        expect(r.message).toMatch(/无法识别|U\+FFFD/);
        expect(r.message_en).toMatch(/U\+FFFD|unreadable/);
      }
    }
    // A BOM'd UTF-8 file with a damaged byte decodes to U+FFFD: refused the same way.
    const damaged = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('好\n'), 0xe4, 0xb8, 0x0a]);
    expect(parseWordListFile(damaged, 'warn')).toMatchObject({ ok: false, line: 2 });
  });
});

describe('the word-list export is a CSV like every other (formulas neutralised by the stats rule)', () => {
  const FORMULA = ['=cmd', '+86', '-x', '@所有人', '＝公式', '＋微信', '－减价', '＠客服'];

  it('marks every formula-looking word as the stats exporter does, and reads back the same words', () => {
    const words = [...FORMULA, '#话题', '逗号,词', '普通', "'=已标"].map((word, i) => ({ word, severity: i % 2 ? ('warn' as const) : ('block' as const) }));
    const csv = wordListCsv(words, 'block');
    const rows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
    const body = rows.slice(rows[0]![0] === '词' ? 1 : 0);
    for (const [i, w] of FORMULA.entries()) {
      expect(body[i]![0]).toBe(`'${w}`);
      expect(csv).toContain(csvCell(w));
    }
    expect(parseWordList(csv, 'block')).toEqual({ ok: true, words });
    expect(parseWordList(csv, 'warn')).toEqual({ ok: true, words });
  });

  it('the allow-list too', () => {
    const words = ['=x', '＠y', '普通'];
    const csv = wordListCsv(words, 'allow');
    expect(csv).toContain("'=x");
    expect(csv).toContain("'＠y");
    expect(parseWordList(csv, 'allow')).toEqual({ ok: true, words });
  });

  it('the text box keeps showing the words as typed, and reads them back', () => {
    const words = ['=x', "'=y", '普通'];
    expect(serialiseWordList(words, 'allow')).toContain('=x\n');
    expect(parseWordList(serialiseWordList(words, 'allow'), 'allow')).toEqual({ ok: true, words });
  });
});
