import { describe, expect, it } from 'vitest';
import { LiveRounds, moveRoundsToShop } from './live';
import type { ChatEvent } from '../stats/events';
import { toChinaIso } from '../time/china';

const T0 = Date.parse('2026-11-25T10:00:00+08:00');
const buyerMessage = (buyer: string, shop: string, at: number): ChatEvent => ({
  id: `douyin:${shop}:${buyer}:m${at}`,
  type: 'buyer_message',
  ts: toChinaIso(at),
  platform: 'douyin',
  shop,
  buyer,
});

describe('moveRoundsToShop', () => {
  it('moves the rounds open under the unnamed shop to its new name, from when they opened, once', () => {
    const live = new LiveRounds('douyin');
    live.add([buyerMessage('~测试买家甲', '', T0), buyerMessage('1111222233334444', '', T0 + 5000)]);
    const moved = moveRoundsToShop(live.waiting(T0 + 60_000), '', '茶香小铺');
    expect(moved.map((e) => [e.type, e.shop, e.buyer, e.ts])).toEqual([
      ['buyer_excluded', '', '~测试买家甲', '2026-11-25T10:00:00+08:00'],
      ['buyer_message', '茶香小铺', '~测试买家甲', '2026-11-25T10:00:00+08:00'],
      ['buyer_excluded', '', '1111222233334444', '2026-11-25T10:00:05+08:00'],
      ['buyer_message', '茶香小铺', '1111222233334444', '2026-11-25T10:00:05+08:00'],
    ]);
    live.add(moved);
    // The countdown goes on under the shop's name, from the same start; nothing waits under '' any more.
    expect(live.waiting(T0 + 60_000).map((w) => [w.shop, w.buyer, w.openedAt])).toEqual([
      ['茶香小铺', '~测试买家甲', T0],
      ['茶香小铺', '1111222233334444', T0 + 5000],
    ]);
  });

  it('does nothing when the name did not change', () => {
    const live = new LiveRounds('douyin');
    live.add([buyerMessage('u1', '茶香小铺', T0)]);
    expect(moveRoundsToShop(live.waiting(T0), '茶香小铺', '茶香小铺')).toEqual([]);
  });
});
