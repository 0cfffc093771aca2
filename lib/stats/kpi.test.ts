import { describe, expect, it } from 'vitest';
import type { ChatEvent } from './events';
import { computeDays, DAY_FIELDS, median, penaltyRisk, percentile, roundOutcomes, type DayFigures } from './kpi';
import { DEFAULT_PROFILES as PROFILES } from '../timing/profiles';
import { eventBuilder } from '../timing/test-events';

// Every timestamp, `now` included, carries an explicit offset: the suite means the same in any zone.

const NEXT_DAY = Date.parse('2026-11-21T12:00:00+08:00');
const e = eventBuilder();
const at = (time: string) => e.ms(time);

/** The single row of a one-day, one-shop computation. */
function day(events: ChatEvent[], now = NEXT_DAY, options: { profile?: 'generic' | 'pdd' | 'taobao'; profiles?: unknown } = {}): DayFigures {
  const days = computeDays(events, { now, ...options });
  expect(days).toHaveLength(1);
  return days[0]!;
}

describe('computeDays: a worked pdd day', () => {
  // u1: robot at +3 s, human at +20 s → 20 s.   u2: 120 s, then a second round of 40 s.   u3: 900 s.
  const events = [
    e.buyer('09:00:00', 'u1'), e.robot('09:00:03', 'u1'), e.human('09:00:20', 'u1'),
    e.buyer('10:00:00', 'u2'), e.human('10:02:00', 'u2'), e.buyer('10:05:00', 'u2'), e.human('10:05:40', 'u2'),
    e.buyer('11:00:00', 'u3'), e.buyer('11:01:00', 'u3'), e.human('11:15:00', 'u3'),
  ];

  it('has exactly the fields of metrics.md, in its order', () => {
    expect(Object.keys(day(events))).toEqual([...DAY_FIELDS]);
  });

  it('responses 20, 120, 40, 900 s: avg capped (20+120+40+600)/4 = 195, median (40+120)/2 = 80, p90 900', () => {
    expect(day(events)).toEqual({
      date: '2026-11-20',
      platform: 'pdd',
      shop: '暖阳杂货铺',
      consulting_buyers: 3,
      rounds: 4,
      answered_rounds: 4,
      avg_response_s: 195,
      median_response_s: 80,
      p90_response_s: 900,
      rounds_30s_rate: 1 / 4,
      rounds_3min_rate: 3 / 4,
      buyers_30s_rate: 1 / 3, // only u1; u2's 120 s round misses it for u2
      buyers_3min_rate: 2 / 3, // u1, u2; u3 waited 900 s
      effective_reply_rate: 1, // all within 1 h
      unanswered_rounds: 0,
    });
  });

  it('roundOutcomes explains which round missed which target', () => {
    const missed = roundOutcomes(events, { now: NEXT_DAY }).map((o) => [
      o.round.buyer,
      o.response_s,
      Object.entries(o.verdicts).filter(([, v]) => v === 'missed').map(([t]) => t),
    ]);
    expect(missed).toEqual([
      ['u1', 20, []],
      ['u2', 120, ['30s']],
      ['u2', 40, ['30s']],
      ['u3', 900, ['30s', '3min']],
    ]);
  });
});

