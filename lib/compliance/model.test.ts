import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, learnedModel } from './check';
import { DEFAULT_COMPLIANCE_SETTINGS, type ComplianceSettings } from './defaults';
import { forEachFeature, Model, type ModelData, modelInput, strongestSpan } from './model';
import { train } from './model-train';
import { loadComplianceSettings } from './settings';
import { squashedView } from './views';
import { fingerprint, trainingRows } from '../../scripts/gen-model';
import { FRESH_DIR, loadRows } from '../../scripts/eval-compliance';

const stored = JSON.parse(readFileSync(new URL('./model.json', import.meta.url), 'utf8')) as ModelData;
const withLearned = (learned: boolean, extra: Partial<ComplianceSettings> = {}): ComplianceSettings => ({ ...DEFAULT_COMPLIANCE_SETTINGS, ...extra, learned });

// A veiled threat that no word list or structural rule names: the learned reader holds it.
const THREAT = '你等着，收货地址我可记着呢';

describe('the learned reader in check()', () => {
  it('holds a veiled threat the rules pass, and highlights where it reads as one', () => {
    expect(check(THREAT, { settings: withLearned(false) }).verdict).toBe('ok');
    const r = check(THREAT);
    expect(r.verdict).toBe('block');
    const f = r.findings.find((x) => x.rule === 'learned.abuse')!;
    expect(f.category).toBe('abuse');
    expect(f.reason).toContain('模型');
    expect(f.suggestion).toContain('模型判断');
    expect(f.start).toBeGreaterThanOrEqual(0);
    expect(f.end).toBeLessThanOrEqual(THREAT.length);
    expect(f.end - f.start).toBeLessThan(THREAT.length);
    expect(THREAT.slice(f.start, f.end)).toBe(f.text);
  });

  it('lets ordinary replies through', () => {
    for (const text of ['好的亲，明天给您发货', '亲，尺码偏大，建议拍小一码', '退款已经给您处理了，请留意', '您好，这款有现货，今天下单今天发']) {
      expect(check(text).verdict, text).toBe('ok');
    }
  });

  it('adds nothing when turned off, when its category is off, or when the shop allowed the words', () => {
    expect(check(THREAT, { settings: withLearned(false) }).findings).toEqual([]);
    const severities = { ...DEFAULT_COMPLIANCE_SETTINGS.severities, abuse: 'off' as const };
    expect(check(THREAT, { settings: withLearned(true, { severities }) }).findings).toEqual([]);
    const highlighted = check(THREAT).findings.find((x) => x.rule === 'learned.abuse')!.text;
    expect(check(THREAT, { settings: withLearned(true, { allowList: [highlighted] }) }).findings).toEqual([]);
  });

  it('never clears what the rules found', () => {
    const text = '加我微信 kefu_2088 发你优惠券';
    const off = check(text, { settings: withLearned(false) });
    const on = check(text);
    expect(off.verdict).toBe('block');
    for (const f of off.findings) expect(on.findings).toContainEqual(f);
  });

  it('with earlier messages, highlights in the draft only', () => {
    const draft = '我可记着你地址呢';
    const r = check(draft, { history: ['你再给差评试试'] });
    expect(r.verdict).toBe('block');
    const f = r.findings.find((x) => x.rule === 'learned.abuse')!;
    expect(f.start).toBeGreaterThanOrEqual(0);
    expect(f.end).toBeLessThanOrEqual(draft.length);
    expect(draft.slice(f.start, f.end)).toBe(f.text);
    expect(check(draft, { history: ['你再给差评试试'], settings: withLearned(false) }).verdict).toBe('ok');
  });

  it('is on by default and falls back to on when the stored value is broken', () => {
    expect(loadComplianceSettings({}).learned).toBe(true);
    expect(loadComplianceSettings({ learned: 'yes' }).learned).toBe(true);
    expect(loadComplianceSettings({ learned: false }).learned).toBe(false);
  });
});

describe('the model (model.ts)', () => {
  it('scores what forEachFeature walks: the fast path and the slow one agree', () => {
    const m = learnedModel();
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.constantFrom('', '微信', '加v', '亲', '垃圾', '二维码', '薇芯'), (s, w) => {
        const v = squashedView(s + w);
        const buckets = new Set<number>();
        forEachFeature(v.codes, v.length, (b) => buckets.add(b));
        const logits = m.logitsOf(buckets);
        const top = Math.max(...logits) * m.weightScale;
        const sum = [...logits].reduce((a, l) => a + Math.exp(l * m.weightScale - top), 0);
        const best = logits.indexOf(Math.max(...logits));
        const scored = m.score(v.codes, v.length);
        expect(scored.best).toBe(m.classes[best]);
        expect(scored.p).toBeCloseTo(1 / sum, 12);
        expect(scored.pOk).toBeCloseTo(Math.exp(logits[0]! * m.weightScale - top) / sum, 12);
      }),
      { numRuns: 200 },
    );
  });

  it('learns a small task, the same way every time', () => {
    const rows = [
      ...['你真蠢', '蠢货一个', '你这个蠢人', '笨蛋才买', '你个笨蛋'].map((text) => ({ text, label: 'abuse', weight: 1 })),
      ...['亲，已发货', '好的亲', '亲，明天到', '亲，收到了吗', '亲，已退款'].map((text) => ({ text, label: 'ok', weight: 1 })),
    ];
    const classes = ['ok', 'abuse'];
    const a = train(rows, classes, { l1: 0.1 });
    const b = train(rows, classes, { l1: 0.1 });
    expect(a).toEqual(b);
    const m = new Model(a);
    const score = (t: string) => {
      const v = squashedView(t);
      return m.score(v.codes, v.length);
    };
    expect(score('你真是个蠢货').best).toBe('abuse');
    expect(score('亲，已经发货了').best).toBe('ok');
  });

  it('refuses a model.json of another format with a clear error', () => {
    expect(() => new Model({ ...stored, version: 2 as 1 })).toThrow(/version 2/);
    expect(() => new Model({ ...stored, weights: '' })).toThrow(/weights/);
  });

  it('highlights the run of units around the strongest one', () => {
    expect(strongestSpan(Float64Array.from([0, -1, 0.5, 2, 0.1, -3, 4]))).toEqual([6, 7]);
    expect(strongestSpan(Float64Array.from([0, 1, 2, 1, 0]))).toEqual([1, 4]);
    expect(strongestSpan(Float64Array.from([0, -1]))).toBeNull();
  });

  it('reads the last few messages, cut to their ends, before the draft', () => {
    expect(modelInput('d')).toBe('d');
    expect(modelInput('d', ['a', 'b', 'c', 'e'])).toBe('b\nc\ne\nd');
    expect(modelInput('d', ['x'.repeat(300)])).toBe(`${'x'.repeat(200)}\nd`);
  });
});

describe('model.json', () => {
  it('is trained on the labelled rows as they are now (else: npm run gen:model)', () => {
    expect(stored.fingerprint, 'the labelled set changed: run npm run gen:model').toBe(fingerprint(trainingRows()));
  });

  it('was trained on no message of the fresh split or the sealed ones', () => {
    const trained = new Set(trainingRows().map((r) => r.text));
    const held = [...loadRows(FRESH_DIR), ...loadRows(join(FRESH_DIR, '..', 'sealed'))];
    expect(held.length).toBeGreaterThanOrEqual(600);
    expect(held.filter((r) => trained.has(modelInput(r.text, r.history))).map((r) => r.text)).toEqual([]);
  });
});
