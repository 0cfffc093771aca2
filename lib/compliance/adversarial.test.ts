/**
 * check() on hostile input: the length bound, detectors whose work grows linearly with the text, and
 * properties of the findings on random strings. No timings are asserted: the work is counted (reads of
 * the view), and the family tests use inputs that took seconds to minutes before the detectors were
 * made linear, under a generous timeout.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, CHECK_LIMIT } from './check';
import { DEFAULT_COMPLIANCE_SETTINGS } from './defaults';
import { addressFindings } from './detectors/address';
import { keywordFindings } from './detectors/keywords';
import { type Candidate, type Scan, scanView } from './hits';
import { lexiconFor } from './lexicon';
import { FAMILIES } from './testing/adversarial';
import { CATEGORIES } from './types';
import { squashedView, type View } from './views';

const lex = () => lexiconFor(DEFAULT_COMPLIANCE_SETTINGS.shopWords, DEFAULT_COMPLIANCE_SETTINGS.allowList);

/** The scan of `text`, its view's code units counted as a detector reads them. */
function countedScan(text: string): { scan: Scan; reads: () => number } {
  const view = squashedView(text);
  const scan = scanView(text, view, lex());
  let reads = 0;
  const codes = new Proxy(view.codes, {
    get(target, key) {
      if (key === 'subarray') {
        return (start = 0, end = target.length) => {
          reads += Math.max(0, Math.min(end, target.length) - start);
          return target.subarray(start, end);
        };
      }
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const counted: View = { ...view, codes };
  return { scan: { ...scan, view: counted }, reads: () => reads };
}

describe('check() reads at most CHECK_LIMIT characters', () => {
  it('a short message is checked whole and says nothing about a limit', () => {
    expect(check('加我微信 kefu_88')).toEqual({ verdict: 'block', findings: [expect.objectContaining({ text: '加我微信 kefu_88' })] });
    expect('uncheckedFrom' in check('亲，在的')).toBe(false);
    expect('uncheckedFrom' in check('a'.repeat(CHECK_LIMIT))).toBe(false);
  });

  it('a longer one: findings in the first CHECK_LIMIT characters, and where the unchecked rest starts', () => {
    const long = `加我微信 kefu_88，${'好'.repeat(CHECK_LIMIT)}`;
    expect(check(long)).toEqual({
      verdict: 'block',
      findings: [expect.objectContaining({ start: 0, end: 12 })],
      uncheckedFrom: CHECK_LIMIT,
    });
  });

  it('never blocks because of length alone: what lies past the limit is not read', () => {
    expect(check(`${'好'.repeat(CHECK_LIMIT)}加我微信 kefu_88`)).toEqual({ verdict: 'ok', findings: [], uncheckedFrom: CHECK_LIMIT });
    expect(check(`${'好'.repeat(CHECK_LIMIT + 100000)}`)).toEqual({ verdict: 'ok', findings: [], uncheckedFrom: CHECK_LIMIT });
  });

  it('does not cut an emoji (a surrogate pair) in two', () => {
    const r = check(`${'好'.repeat(CHECK_LIMIT - 1)}😀好`);
    expect(r.uncheckedFrom).toBe(CHECK_LIMIT - 1);
  });

  it('the limit can be raised for offline tools', () => {
    expect(check(`${'好'.repeat(CHECK_LIMIT)}加我微信 kefu_88`, { limit: Infinity })).toMatchObject({ verdict: 'block' });
    expect(check('好好好加我', { limit: 3 })).toEqual({ verdict: 'ok', findings: [], uncheckedFrom: 3 });
  });

  it('the buyer message a reply answers is read up to the limit too', () => {
    expect(check('不可能', { replyTo: `杯子碎了${'好'.repeat(10)}` }).verdict).toBe('tip');
    expect(check('不可能', { replyTo: `${'好'.repeat(CHECK_LIMIT)}杯子碎了` }).verdict).toBe('ok');
  });
});

describe('detectors do linear work', () => {
  it('ids after keywords: each character is read a bounded number of times however many keywords share its run', () => {
    for (const text of ['wx1'.repeat(1000), 'q1'.repeat(1500), `微信${'a'.repeat(3000)}`, `${'微信'.repeat(500)}${'1'.repeat(2000)}`]) {
      const { scan, reads } = countedScan(text);
      expect(scan.keywords.length).toBeGreaterThan(0);
      keywordFindings(scan, 'pdd', []);
      expect(reads() / text.length, text.slice(0, 12)).toBeLessThan(12);
    }
  });

  it('addresses: each character is read a bounded number of times', () => {
    for (const f of FAMILIES.filter((x) => ['place-words', 'admin-units', 'street-numbers', 'nameless-streets'].includes(x.name))) {
      const { scan, reads } = countedScan(f.make(6000));
      addressFindings(scan, []);
      expect(reads() / 6000, f.name).toBeLessThan(60);
    }
  });

  it('addresses: two side by side are two findings, as the regular expression found them', () => {
    const { scan } = countedScan('中山路1号和平路2号');
    const out: Candidate[] = [];
    addressFindings(scan, out);
    expect(out.map((c) => [c.start, c.end])).toEqual([
      [0, 5],
      [5, 10],
    ]);
  });

  // Sized so that the detectors as they were took far longer than the timeout (place-words ~27 ms and
  // allowed ~60 ms per 1,000 characters at these sizes, latin-keywords grew with the square of the
  // length: minutes) while they now take well under a second; the other families are regression guards.
  // The limit is lifted so every detector sees the whole text.
  const SIZE: Record<string, number> = { 'place-words': 1_000_000, allowed: 1_000_000, 'latin-keywords': 300_000 };
  it.each(FAMILIES.map((f) => [f.name, SIZE[f.name] ?? 100_000, f] as const))(
    '%s, %i characters, unbounded: finishes, and every finding lies in the text',
    (_name, n, family) => {
      const text = family.make(n);
      const { findings } = check(text, { platform: 'pdd', limit: Infinity });
      for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.text);
    },
    10_000,
  );
});

/** Characters the detectors care about, so random strings hit their paths often. */
const ALPHABET = [
  ...'加我微信vxwxqQ支付宝电话号码：:是的 .。，,!？\n\t\u200b-_@#/', ...'0123456789一二三八零', ...'市省区县路街大道号段楼栋单元自治', ...'好评返现不要没有',
  ...'abckefucomwwwhttp', '😀', '\ud83d', '\ude00', '①', '１', 'Ａ', '點', '艾特', 'dot', ' at ', '拼多多', '淘宝', 'taobao',
];
const messages = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 120 }).map((parts) => parts.join(''));
const anyText = fc.oneof(messages, fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }));