describe('computeDays: windows and China time', () => {
  it('a buyer at 07:59:59 and a reply at 08:00:30 is out of the pdd window', () => {
    expect(day([e.buyer('07:59:59'), e.human('08:00:30')])).toMatchObject({
      date: '2026-11-20',
      consulting_buyers: 0,
      rounds: 0,
      answered_rounds: 0,
      avg_response_s: null,
      rounds_30s_rate: null,
      buyers_3min_rate: null,
      effective_reply_rate: null,
    });
  });

  it('a buyer at 08:00:00 answered at 08:00:30 is in the pdd window and within 30 s', () => {
    expect(day([e.buyer('08:00:00'), e.human('08:00:30')])).toMatchObject({ rounds: 1, rounds_30s_rate: 1, avg_response_s: 30 });
  });

  it('23:00:00 is out of the taobao window (08:00:00–22:59:59); 22:59:59 is in', () => {
    const t = eventBuilder({ platform: 'taobao', shop: '青禾家居旗舰店' });
    expect(day([t.buyer('23:00:00'), t.human('23:00:10')])).toMatchObject({ platform: 'taobao', rounds: 0, consulting_buyers: 0 });
    expect(day([t.buyer('22:59:59'), t.human('23:00:10')])).toMatchObject({ rounds: 1, consulting_buyers: 1, avg_response_s: 11 });
  });

  it('UTC input 2026-11-20T00:30:00Z is 08:30 China time and in the window', () => {
    expect(day([e.buyer('2026-11-20T00:30:00Z'), e.human('2026-11-20T00:30:45Z')])).toMatchObject({
      date: '2026-11-20',
      rounds: 1,
      avg_response_s: 45,
    });
  });

  it('UTC input 2026-11-20T16:30:00Z is 00:30 on 11-21 China time: dated 11-21, out of the pdd window', () => {
    expect(day([e.buyer('2026-11-20T16:30:00Z')], NEXT_DAY)).toMatchObject({ date: '2026-11-21', rounds: 0 });
  });

  it('--profile generic counts the 07:59:59 round (its window is the whole day)', () => {
    expect(day([e.buyer('07:59:59'), e.human('08:00:30')], NEXT_DAY, { profile: 'generic' })).toMatchObject({
      platform: 'pdd',
      rounds: 1,
      avg_response_s: 31,
    });
  });

  it('a settings override of the pdd window (from 07:00) counts the 07:59:59 round', () => {
    expect(day([e.buyer('07:59:59'), e.human('08:00:30')], NEXT_DAY, { profiles: { pdd: { window: { from: '07:00' } } } })).toMatchObject({
      rounds: 1,
    });
  });

  it('a round opened 22:50 and answered 08:10 next morning belongs to 11-20 and misses even 1 h', () => {
    const days = computeDays([e.buyer('22:50:00'), e.human('2026-11-21T08:10:00+08:00')], { now: NEXT_DAY });
    expect(days).toHaveLength(1);
    expect(days[0]).toMatchObject({ date: '2026-11-20', answered_rounds: 1, median_response_s: 33_600, avg_response_s: 600, effective_reply_rate: 0 });
  });

  it('a buyer whose round opened at 23:30 writes again at 08:05: consulting on 11-21, no round there, met by default', () => {
    const days = computeDays(
      [e.buyer('23:30:00'), e.buyer('2026-11-21T08:05:00+08:00'), e.human('2026-11-21T08:06:00+08:00')],
      { now: NEXT_DAY },
    );
    expect(days.map((d) => [d.date, d.consulting_buyers, d.rounds, d.effective_reply_rate])).toEqual([
      ['2026-11-20', 0, 0, null],
      ['2026-11-21', 1, 0, 1],
    ]);
  });
});

describe('computeDays: what closes a round, and what counts once', () => {
  it('robot reply at +3 s does not close the round: the human reply at +50 s misses 30 s', () => {
    expect(day([e.buyer('09:00:00'), e.robot('09:00:03'), e.human('09:00:50')])).toMatchObject({
      rounds_30s_rate: 0,
      rounds_3min_rate: 1,
      avg_response_s: 50,
    });
  });

  it('a round answered only by the robot is unanswered', () => {
    expect(day([e.buyer('09:00:00'), e.robot('09:00:03')])).toMatchObject({ answered_rounds: 0, unanswered_rounds: 1, avg_response_s: 600 });
  });

  it('duplicate ids count once', () => {
    const b = e.buyer('09:00:00');
    const h = e.human('09:00:10');
    const late = e.buyer('09:30:00', 'u2');
    expect(day([b, h, b, h, late, { ...late }])).toMatchObject({ consulting_buyers: 2, rounds: 2, answered_rounds: 1 });
  });

  it('events out of order are sorted by ts first', () => {
    expect(day([e.human('09:00:10'), e.buyer('09:00:00')])).toMatchObject({ rounds: 1, answered_rounds: 1, avg_response_s: 10 });
  });

  it.each([
    ['30 s', '09:00:30', { rounds_30s_rate: 1 }],
    ['30.001 s', '09:00:30.001', { rounds_30s_rate: 0 }],
    ['180 s', '09:03:00', { rounds_3min_rate: 1, buyers_3min_rate: 1 }],
    ['180.001 s', '09:03:00.001', { rounds_3min_rate: 0, buyers_3min_rate: 0 }],
    ['3,600 s', '10:00:00', { effective_reply_rate: 1 }],
    ['3,601 s', '10:00:01', { effective_reply_rate: 0 }],
  ])('"within" is inclusive: a reply after %s', (_, reply, expected) => {
    expect(day([e.buyer('09:00:00'), e.human(reply)])).toMatchObject(expected);
  });

  it('consulting_buyers counts a buyer once, however many rounds', () => {
    const events = [e.buyer('09:00:00'), e.human('09:00:05'), e.buyer('10:00:00'), e.human('10:00:05'), e.buyer('11:00:00')];
    expect(day(events)).toMatchObject({ consulting_buyers: 1, rounds: 3 });
  });
});

