import { describe, expect, it } from 'vitest';
import type { ChatEvent } from '../stats/events';
import { DEFAULT_PROFILES } from './profiles';
import { buildRounds, parseRoundKey, prepareEvents, RoundTracker, roundKey } from './rounds';
import { eventBuilder } from './test-events';

// Every timestamp carries an explicit offset, so the suite means the same thing in any machine zone.

const summary = (events: ChatEvent[]) =>
  buildRounds(events).map((r) => ({
    buyer: r.buyer,
    date: r.date,
    inWindow: r.inWindow,
    response_s: r.closedAt === null ? null : (r.closedAt - r.openedAt) / 1000,
  }));

describe('buildRounds', () => {
  it('a round opens at 09:00:00; a second buyer message at 09:00:20 does not restart it; the 09:00:40 reply closes it at 40 s', () => {
    const e = eventBuilder();
    expect(summary([e.buyer('09:00:00'), e.buyer('09:00:20'), e.human('09:00:40')])).toEqual([
      { buyer: 'u1', date: '2026-11-20', inWindow: true, response_s: 40 },
    ]);
  });

  it('robot reply at +3 s does not close the round; the human reply at +50 s does', () => {
    const e = eventBuilder();
    const rounds = buildRounds([e.buyer('09:00:00'), e.robot('09:00:03'), e.human('09:00:50')]);
    expect(rounds).toHaveLength(1);
    expect(rounds[0]!.closedAt! - rounds[0]!.openedAt).toBe(50_000);
  });

  it('a round answered only by the robot stays open', () => {
    const e = eventBuilder();
    expect(summary([e.buyer('09:00:00'), e.robot('09:00:03')])[0]!.response_s).toBeNull();
  });

  it('an agent message at 08:59 with no open round is ignored; the buyer at 09:00 is answered at 09:01', () => {
    const e = eventBuilder();
    expect(summary([e.human('08:59:00'), e.buyer('09:00:00'), e.human('09:01:00')])).toEqual([
      { buyer: 'u1', date: '2026-11-20', inWindow: true, response_s: 60 },
    ]);
  });

  it('the buyer message after a close opens a new round; a second human reply closes nothing', () => {
    const e = eventBuilder();
    const events = [e.buyer('09:00:00'), e.human('09:00:10'), e.human('09:00:15'), e.buyer('09:05:00'), e.human('09:05:30')];
    expect(summary(events).map((r) => r.response_s)).toEqual([10, 30]);
  });

  it('keys are (platform, shop, buyer): a reply to u1 does not close u2, nor u1 in another shop', () => {
    const e = eventBuilder();
    const events = [
      e.buyer('09:00:00', 'u1'),
      e.buyer('09:00:00', 'u2'),
      e.buyer('09:00:00', 'u1', { shop: '另一家店' }),
      e.buyer('09:00:00', 'u1', { platform: 'jd' }),
      e.human('09:00:10', 'u1'),
    ];
    const rounds = buildRounds(events);
    expect(rounds.map((r) => [r.platform, r.shop, r.buyer, r.closedAt !== null])).toEqual([
      ['pdd', '暖阳杂货铺', 'u1', true],
      ['pdd', '暖阳杂货铺', 'u2', false],
      ['pdd', '另一家店', 'u1', false],
      ['jd', '暖阳杂货铺', 'u1', false],
    ]);
    expect(parseRoundKey(rounds[2]!.key)).toEqual({ platform: 'pdd', shop: '另一家店', buyer: 'u1' });
  });

  it('duplicate ids count once: the same buyer message stored again after the reply opens no new round', () => {
    const e = eventBuilder();
    const first = e.buyer('09:00:00');
    const reply = e.human('09:00:10');
    expect(summary([first, reply, { ...first }, { ...reply }])).toHaveLength(1);
    expect(prepareEvents([first, first, reply])).toHaveLength(2);
  });

  it('events out of order are sorted by ts; events at the same instant keep their input order', () => {
    const e = eventBuilder();
    expect(summary([e.human('09:00:30'), e.buyer('09:00:00')]).map((r) => r.response_s)).toEqual([30]);
    // Same second (pages often show seconds only): input order decides.
    expect(summary([e.buyer('09:00:00'), e.human('09:00:00')]).map((r) => r.response_s)).toEqual([0]);
    expect(summary([e.human('09:00:00'), e.buyer('09:00:00')]).map((r) => r.response_s)).toEqual([null]);
  });

  it('a round opened 23:59:50 on 11-20 and answered 00:00:20 on 11-21 belongs to 11-20 (30 s)', () => {
    const e = eventBuilder({ platform: 'generic' });
    expect(summary([e.buyer('2026-11-20T23:59:50+08:00'), e.human('2026-11-21T00:00:20+08:00')])).toEqual([
      { buyer: 'u1', date: '2026-11-20', inWindow: true, response_s: 30 },
    ]);
  });

  it('UTC input 2026-11-20T00:30:00Z is 08:30 China time: dated 11-20 and in the pdd window', () => {
    const e = eventBuilder();
    expect(summary([e.buyer('2026-11-20T00:30:00Z')])[0]).toMatchObject({ date: '2026-11-20', inWindow: true });
  });

  it('UTC input 2026-11-19T16:30:00Z is 00:30 China time on 11-20, out of the pdd window', () => {
    const e = eventBuilder();
    expect(summary([e.buyer('2026-11-19T16:30:00Z')])[0]).toMatchObject({ date: '2026-11-20', inWindow: false });
  });

  it.each([
    ['pdd', '07:59:59', false],
    ['pdd', '08:00:00', true],
    ['pdd', '22:59:59', true],
    ['pdd', '23:00:00', false],
    ['taobao', '22:59:59', true],
    ['taobao', '23:00:00', false],
    ['douyin', '07:59:59', false],
    ['jd', '08:59:59', false],
    ['jd', '09:00:00', true],
    ['kuaishou', '23:00:00', false],
    ['generic', '00:00:00', true],
    ['generic', '23:59:59', true],
  ] as const)('a %s buyer message at %s China time is in the window: %s', (platform, time, expected) => {
    const e = eventBuilder({ platform });
    expect(buildRounds([e.buyer(time)])[0]!.inWindow).toBe(expected);
  });

  it('a buyer at 07:59:59 answered at 08:00:30 makes an out-of-window pdd round', () => {
    const e = eventBuilder();
    expect(summary([e.buyer('07:59:59'), e.human('08:00:30')])).toEqual([
      { buyer: 'u1', date: '2026-11-20', inWindow: false, response_s: 31 },
    ]);
  });

  it('the profile used can be chosen: under generic 07:59:59 is in the window', () => {
    const e = eventBuilder();
    expect(buildRounds([e.buyer('07:59:59')], () => DEFAULT_PROFILES.generic)[0]!.inWindow).toBe(true);
  });

  it('an exclusion on 11-20 marks that buyer’s 11-20 rounds only, not 11-21’s nor another buyer’s', () => {
    const e = eventBuilder();
    const rounds = buildRounds([
      e.buyer('09:00:00', 'u9'),
      e.buyer('09:00:00', 'u1'),
      e.exclude('12:00:00', 'u9'),
      e.human('12:00:05', 'u9'),
      e.buyer('2026-11-21T09:00:00+08:00', 'u9'),
    ]);
    expect(rounds.map((r) => [r.buyer, r.date, r.excluded])).toEqual([
      ['u9', '2026-11-20', true],
      ['u1', '2026-11-20', false],
      ['u9', '2026-11-21', false],
    ]);
  });
});

