import { describe, expect, it } from 'vitest';
import { computeSearchKeys, withSearchKeys } from './index-build';
import type { Template } from './model';
import { SCORE, createSearchIndex, search, type SearchOptions } from './search';

let n = 0;
function tpl(title: string, body: string, extra: Partial<Template> = {}): Template {
  n++;
  return withSearchKeys({
    id: extra.id ?? `t${n}`,
    title,
    body,
    group: 'g',
    tags: [],
    usageCount: 0,
    order: n,
    createdAt: 0,
    updatedAt: 0,
    ...extra,
  });
}

const T = {
  tuihuo: tpl('退货申请', '请在订单页面申请退货退款', { shortcut: 'tuihuo' }),
  tongyi: tpl('同意退货', '已经同意您的退货申请'),
  huankuan: tpl('还款说明', '分期还款请在支付页面操作'),
  fahuo: tpl('发货时间', '付款后48小时内发货'),
  kuaidi: tpl('快递查询', '您的快递已经发出了，单号在订单详情'),
  lvse: tpl('绿色款到货', '绿色款今天补货'),
  latin: tpl('VIP 客户', '尊敬的VIP客户您好'),
  huanying: tpl('欢迎语', '亲，欢迎光临', { shortcut: 'hy' }),
};
const all = Object.values(T);
const index = createSearchIndex(all);
const titles = (q: string, o?: SearchOptions) => search(index, q, o).map((h) => h.template.title);

describe('computeSearchKeys', () => {
  it('stores per-character syllables, every reading of polyphones, and ü as v', () => {
    const k = computeSearchKeys('还款 A1（绿）', '亲，{买家昵称}您好，订单已发货 VIP2');
    expect(k.syllables).toEqual(['hai|huan', 'kuan', '', 'a', '1', '', 'lv|lu', '']);
    expect(k.pinyin).toBe('haikuana1lv');
    expect(k.initials).toBe('hka1l');
    expect(k.body).toBe('QinNinHaoDingDanYiFaHuoVip2');
    expect(computeSearchKeys('x', '付款后48小时内发货').body).toBe('FuKuanHou48XiaoShiNeiFaHuo');
  });
});

