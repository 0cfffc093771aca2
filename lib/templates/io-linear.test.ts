import { describe, expect, it } from 'vitest';
import { importTemplates, MAX_IMPORT_BYTES } from './io';
import { emptyCollection } from './model';

/**
 * The CSV import is linear in the size of the file: no regular expression that backtracks over a
 * huge cell (a 200 KB cell of spaces used to take half a minute, a header cell of unclosed `(` a
 * minute; 5 MB is allowed). Each case runs on 200 KB and on 2 MB and must finish well inside the
 * timeout: quadratic code takes minutes (200 KB) or hours (2 MB) on them.
 */

const opts = { existing: emptyCollection(), now: 0 };
const SIZES = [200_000, 2_000_000];
const TIMEOUT = 4_000;

describe('CSV import on huge cells finishes (linear time)', () => {
  it('the sizes stay within the import limit', () => {
    for (const n of SIZES) expect(n + 100).toBeLessThan(MAX_IMPORT_BYTES);
  });

  it.each(SIZES)('a body of %i spaces before a word: refused as too long, quickly', (n) => {
    const p = importTemplates(`内容\n"a${' '.repeat(n)}b"\n`, opts);
    expect(p.errors[0]).toMatchObject({ line: 2, code: 'body-too-long' });
  }, TIMEOUT);

  it.each(SIZES)('a body of %i mixed whitespace ending in spaces: trimmed, quickly', (n) => {
    const p = importTemplates(`内容\n"好的${' \t\u3000'.repeat(n / 3)}"\n`, opts);
    expect(p.ok).toBe(true);
    expect(p.templates[0]!.template.body).toBe('好的');
  }, TIMEOUT);

  it.each(SIZES)('a body of %i line breaks then text: leading breaks dropped, quickly', (n) => {
    const p = importTemplates(`内容\n"${'\r\n'.repeat(n / 2)}好的"\n`, opts);
    expect(p.ok).toBe(true);
    expect(p.templates[0]!.template.body).toBe('好的');
  }, TIMEOUT);

  it.each(SIZES)('a title of %i spaces inside: folded to one, quickly', (n) => {
    const p = importTemplates(`标题,内容\n"a${' '.repeat(n)}b",好的\n`, opts);
    expect(p.ok).toBe(true);
    expect(p.templates[0]!.template.title).toBe('a b');
  }, TIMEOUT);

  it.each(SIZES)('a header cell of %i unclosed ( — no header found, quickly', (n) => {
    const p = importTemplates(`${'('.repeat(n)},内容x\n好的\n`, opts);
    expect(p.errors[0]).toMatchObject({ code: 'no-header' });
  }, TIMEOUT);

  it.each(SIZES)('header cells of %i unclosed [ and 【 next to the content column, quickly', (n) => {
    const p = importTemplates(`内容,${'['.repeat(n / 2)},${'【'.repeat(n / 2)}\n好的,1,2\n`, opts);
    expect(p.ok).toBe(true);
    expect(p.columns).toMatchObject({ body: '内容' });
  }, TIMEOUT);

  it.each(SIZES)('a header decorated with %i characters in brackets still names its column, quickly', (n) => {
    const p = importTemplates(`"*内容（${'x'.repeat(n)}）",分组(${'('.repeat(n)})\n好的,售后\n`, opts);
    expect(p.ok).toBe(true);
    expect(p.templates[0]!.template.body).toBe('好的');
  }, TIMEOUT);

  it.each(SIZES)('a shortcut, a shop and tags of %i characters: refused with their reasons, quickly', (n) => {
    const p = importTemplates(`内容,快捷短语编码,店铺,标签\n好的,"a${' '.repeat(n)}b","${' '.repeat(n)}x","${'、'.repeat(n)}x"\n`, opts);
    expect(p.ok).toBe(false);
  }, TIMEOUT);
});
