import { describe, expect, it } from 'vitest';
import { ensureSearchKeys } from './index-build';
import { collectionSchema } from './model';
import { createSearchIndex, search } from './search';
import { AFTER_SALES_SCENARIOS, STARTER_GROUPS, STARTER_TEMPLATES, starterCollection } from './starter';
import { parseTokens, render } from './variables';

const texts = STARTER_TEMPLATES.map((t) => ({ shortcut: t.shortcut, text: `${t.title}\n${t.body}` }));

describe('starter pack', () => {
  it('has 40–60 templates in the seven groups', () => {
    expect(STARTER_TEMPLATES.length).toBeGreaterThanOrEqual(40);
    expect(STARTER_TEMPLATES.length).toBeLessThanOrEqual(60);
    for (const g of STARTER_GROUPS) expect(STARTER_TEMPLATES.some((t) => t.group === g.id), g.name).toBe(true);
  });

  it.each(['不行', '不可能', '从来没听说过', '可能', '也许'])('never says %s', (word) => {
    expect(texts.filter((t) => t.text.includes(word)).map((t) => t.shortcut)).toEqual([]);
  });

  it('has no off-platform contact, links or review cash-back', () => {
    const banned = /微信|weixin|wechat|vx|v信|加v|qq|扣扣|电话|手机|联系方式|http|www\.|\.com|\.cn|好评|返现|五星|晒图返|红包/i;
    expect(texts.filter((t) => banned.test(t.text)).map((t) => t.shortcut)).toEqual([]);
    expect(texts.filter((t) => /\d{7,}/.test(t.text)).map((t) => t.shortcut)).toEqual([]);
  });

  it('gives every after-sales scenario a first and a fallback offer', () => {
    for (const s of AFTER_SALES_SCENARIOS) {
      const withTag = STARTER_TEMPLATES.filter((t) => t.tags.includes(s));
      expect(withTag.some((t) => t.tags.includes('first')), `${s} first`).toBe(true);
      expect(withTag.some((t) => t.tags.includes('fallback')), `${s} fallback`).toBe(true);
    }
  });

  it('uses pinyin shortcuts, each unique', () => {
    const shortcuts = STARTER_TEMPLATES.map((t) => t.shortcut);
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
    for (const s of shortcuts) expect(s).toMatch(/^[a-z]+[0-9]?$/);
  });

  it('uses only known variables, and uses them', () => {
    const kinds = STARTER_TEMPLATES.flatMap((t) => parseTokens(t.body).map((k) => k.kind));
    expect(kinds).not.toContain('unknown');
    const names = new Set(STARTER_TEMPLATES.flatMap((t) => parseTokens(t.body).map((k) => k.name)));
    for (const v of ['买家昵称', '店铺名', '客服昵称', '问候语', '订单号', '光标']) expect(names.has(v), v).toBe(true);
    expect(STARTER_TEMPLATES.some((t) => parseTokens(t.body).some((k) => k.kind === 'field'))).toBe(true);
  });

  it('is a valid document, and its search keys can be built', () => {
    const c = ensureSearchKeys(starterCollection(Date.UTC(2026, 0, 1)));
    expect(collectionSchema.safeParse(c).success).toBe(true);
    expect(c.templates.every((t) => t.search && t.search.pinyin.length > 0)).toBe(true);
  });

  it('demo scene: /tuihuo picks the return template and fills the buyer nickname', () => {
    const c = ensureSearchKeys(starterCollection(0));
    const [hit] = search(createSearchIndex(c.templates), '/tuihuo', { platform: 'pdd' });
    expect(hit!.template.title).toBe('退货-首选方案');
    const r = render(hit!.template, { now: Date.UTC(2026, 10, 25, 2), buyerNick: '小王' });
    expect(r.text.startsWith('小王您好')).toBe(true);
    expect(r.missing).toEqual([]);
    expect(r.cursor).toBe(r.text.length);
  });
});