describe('search', () => {
  it('hanzi substring of the title, at the start first', () => {
    expect(titles('退货')).toEqual(['退货申请', '同意退货']);
    const [first, second] = search(index, '退货');
    expect(first!.score).toBe(SCORE.titlePrefix);
    expect(second!.score).toBe(SCORE.titleSubstring);
    expect(second!.highlight).toEqual([2, 4]);
  });

  it.each(['t', 'tu', 'tui', 'tuih', 'tuihu', 'tuihuo'])('shortcut prefix %s ranks the 退货 template first', (q) => {
    expect(titles(q)[0]).toBe('退货申请');
  });

  it('an exact shortcut beats everything', () => {
    const [hit] = search(index, 'tuihuo');
    expect(hit).toMatchObject({ score: SCORE.shortcutExact, field: 'shortcut', how: 'exact' });
    expect(search(index, 'hy')[0]).toMatchObject({ score: SCORE.shortcutExact });
    expect(titles('hy')[0]).toBe('欢迎语');
  });

  it('full pinyin of the title, with or without spaces, at any character', () => {
    expect(titles('tuihuo')).toContain('同意退货');
    expect(titles('tui huo')).toEqual(titles('tuihuo'));
    expect(titles('tongyituihuo')).toEqual(['同意退货']);
    expect(search(index, 'tongyi')[0]).toMatchObject({ score: SCORE.titlePinyinStart, highlight: [0, 2] });
    const mid = search(index, 'shenqing').find((h) => h.template.title === '退货申请');
    expect(mid).toMatchObject({ score: SCORE.titlePinyin, highlight: [2, 4] });
  });

  it('initials and partial syllables', () => {
    expect(titles('th')).toEqual(['退货申请', '同意退货']);
    expect(titles('tysq')).toEqual([]);
    expect(titles('thsq')).toEqual(['退货申请']);
    expect(titles('fhsj')).toEqual(['发货时间']);
    expect(titles('thuo')).toContain('同意退货');
    expect(titles('kdcx')).toEqual(['快递查询']);
  });

  it('mixed hanzi and pinyin', () => {
    expect(titles('tui货')).toEqual(['退货申请', '同意退货']);
    expect(titles('退h')).toEqual(['退货申请', '同意退货']);
    expect(titles('退huo申')).toEqual(['退货申请']);
  });

  it('every reading of a polyphonic character, and lv / lu for 绿', () => {
    expect(titles('huankuan')).toEqual(['还款说明']);
    expect(titles('haikuan')).toEqual(['还款说明']);
    expect(titles('lvse')).toEqual(['绿色款到货']);
    expect(titles('luse')).toEqual(['绿色款到货']);
  });

  it('latin titles, case-insensitive, skipping spaces in the title', () => {
    expect(titles('vip')).toEqual(['VIP 客户']);
    expect(titles('vipkehu')).toEqual(['VIP 客户']);
    expect(titles('VIPkh')).toEqual(['VIP 客户']);
  });

  it('full-width input and the picker trigger', () => {
    expect(titles('ＴＵＩＨＵＯ')[0]).toBe('退货申请');
    expect(titles('／tuihuo')[0]).toBe('退货申请');
    expect(titles('/退货')[0]).toBe('退货申请');
  });

  it('body: hanzi substring, then full pinyin from a syllable boundary', () => {
    expect(search(index, '补货')[0]).toMatchObject({ field: 'body', how: 'substring', score: SCORE.body });
    const py = search(index, 'danhao');
    expect(py.map((h) => h.template.title)).toEqual(['快递查询']);
    expect(py[0]).toMatchObject({ field: 'body', how: 'pinyin', score: SCORE.bodyPinyin });
    // "anhao" is inside "dan hao" but does not start at a syllable
    expect(titles('anhao')).toEqual([]);
  });

  it('variable tokens in the body are not searchable text', () => {
    const idx = createSearchIndex([tpl('问候', '{买家昵称}您好')]);
    expect(search(idx, '买家')).toEqual([]);
    expect(search(idx, 'maijia')).toEqual([]);
  });

  it('ranks shortcut > title prefix > title substring > title pinyin > body', () => {
    const idx = createSearchIndex([
      tpl('说明', '发货说明：发货后…'),
      tpl('发货说明', 'x'),
      tpl('延迟发货', 'x'),
      tpl('x', 'y', { shortcut: '发货' }),
    ]);
    expect(search(idx, '发货').map((h) => [h.template.title, h.score])).toEqual([
      ['x', SCORE.shortcutExact],
      ['发货说明', SCORE.titlePrefix],
      ['延迟发货', SCORE.titleSubstring],
      ['说明', SCORE.body],
    ]);
  });

  it('breaks ties by usage count, then input order', () => {
    const a = tpl('物流查询一', 'x');
    const b = tpl('物流查询二', 'x', { usageCount: 9 });
    const c = tpl('物流查询三', 'x');
    expect(search(createSearchIndex([a, b, c]), 'wuliu').map((h) => h.template.title)).toEqual(['物流查询二', '物流查询一', '物流查询三']);
  });

  it('respects platform and shop scope', () => {
    const idx = createSearchIndex([
      tpl('退货规则', 'x'),
      tpl('退货规则拼多多', 'x', { platform: 'pdd' }),
      tpl('退货规则抖店', 'x', { platform: 'douyin' }),
      tpl('退货规则A店', 'x', { platform: 'pdd', shop: 'A店' }),
    ]);
    const t = (o: SearchOptions) => search(idx, 'thgz', o).map((h) => h.template.title);
    expect(t({ platform: 'pdd', shop: 'A店' })).toEqual(['退货规则', '退货规则拼多多', '退货规则A店']);
    expect(t({ platform: 'pdd', shop: 'B店' })).toEqual(['退货规则', '退货规则拼多多']);
    expect(t({ platform: 'douyin' })).toEqual(['退货规则', '退货规则抖店']);
    expect(t({})).toHaveLength(4);
  });

  it('an empty query lists the templates in scope by usage, up to the limit', () => {
    const idx = createSearchIndex([tpl('a', 'x'), tpl('b', 'x', { usageCount: 3 }), tpl('c', 'x', { platform: 'jd' })]);
    expect(search(idx, '', { platform: 'pdd' }).map((h) => h.template.title)).toEqual(['b', 'a']);
    expect(search(idx, '  ', { limit: 1 }).map((h) => h.template.title)).toEqual(['b']);
  });

  it('templates with missing or stale keys are listed as stale and still match literally', () => {
    const fresh = tpl('退货申请', 'x');
    const edited = { ...fresh, id: 'edited', title: '换货申请' }; // keys were built for 退货申请
    const none = { ...tpl('退款说明', 'y'), id: 'none', search: undefined };
    const idx = createSearchIndex([fresh, edited, none]);
    expect(idx.stale).toEqual(['edited', 'none']);
    expect(search(idx, '换货').map((h) => h.template.id)).toEqual(['edited']);
    expect(search(idx, 'tuikuan')).toEqual([]);
    expect(search(idx, 'tuihuo').map((h) => h.template.id)).toEqual([fresh.id]);
  });

  it('respects the limit', () => {
    expect(search(index, 't', { limit: 2 })).toHaveLength(2);
  });
});