describe('RoundTracker', () => {
  it('opens, ignores robot and repeat buyer messages, closes on the human reply, and drains records', () => {
    const e = eventBuilder();
    const t = new RoundTracker();
    expect(t.add(e.buyer('09:00:00'))).toBe('opened');
    expect(t.add(e.robot('09:00:03'))).toBe('ignored');
    expect(t.add(e.buyer('09:00:10'))).toBe('ignored');
    expect(t.openCount).toBe(1);
    expect(t.add(e.human('09:00:40'))).toBe('closed');
    expect(t.openCount).toBe(0);
    expect(t.add(e.human('09:00:45'))).toBe('ignored');
    expect(t.drainClosed()).toEqual([
      { key: roundKey('pdd', '暖阳杂货铺', 'u1'), openedAt: e.ms('09:00:00'), closedAt: e.ms('09:00:40') },
    ]);
    expect(t.drainClosed()).toEqual([]);
  });

  it('a re-observed buyer message (same id) after the reply does not reopen the round', () => {
    const e = eventBuilder();
    const t = new RoundTracker();
    const first = e.buyer('09:00:00');
    t.add(first);
    t.add(e.human('09:00:10'));
    expect(t.add({ ...first })).toBe('duplicate');
    expect(t.openCount).toBe(0);
  });

  it('a late-arriving buyer message stamped before the last reply opens nothing', () => {
    const e = eventBuilder();
    const t = new RoundTracker();
    t.add(e.buyer('09:00:00'));
    t.add(e.human('09:00:10'));
    expect(t.add(e.buyer('09:00:05'))).toBe('ignored');
    expect(t.add(e.buyer('09:00:20'))).toBe('opened');
  });

  it('a human message stamped before the round opened does not close it', () => {
    const e = eventBuilder();
    const t = new RoundTracker();
    t.add(e.buyer('09:00:00'));
    expect(t.add(e.human('08:59:00'))).toBe('ignored');
    expect(t.openCount).toBe(1);
  });

  it('an excluded buyer stops waiting and opens no round for the rest of that China day', () => {
    const e = eventBuilder();
    const t = new RoundTracker();
    t.add(e.buyer('09:00:00', 'u9'));
    expect(t.add(e.exclude('09:01:00', 'u9'))).toBe('excluded');
    expect(t.openCount).toBe(0);
    expect(t.add(e.buyer('22:00:00', 'u9'))).toBe('excluded');
    expect(t.add(e.buyer('2026-11-21T09:00:00+08:00', 'u9'))).toBe('opened');
    t.drainClosed();
    expect(t.drainClosed()).toEqual([]);
  });

  it('waiting(now) gives each waiting buyer its countdown, most urgent first', () => {
    const e = eventBuilder();
    const t = new RoundTracker();
    t.add(e.buyer('09:00:00', 'fresh'));
    t.add(e.buyer('08:55:00', 'late'));
    t.add(e.buyer('08:57:50', 'soon'));
    t.add(e.buyer('08:59:35', 'near30'));
    const waiting = t.waiting(e.ms('09:00:05'));
    expect(waiting.map((w) => [w.buyer, w.countdown.level, w.countdown.nextTarget?.label, w.countdown.leftMs])).toEqual([
      ['late', 'late', '1h', 3_295_000],
      ['soon', 'soon', '3min', 45_000],
      ['near30', 'fine', '30s', 0],
      ['fresh', 'fine', '30s', 25_000],
    ]);
  });

  it('level settings passed to the tracker apply to every profile', () => {
    const e = eventBuilder();
    const t = new RoundTracker({ levels: { soonLeftS: 170 } });
    t.add(e.buyer('09:00:00'));
    expect(t.waiting(e.ms('09:00:10'))[0]!.countdown.level).toBe('soon');
  });

  it('forgets old ids beyond its capacity, so its memory stays flat', () => {
    const e = eventBuilder();
    const t = new RoundTracker({ recentIds: 2 });
    const old = e.buyer('09:00:00', 'a');
    t.add(old);
    t.add(e.human('09:00:01', 'a'));
    t.add(e.buyer('09:00:02', 'b'));
    // `old` was forgotten, but the recent-close guard still refuses it (stamped before a's reply).
    expect(t.add(old)).toBe('ignored');
  });

  it('fed sorted events, it finds the same rounds as buildRounds (random shift of 2,000 events)', () => {
    const e = eventBuilder({ platform: 'generic' });
    let seed = 42;
    const rand = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const start = e.ms('08:00:00');
    const events: ChatEvent[] = [];
    for (let i = 0; i < 2000; i++) {
      const at = new Date(start + Math.floor(rand() * 8 * 3600) * 1000).toISOString();
      const buyer = `u${Math.floor(rand() * 40)}`;
      const r = rand();
      events.push(r < 0.5 ? e.buyer(at, buyer) : r < 0.65 ? e.robot(at, buyer) : e.human(at, buyer));
    }
    const rounds = buildRounds(events);
    const t = new RoundTracker();
    for (const { event } of prepareEvents(events)) t.add(event);
    const order = (a: { closedAt: number | null; key: string }, b: typeof a) =>
      a.closedAt! - b.closedAt! || (a.key < b.key ? -1 : 1);
    expect(t.drainClosed().sort(order)).toEqual(
      rounds
        .filter((r) => r.closedAt !== null)
        .sort(order)
        .map((r) => ({ key: r.key, openedAt: r.openedAt, closedAt: r.closedAt })),
    );
    expect([...t.open()].map((r) => [r.key, r.openedAt]).sort()).toEqual(
      rounds.filter((r) => r.closedAt === null).map((r) => [r.key, r.openedAt]).sort(),
    );
  });
});