describe('computeDays: now (pending rounds)', () => {
  const answered10 = [e.buyer('09:00:00', 'u1'), e.human('09:00:10', 'u1')];

  it('a pending 20-second-old round is left out of the 30 s rate at now', () => {
    const d = day([...answered10, e.buyer('09:10:00', 'u2')], at('09:10:20'));
    expect(d).toMatchObject({
      rounds: 2,
      answered_rounds: 1,
      unanswered_rounds: 1,
      rounds_30s_rate: 1,
      buyers_30s_rate: 1,
      consulting_buyers: 2,
      avg_response_s: 10, // left out of the average too: not 600 s old
    });
  });

  it('a 31-second-old open round has missed 30 s but is still pending for 3 min', () => {
    expect(day([...answered10, e.buyer('09:10:00', 'u2')], at('09:10:31'))).toMatchObject({
      rounds_30s_rate: 1 / 2,
      rounds_3min_rate: 1,
      buyers_30s_rate: 1 / 2,
      buyers_3min_rate: 1,
    });
  });

  it('a round exactly 30 s old at now is still pending (a reply now would be within 30 s)', () => {
    expect(day([e.buyer('09:10:00', 'u2')], at('09:10:30'))).toMatchObject({ rounds_30s_rate: null });
  });

  it('an open round counts 600 s in the average once 600 s old, not at 599 s', () => {
    expect(day([...answered10, e.buyer('09:10:00', 'u2')], at('09:19:59'))).toMatchObject({ avg_response_s: 10 });
    expect(day([...answered10, e.buyer('09:10:00', 'u2')], at('09:20:00'))).toMatchObject({ avg_response_s: 305 });
  });

  it('a reply stamped after now has not happened yet', () => {
    expect(day([e.buyer('09:00:00'), e.human('09:00:40')], at('09:00:20'))).toMatchObject({ answered_rounds: 0, rounds_30s_rate: null });
  });

  it('a buyer with one missed round and one pending counts as missed at once', () => {
    const events = [e.buyer('09:00:00'), e.human('09:01:00'), e.buyer('09:10:00')];
    expect(day(events, at('09:10:05'))).toMatchObject({ buyers_30s_rate: 0, rounds_30s_rate: 0 });
  });

  it('a buyer with one met round and one pending is left out until the pending one is decided', () => {
    const events = [e.buyer('09:00:00', 'u1'), e.human('09:00:05', 'u1'), e.buyer('09:10:00', 'u1'), e.buyer('09:00:00', 'u2'), e.human('09:00:05', 'u2')];
    expect(day(events, at('09:10:05'))).toMatchObject({ consulting_buyers: 2, buyers_30s_rate: 1 });
    expect(day([...events, e.human('09:10:20', 'u1')], at('09:10:25'))).toMatchObject({ buyers_30s_rate: 1 });
    expect(day(events, at('09:10:31'))).toMatchObject({ buyers_30s_rate: 1 / 2 });
  });

  it('every rate is null and the average too while the only round is 5 s old', () => {
    expect(day([e.buyer('09:00:00')], at('09:00:05'))).toMatchObject({
      rounds: 1,
      unanswered_rounds: 1,
      avg_response_s: null,
      median_response_s: null,
      p90_response_s: null,
      rounds_30s_rate: null,
      rounds_3min_rate: null,
      buyers_30s_rate: null,
      buyers_3min_rate: null,
      effective_reply_rate: null,
    });
  });

  it('after the day is over an open round is unanswered and counts 600 s (generic buyer at 23:59:30, now 00:00:00)', () => {
    const events = [e.buyer('23:59:30', 'u1', { platform: 'generic' })];
    const before = day(events, at('23:59:59'));
    expect(before).toMatchObject({ rounds_30s_rate: null, avg_response_s: null, effective_reply_rate: null });
    expect(day(events, Date.parse('2026-11-21T00:00:00+08:00'))).toMatchObject({
      unanswered_rounds: 1,
      avg_response_s: 600,
      rounds_30s_rate: 0,
      rounds_3min_rate: 0,
      buyers_30s_rate: 0,
      effective_reply_rate: 0,
    });
  });

  it('a round answered after midnight is still answered, on the day it opened', () => {
    const events = [e.buyer('23:59:30', 'u1', { platform: 'generic' }), e.human('2026-11-21T00:00:10+08:00', 'u1', { platform: 'generic' })];
    expect(day(events)).toMatchObject({ date: '2026-11-20', answered_rounds: 1, avg_response_s: 40 });
  });
});

