import { describe, expect, it } from 'vitest';
import { createHits, Matcher } from './matcher';

/** Every (pattern, end) pair, as a sorted list of strings. */
function found(m: Matcher, text: string): string[] {
  const hits = createHits(2);
  m.scanString(text, hits);
  const out: string[] = [];
  for (let k = 0; k < hits.count; k++) out.push(`${hits.data[2 * k]}@${hits.data[2 * k + 1]}`);
  return out.sort();
}

function naive(patterns: string[], text: string): string[] {
  const out: string[] = [];
  patterns.forEach((p, i) => {
    if (!p) return;
    for (let at = text.indexOf(p); at >= 0; at = text.indexOf(p, at + 1)) out.push(`${i}@${at + p.length}`);
  });
  return out.sort();
}

describe('Matcher', () => {
  it('finds every occurrence, overlapping and nested ones included', () => {
    const patterns = ['he', 'she', 'his', 'hers', '好评', '好评返现', '返现', '评返'];
    const m = Matcher.compile(patterns);
    for (const text of ['ushers', 'hishershe', '亲好评返现哦好评', '好评好评返现返现', '']) {
      expect(found(m, text)).toEqual(naive(patterns, text));
    }
  });

  it('agrees with a naive search on random patterns and texts', () => {
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);
    const alphabet = '微信好评返现刷单ab加我';
    const word = (max: number) => Array.from({ length: 1 + random(max) }, () => alphabet[random(alphabet.length)]).join('');
    for (let round = 0; round < 40; round++) {
      const patterns = [...new Set(Array.from({ length: 1 + random(60) }, () => word(5)))];
      const m = Matcher.compile(patterns);
      for (let t = 0; t < 10; t++) {
        const text = word(80);
        expect(found(m, text)).toEqual(naive(patterns, text));
      }
    }
  });

  it('finds the same in sorted patterns followed by a few more (the lexicon, then a shop\'s words)', () => {
    const lexicon = ['刷单', '好评返现', '微信', '加我', 'vx', '返现'].sort();
    const patterns = [...lexicon, '秒杀价', 'v', '好评'];
    const m = Matcher.compile(patterns);
    for (const text of ['加我vx好评返现', '秒杀价刷单微信v', '']) expect(found(m, text)).toEqual(naive(patterns, text));
  });

  it('scans typed arrays and strings alike, in a range', () => {
    const m = Matcher.compile(['微信', '信号']);
    const codes = Uint16Array.from('加微信号', (c) => c.charCodeAt(0));
    const hits = createHits();
    m.scanCodes(codes, 0, codes.length, hits);
    expect(hits.count).toBe(2);
    hits.count = 0;
    m.scanCodes(codes, 2, 4, hits); // 信号 only
    expect([hits.data[0], hits.data[1]]).toEqual([1, 4]);
  });

  it('handles characters in no pattern, empty patterns and astral text', () => {
    const m = Matcher.compile(['', 'ab', '💗']);
    expect(found(m, 'xxab💗ab')).toEqual(['1@4', '1@8', '2@6']);
    expect(m.lengths[2]).toBe(2);
  });

  it('refuses duplicate patterns (the lexicon merges them first)', () => {
    expect(() => Matcher.compile(['微信', '微信'])).toThrow(/duplicate/);
    expect(() => Matcher.compile(['微信', '好评', '微信'])).toThrow(/duplicate/);
  });

  it('grows its hit buffer', () => {
    const m = Matcher.compile(['a']);
    const hits = createHits(1);
    m.scanString('a'.repeat(1000), hits);
    expect(hits.count).toBe(1000);
  });
});
