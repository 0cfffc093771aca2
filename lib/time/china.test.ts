import { describe, expect, it } from 'vitest';
import {
  chinaDate,
  chinaWallClockToEpoch,
  parseChinaTimeLine,
  parseWaitingSeconds,
  toChinaIso,
} from './china';

// Every expectation is written as a UTC instant, so the suite means the same thing in any TZ
// (run it with TZ=UTC, TZ=America/Los_Angeles, TZ=Asia/Shanghai …).

describe('parseChinaTimeLine', () => {
  it('reads the PDD time line as UTC+8', () => {
    expect(parseChinaTimeLine('2026年11月25日 09:15:02')).toBe(Date.UTC(2026, 10, 25, 1, 15, 2));
  });

  it('00:30 China time is the previous UTC day', () => {
    const ms = parseChinaTimeLine('2026年11月26日 00:30:10');
    expect(ms).toBe(Date.UTC(2026, 10, 25, 16, 30, 10));
    expect(new Date(ms!).getUTCDate()).toBe(25);
  });

  it('crosses a year boundary', () => {
    expect(parseChinaTimeLine('2027年01月01日 07:59:59')).toBe(Date.UTC(2026, 11, 31, 23, 59, 59));
  });

  it('tolerates surrounding text, single-digit fields and missing seconds', () => {
    expect(parseChinaTimeLine('  2026年1月5日 8:05 ')).toBe(Date.UTC(2026, 0, 5, 0, 5, 0));
  });

  it.each(['', '09:15:02', '昨天 09:15', '2026年02月30日 10:00:00', '2026年11月25日 24:00:00', '2026-11-25 09:15:02'])(
    'returns null for %j',
    (text) => {
      expect(parseChinaTimeLine(text)).toBeNull();
    },
  );
});

describe('chinaWallClockToEpoch', () => {
  it('accepts 29 Feb only in leap years', () => {
    expect(chinaWallClockToEpoch(2028, 2, 29)).toBe(Date.UTC(2028, 1, 28, 16));
    expect(chinaWallClockToEpoch(2026, 2, 29)).toBeNull();
  });
});

describe('toChinaIso', () => {
  it('formats with a +08:00 offset', () => {
    expect(toChinaIso(Date.UTC(2026, 10, 25, 1, 15, 2))).toBe('2026-11-25T09:15:02+08:00');
  });

  it('an instant late in the UTC day is already the next China day', () => {
    expect(toChinaIso(Date.UTC(2026, 10, 25, 16, 30, 10))).toBe('2026-11-26T00:30:10+08:00');
  });

  it('keeps non-zero milliseconds', () => {
    expect(toChinaIso(Date.UTC(2026, 10, 25, 1, 15, 2, 250))).toBe('2026-11-25T09:15:02.250+08:00');
  });

  it('round-trips through Date.parse', () => {
    const ms = Date.UTC(2026, 10, 25, 16, 30, 10, 7);
    expect(Date.parse(toChinaIso(ms))).toBe(ms);
  });

  it('round-trips with parseChinaTimeLine', () => {
    expect(toChinaIso(parseChinaTimeLine('2026年11月26日 00:30:10')!)).toBe('2026-11-26T00:30:10+08:00');
  });

  it('throws on NaN', () => {
    expect(() => toChinaIso(Number.NaN)).toThrow(RangeError);
  });
});

describe('chinaDate', () => {
  it.each([
    [Date.UTC(2026, 10, 25, 15, 59, 59, 999), '2026-11-25'],
    [Date.UTC(2026, 10, 25, 16, 0, 0), '2026-11-26'],
    [Date.UTC(2026, 10, 25, 16, 30), '2026-11-26'],
    [Date.UTC(2026, 11, 31, 16), '2027-01-01'],
  ])('%i → %s', (ms, date) => {
    expect(chinaDate(ms)).toBe(date);
  });
});

describe('parseWaitingSeconds', () => {
  it.each([
    ['已等待35秒', 35],
    ['已等待4分钟', 240],
    ['已等待1小时', 3600],
    ['已等待1小时5分钟', 3900],
    ['已等待2分30秒', 150],
    ['已等待0秒', 0],
    [' 已等待 12 分钟 ', 720],
    ['已等待1天2小时', 93600],
  ])('%j → %i', (text, seconds) => {
    expect(parseWaitingSeconds(text)).toBe(seconds);
  });

  it.each(['', '已等待', '已超时', '12:40', '已等待三分钟', '已等待5分钟以上', '35'])('%j → null', (text) => {
    expect(parseWaitingSeconds(text)).toBeNull();
  });
});