describe('computeDays: excluded buyers', () => {
  it('an excluded buyer leaves the day’s figures', () => {
    const events = [
      e.buyer('09:00:00', 'u1'), e.human('09:00:10', 'u1'),
      e.buyer('09:30:00', 'spam'), e.buyer('09:31:00', 'spam'),
      e.exclude('12:00:00', 'spam'),
    ];
    expect(day(events)).toMatchObject({
      consulting_buyers: 1,
      rounds: 1,
      unanswered_rounds: 0,
      avg_response_s: 10,
      rounds_30s_rate: 1,
      buyers_30s_rate: 1,
      effective_reply_rate: 1,
    });
  });

  it('the exclusion holds for its China day only, and for that shop only', () => {
    const events = [
      e.exclude('09:00:00', 'spam'),
      e.buyer('09:30:00', 'spam'),
      e.human('09:31:00', 'spam'),
      e.buyer('09:30:00', 'spam', { shop: '另一家店' }),
      e.buyer('2026-11-21T09:30:00+08:00', 'spam'),
    ];
    const days = computeDays(events, { now: Date.parse('2026-11-22T00:00:00+08:00') });
    expect(days.map((d) => [d.date, d.shop, d.consulting_buyers, d.rounds])).toEqual([
      ['2026-11-20', '另一家店', 1, 1],
      ['2026-11-20', '暖阳杂货铺', 0, 0],
      ['2026-11-21', '暖阳杂货铺', 1, 1],
    ]);
  });
});

describe('computeDays: rows', () => {
  it('one row per (date, platform, shop), sorted by date, platform, shop', () => {
    const events = [
      e.buyer('2026-11-21T09:00:00+08:00', 'a'),
      e.buyer('09:00:00', 'b', { platform: 'taobao', shop: 'B店' }),
      e.buyer('09:00:00', 'c', { platform: 'taobao', shop: 'A店' }),
      e.buyer('09:00:00', 'd', { platform: 'jd', shop: 'Z店' }),
      e.human('09:00:05', 'd', { platform: 'jd', shop: 'Z店' }),
    ];
    expect(computeDays(events, { now: NEXT_DAY }).map((d) => `${d.date} ${d.platform} ${d.shop}`)).toEqual([
      '2026-11-20 jd Z店',
      '2026-11-20 taobao A店',
      '2026-11-20 taobao B店',
      '2026-11-21 pdd 暖阳杂货铺',
    ]);
  });

  it('no buyer messages: no rows', () => {
    expect(computeDays([e.human('09:00:00')], { now: NEXT_DAY })).toEqual([]);
  });
});

describe('median and p90', () => {
  it('median of 4 values is the mean of the middle two: 20, 40, 120, 900 → 80', () => {
    expect(median([20, 40, 120, 900])).toBe(80);
    expect(median([5, 7, 30])).toBe(7);
    expect(median([])).toBeNull();
  });

  it('p90 nearest rank: of 1…10 it is 9; of 1…11 it is 10 (⌈9.9⌉ = 10th); of one value, that value', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
    expect(percentile([42], 90)).toBe(42);
    expect(percentile([], 90)).toBeNull();
  });

  it('through computeDays: 10 rounds answered in 1…10 s give median 5.5 and p90 9', () => {
    const events: ChatEvent[] = [];
    for (let i = 1; i <= 10; i++) {
      events.push(e.buyer(`09:0${i - 1}:00`, `b${i}`), e.human(`09:0${i - 1}:${String(i).padStart(2, '0')}`, `b${i}`));
    }
    expect(day(events)).toMatchObject({ median_response_s: 5.5, p90_response_s: 9, avg_response_s: 5.5 });
  });
});

describe('penaltyRisk (PDD 3.2–3.6: ≥ 100 consulting buyers and effective reply rate < 50 %)', () => {
  it.each([
    [100, 0.49, true],
    [100, 0.5, false],
    [99, 0.1, false],
    [150, null, false],
  ] as const)('%i buyers at rate %s → %s', (consulting_buyers, effective_reply_rate, risk) => {
    expect(penaltyRisk({ consulting_buyers, effective_reply_rate }, PROFILES.pdd)).toBe(risk);
  });

  it('is a PDD rule: other platforms have no such line', () => {
    for (const p of ['douyin', 'jd', 'kuaishou', 'taobao', 'generic'] as const) {
      expect(penaltyRisk({ consulting_buyers: 500, effective_reply_rate: 0.1 }, PROFILES[p])).toBe(false);
    }
  });
});
