import { describe, expect, it } from 'vitest';
import { foldString } from './fold';
import { linkView, squash, squashedView, type View, viewString } from './views';

/** The original text behind each unit of a view, to check the offset maps. */
const behind = (text: string, v: View) => Array.from({ length: v.length }, (_, i) => text.slice(v.from[i], v.to[i]));

describe('folding', () => {
  it.each([
    ['full width → half width', 'ＶＸ：ｋｅｆｕ＿８８', 'vx:kefu_88'],
    ['upper → lower case', 'WeChat QQ', 'wechat qq'],
    ['traditional → simplified', '微信號聯繫電話轉賬好評返現', '微信号联系电话转账好评返现'],
    ['Chinese numerals → digits', '一三八零零零零一二三四', '13800001234'],
    ['capital numerals and 幺 / 〇', '壹叁捌〇幺陆', '138016'],
    ['circled digits', '①③⑧⓪❶➁⑴⒈⓵', '138012111'],
    ['numbers 10–20 in circles become two digits', '⑩⑳', '1020'],
    ['circled latin', 'ⓦⓧⒶ', 'wxa'],
    ['look-alike letters from other scripts', 'νх', 'vx'],
    ['hearts are one symbol', '微❤♡', '微♥♥'],
  ])('%s', (_, input, folded) => {
    expect(foldString(input)).toBe(folded);
  });

  it('leaves ordinary Chinese alone', () => {
    expect(foldString('亲，请问有什么可以帮您？')).toBe('亲,请问有什么可以帮您?');
  });
});

describe('squashed view', () => {
  it.each([
    ['spaces', '微 信', '微信'],
    ['dots and dashes', '微.信-号', '微信号'],
    ['emoji, also astral ones', '微💗信✨号', '微信号'],
    ['zero-width characters', '微\u200b信\u200d号\ufeff', '微信号'],
    ['underscores and slashes', 'kefu_88/a', 'kefu88a'],
    ['brackets and quotes', '【微】“信”', '微信'],
  ])('drops separators between characters: %s', (_, input, squashed) => {
    expect(squash(input)).toBe(squashed);
  });

  it('keeps clause and sentence breaks, which stop a match', () => {
    expect(squash('不刷，单价十元。')).toBe('不刷,单价十元。');
  });

  it('keeps the symbols the lexicon uses (微♥, +v)', () => {
    expect(squash('加 微❤ ➕V')).toBe('加微♥+v');
  });

  it('maps every unit back to what was typed', () => {
    const text = '加 ｗ 💗 ｘ：⑩号';
    const v = squashedView(text);
    expect(viewString(v)).toBe('加wx:10号');
    expect(behind(text, v)).toEqual(['加', 'ｗ', 'ｘ', '：', '⑩', '⑩', '号']);
    // A span of the view covers the separators typed inside it.
    expect(text.slice(v.from[1], v.to[2])).toBe('ｗ 💗 ｘ');
  });

  it('reuses a view passed in', () => {
    const into = squashedView('x'.repeat(100));
    const v = squashedView('微 信', into);
    expect(v).toBe(into);
    expect(viewString(v)).toBe('微信');
  });

  it('grows past the size it started with (⑳ doubles)', () => {
    const text = '⑳'.repeat(300);
    expect(viewString(squashedView(text))).toBe('20'.repeat(300));
  });
});

describe('link view', () => {
  it.each([
    ['spelled dots', 'kefu点com', 'kefu.com'],
    ['traditional 點', 'kefu點cn', 'kefu.cn'],
    ['ideographic full stop', 'abc。cn', 'abc.cn'],
    ['" dot " as a word', 'abc dot com', 'abc.com'],
    ['(点) in brackets', 'kefu(点)com', 'kefu.com'],
    ['艾特 and " at "', 'kefu艾特qq点com kefu at qq dot com', 'kefu@qq.comkefu@qq.com'],
  ])('reads %s', (_, input, expected) => {
    expect(viewString(linkView(input, false))).toBe(expected);
  });

  it('does not read dots into ordinary words', () => {
    expect(viewString(linkView('hotdog 下午3点到', false))).toBe('hotdog下午3点到');
    expect(viewString(linkView('whatever', false))).toBe('whatever');
  });

  it('keeps spaces when asked, so "abc.com ok" ends at the domain', () => {
    expect(viewString(linkView('abc.com ok', true))).toBe('abc.com ok');
  });

  it('maps a respelled dot back to the word typed', () => {
    const text = 'abc dot com';
    const v = linkView(text, false);
    const dot = viewString(v).indexOf('.');
    expect(text.slice(v.from[dot], v.to[dot])).toBe('dot');
  });
});

describe('characters in halves and digits by count', () => {
  it('reads 亻言 as 信 and 四个零 as 0000, with the typed offsets', async () => {
    const { check } = await import('./check');
    const r = check('您加下我的微亻言，号是 qiaoqiao_99');
    expect(r.findings.map((f) => f.category)).toContain('off-platform-contact');
    const phone = check('电话是幺八六，四个零，幺贰叁肆');
    expect(phone.findings.find((f) => f.category === 'off-platform-contact')?.text).toBe('幺八六，四个零，幺贰叁肆');
    expect(check('买两个1元的赠品，四个零件都齐了').verdict).toBe('ok');
  });
});
