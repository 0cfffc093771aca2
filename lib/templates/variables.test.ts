import { afterEach, describe, expect, it } from 'vitest';
import { chinaGreeting, chinaHour, parseTokens, render, templateFields, unknownVariables } from './variables';

// Every instant is written in UTC: 04:00Z is 12:00 in China whatever zone the machine is in.
const china = (h: number, m = 0) => Date.UTC(2026, 10, 25, h - 8, m);

describe('{问候语} by China time', () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it.each([
    [china(11, 59), '早上好'],
    [china(12, 0), '下午好'],
    [china(17, 59), '下午好'],
    [china(18, 0), '晚上好'],
    [china(23, 59), '晚上好'],
    [china(0, 30), '早上好'], // 16:30Z the previous UTC day
  ])('%s → %s', (now, greeting) => {
    expect(chinaGreeting(now)).toBe(greeting);
    expect(render('{问候语}', { now }).text).toBe(greeting);
  });

  it('does not depend on the machine zone', () => {
    for (const tz of ['UTC', 'America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati']) {
      process.env.TZ = tz;
      expect(chinaGreeting(china(11, 59))).toBe('早上好');
      expect(chinaGreeting(china(12, 0))).toBe('下午好');
      expect(chinaGreeting(china(18, 0))).toBe('晚上好');
    }
  });

  it('handles instants before 1970 and hour arithmetic', () => {
    expect(chinaHour(Date.UTC(1969, 11, 31, 20, 0))).toBe(4);
    expect(chinaHour(Date.UTC(2026, 0, 1, 16, 0))).toBe(0);
  });
});

describe('render', () => {
  const ctx = { now: china(9), buyerNick: '小王', shopName: '花花小店', agentNick: '小美', orderId: '240101-123' };

  it('fills the known variables', () => {
    const r = render('{问候语}，{买家昵称}，欢迎光临{店铺名}，我是{客服昵称}。订单{订单号}', ctx);
    expect(r.text).toBe('早上好，小王，欢迎光临花花小店，我是小美。订单240101-123');
    expect(r.missing).toEqual([]);
    expect(r.unknown).toEqual([]);
    expect(r.cursor).toBe(r.text.length);
  });

  it('accepts a template object and full-width braces from a Chinese IME', () => {
    expect(render({ body: '｛买家昵称｝您好' }, ctx).text).toBe('小王您好');
  });

  it('removes {光标} and returns its UTF-16 offset in the output', () => {
    const r = render('{买家昵称}您好，{光标}祝您愉快😀', ctx);
    expect(r.text).toBe('小王您好，祝您愉快😀');
    expect(r.cursor).toBe('小王您好，'.length);
    const two = render('A{光标}B{光标}C', ctx);
    expect(two.text).toBe('ABC');
    expect(two.cursor).toBe(1);
  });

  it('keeps {订单号} visible and reports it when no order is open', () => {
    const r = render('订单{订单号}已发货{光标}', { ...ctx, orderId: null });
    expect(r.text).toBe('订单{订单号}已发货');
    expect(r.missing).toEqual([{ kind: 'variable', name: '订单号', token: '{订单号}' }]);
    expect(r.placeholders).toEqual([{ start: 2, end: 7, token: '{订单号}', name: '订单号', reason: 'missing' }]);
    expect(r.cursor).toBe(r.text.length);
  });

  it('treats a blank nickname as missing', () => {
    const r = render('{买家昵称}您好', { ...ctx, buyerNick: '  ' });
    expect(r.text).toBe('{买家昵称}您好');
    expect(r.missing.map((m) => m.name)).toEqual(['买家昵称']);
  });

  it('fill-in fields: listed, filled from `fills`, kept and reported when empty', () => {
    const body = '建议选{填写:尺码}码，{填写：尺码}偏大就选小一码；补偿{填写:补偿金额}元';
    expect(templateFields(body)).toEqual(['尺码', '补偿金额']);
    const filled = render(body, ctx, { 尺码: 'XL', 补偿金额: '5' });
    expect(filled.text).toBe('建议选XL码，XL偏大就选小一码；补偿5元');
    expect(filled.missing).toEqual([]);
    const partial = render(body, ctx, { 尺码: 'XL', 补偿金额: ' ' });
    expect(partial.text).toBe('建议选XL码，XL偏大就选小一码；补偿{填写:补偿金额}元');
    expect(partial.missing).toEqual([{ kind: 'field', name: '补偿金额', token: '{填写:补偿金额}' }]);
  });

  it('shows unknown variables in the text and reports each once', () => {
    const r = render('送您{优惠券}一张，{优惠券}今天有效，{买家昵称}', ctx);
    expect(r.text).toBe('送您{优惠券}一张，{优惠券}今天有效，小王');
    expect(r.unknown).toEqual([{ name: '优惠券', token: '{优惠券}' }]);
    expect(r.placeholders.map((p) => [p.start, p.reason])).toEqual([
      [2, 'unknown'],
      [10, 'unknown'],
    ]);
    expect(unknownVariables('{优惠券}{买家昵称}{填写:x}')).toEqual(['优惠券']);
  });

  it('inserts values verbatim (a nickname with braces is not expanded again)', () => {
    expect(render('{买家昵称}', { ...ctx, buyerNick: '{店铺名}' }).text).toBe('{店铺名}');
  });

  it('leaves stray braces and long brace runs alone', () => {
    const body = '价格{ 以页面为准 }，{}，{这是一段超过三十个字的说明文字这是一段超过三十个字的说明文字啊}';
    const tokens = parseTokens(body);
    expect(tokens.map((t) => t.kind)).toEqual(['unknown']);
    expect(render(body, ctx).text).toBe(body);
  });
});
