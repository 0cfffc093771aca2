import { describe, expect, it } from 'vitest';
import {
  chinaDate,
  chinaWallClockToEpoch,
  toChinaIso,
} from './china';

// Every expectation is written as a UTC instant, so the suite means the same thing in any TZ
// (run it with TZ=UTC, TZ=America/Los_Angeles, TZ=Asia/Shanghai …).


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

  it('round-trips with chinaWallClockToEpoch', () => {
    expect(toChinaIso(chinaWallClockToEpoch(2026, 11, 26, 0, 30, 10)!)).toBe('2026-11-26T00:30:10+08:00');
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