describe('findings on random strings (seeded)', () => {
  const categories = new Set<string>(CATEGORIES);

  it('check() never throws; every finding is a slice of the text, in order', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom('pdd', 'taobao', 'douyin', 'generic'), (text, platform) => {
        const r = check(text, { platform });
        let previous = -1;
        for (const f of r.findings) {
          expect(0 <= f.start && f.start < f.end && f.end <= text.length).toBe(true);
          expect(text.slice(f.start, f.end)).toBe(f.text);
          expect(categories.has(f.category)).toBe(true);
          expect(f.start).toBeGreaterThanOrEqual(previous);
          previous = f.start;
        }
        expect(r.verdict === 'ok').toBe(r.findings.length === 0);
      }),
      { seed: 20261125, numRuns: 2000 },
    );
  });

  it('nothing past the end of a message is read (the buffer past it holds the one before)', () => {
    check('地址：中山路8号3单元');
    expect(check('地址：中山路8号3单').findings.map((f) => f.text)).toEqual(['中山路8号']);
    check('中山路12段3号');
    expect(check('中山路12').findings).toEqual([]);
  });

  it('a message reads the same whatever was checked before it (check() reuses its buffers)', () => {
    fc.assert(
      fc.property(messages, messages, (text, before) => {
        const alone = check(text);
        check(before + text + before);
        expect(check(text)).toEqual(alone);
      }),
      { seed: 20261127, numRuns: 1000 },
    );
  });

  it('with a limit, findings stay before where the unchecked rest starts', () => {
    fc.assert(
      fc.property(messages, fc.integer({ min: 1, max: 60 }), (text, limit) => {
        const r = check(text, { limit });
        if (text.length <= limit) expect(r.uncheckedFrom).toBeUndefined();
        else {
          expect(r.uncheckedFrom).toBeLessThanOrEqual(limit);
          expect(r.uncheckedFrom).toBeGreaterThanOrEqual(limit - 1);
          for (const f of r.findings) expect(f.end).toBeLessThanOrEqual(r.uncheckedFrom!);
        }
        for (const f of r.findings) expect(text.slice(f.start, f.end)).toBe(f.text);
      }),
      { seed: 20261126, numRuns: 1000 },
    );
  });
});
