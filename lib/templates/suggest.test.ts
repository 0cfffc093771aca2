import { describe, expect, it } from 'vitest';
import { ensureSearchKeys, withSearchKeys } from './index-build';
import type { Template } from './model';
import { createSearchIndex } from './search';
import { starterCollection } from './starter';
import { INTENTS, detectIntents, suggest } from './suggest';

let n = 0;
const tpl = (title: string, body: string, extra: Partial<Template> = {}): Template =>
  withSearchKeys({ id: `s${++n}`, title, body, group: 'g', tags: [], usageCount: 0, order: n, createdAt: 0, updatedAt: 0, ...extra });

const starter = createSearchIndex(ensureSearchKeys(starterCollection(0)).templates);
const top = (msg: string) => suggest(starter, msg).map((s) => s.template.shortcut);

describe('detectIntents', () => {
  it('finds every intent of the message, strongest first', () => {
    const d = detectIntents('你好，衣服破了，我要退款');
    expect(d.map((x) => x.intent.id)).toEqual(['refund', 'damaged', 'greeting']);
    expect(d[1]!.hits).toEqual(['破了']);
  });

  it('covers the issue list of buyer topics', () => {
    const ids = new Set(INTENTS.map((i) => i.id));
    for (const id of ['shipping', 'logistics', 'refund', 'return', 'exchange', 'size', 'quality', 'damaged', 'discount', 'differs', 'wrong-item', 'urge', 'invoice', 'greeting'])
      expect(ids.has(id), id).toBe(true);
    expect(detectIntents('今天天气不错')).toEqual([]);
  });
});

describe('suggest on the starter pack', () => {
  it.each([
    ['在吗', 'huanying'],
    ['什么时候发货呀', 'fahuoshijian'],
    ['我的快递到哪了，怎么还没到', 'wuliu'],
    ['收到的和图片不一样，色差好大', 'sechai'],
    ['少发了一件', 'shaofa'],
    ['尺码偏大，能换小一码吗', 'huanhuo'],
    ['要开发票，抬头怎么填', 'fapiao'],
    ['能便宜点吗，有没有优惠券', 'youhui'],
    ['我不想要了，要退货', 'tuihuo'],
  ])('%s → %s first', (msg, shortcut) => {
    const s = top(msg);
    expect(s[0]).toBe(shortcut);
    expect(s.length).toBeLessThanOrEqual(3);
  });

  it('returns three at most, and none for an unrelated message', () => {
    expect(suggest(starter, '你好，退款什么时候到账，快递还没到')).toHaveLength(3);
    expect(suggest(starter, '哈哈')).toEqual([]);
  });

  it('a first offer ranks above its fallback when nothing else differs', () => {
    const s = top('收到的东西跟图片不一样');
    expect(s.indexOf('sechai')).toBeLessThan(s.indexOf('sechai2'));
  });

  it('reports which intents each suggestion answers', () => {
    const [first] = suggest(starter, '衣服破了，我要退款');
    expect(first!.template.shortcut).toBe('posun2');
    expect(first!.intents.sort()).toEqual(['damaged', 'refund']);
  });
});

describe('ranking: keywords and the agent’s own usage', () => {
  const refundA = tpl('退款说明A', '退款原路退回', { tags: ['refund'] });
  const refundB = tpl('退款说明B', '退款原路退回', { tags: ['refund'], usageCount: 40 });
  const heavy = tpl('欢迎语', '您好', { tags: ['greeting'], usageCount: 5000 });
  const both = tpl('破损退款', '破损可以退款', { tags: ['refund', 'damaged'] });
  const untagged = tpl('关于退款', '退款三天内到账');
  const bodyOnly = tpl('说明', '退款三天内到账');
  const idx = createSearchIndex([refundA, refundB, heavy, both, untagged, bodyOnly]);

  it('more intents answered beats usage; usage orders equal keyword scores', () => {
    const ids = suggest(idx, '东西破了，要退款', { limit: 6 }).map((s) => s.template.id);
    expect(ids.slice(0, 3)).toEqual([both.id, refundB.id, refundA.id]);
  });

  it('usage alone never suggests an unrelated template', () => {
    expect(suggest(idx, '退款到了吗', { limit: 10 }).map((s) => s.template.id)).not.toContain(heavy.id);
  });

  it('untagged templates are found by their title, then their body', () => {
    const ids = suggest(idx, '退款', { limit: 10 }).map((s) => s.template.id);
    expect(ids.indexOf(untagged.id)).toBeGreaterThan(ids.indexOf(refundA.id));
    expect(ids.indexOf(bodyOnly.id)).toBeGreaterThan(ids.indexOf(untagged.id));
  });

  it('a weak greeting does not outrank the real question', () => {
    const ids = suggest(idx, '你好，退款', { limit: 2 }).map((s) => s.template.id);
    expect(ids).not.toContain(heavy.id);
  });

  it('respects platform and shop scope', () => {
    const pdd = tpl('退款PDD', 'x', { tags: ['refund'], platform: 'pdd', usageCount: 100 });
    const jd = tpl('退款JD', 'x', { tags: ['refund'], platform: 'jd', usageCount: 100 });
    const scoped = createSearchIndex([pdd, jd, refundA]);
    expect(suggest(scoped, '退款', { platform: 'pdd' }).map((s) => s.template.id)).toEqual([pdd.id, refundA.id]);
  });
});
