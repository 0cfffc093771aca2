import { describe, expect, it } from 'vitest';
import { chatEvent, tsProblem } from './events';

const event = (ts: string) => ({ id: 'e1', type: 'buyer_message', ts, platform: 'pdd', shop: '暖阳杂货铺', buyer: 'b1' });
const accepted = (ts: string) => chatEvent.safeParse(event(ts)).success;

describe('event timestamps', () => {
  it.each([
    '2026-11-20T09:00:00+08:00',
    '2026-11-20T01:00:00Z',
    '2026-11-20T09:00:00.250+08:00',
    '2028-02-29T12:00:00+08:00', // a leap day
    '2026-11-20T09:00:00+14:00', // Kiribati, the first zone of the day
    '2026-11-20T09:00:00-12:00', // Baker Island, the last
    '2026-11-20T09:00:00+05:45', // Nepal
    '1999-12-31T16:00:00Z', // 2000-01-01 00:00 in China: the first day allowed
    '2099-12-31T15:59:59Z', // 2099-12-31 23:59:59 in China: the last instant allowed
  ])('accepts %s', (ts) => {
    expect(tsProblem(ts)).toBeNull();
    expect(accepted(ts)).toBe(true);
  });

  it.each([
    // A typo for 2026: its China date has a year of two digits, which no date routine round-trips.
    ['0026-11-20T09:00:00+08:00', /year/],
    ['0999-11-20T09:00:00+08:00', /year/],
    // Written in 9999 but already 10000 in China: a five-digit date.
    ['9999-12-31T20:00:00-12:00', /year/],
    ['1999-12-31T15:59:59Z', /year/], // 1999-12-31 in China
    ['2100-01-01T00:00:00+08:00', /year/],
    // Impossible dates and times (Date.parse rolls 02-30 over to 03-02 without a word).
    ['2026-02-30T10:00:00+08:00', /not a real date/],
    ['2026-02-29T10:00:00+08:00', /not a real date/],
    ['2026-04-31T10:00:00+08:00', /not a real date/],
    ['2026-13-01T10:00:00+08:00', /not a real date/],
    ['2026-11-00T10:00:00+08:00', /not a real date/],
    ['2026-11-20T24:00:00+08:00', /not a real date/],
    ['2026-11-20T10:60:00+08:00', /not a real date/],
    ['2026-11-20T10:00:60+08:00', /not a real date/],
    // Offsets no zone has.
    ['2026-11-20T09:00:00+14:01', /offset/],
    ['2026-11-20T09:00:00+23:59', /offset/],
    ['2026-11-20T09:00:00-12:30', /offset/],
    ['2026-11-20T09:00:00+08:60', /offset/],
    // Not the shape at all.
    ['2026-11-20 09:00:00', /ISO 8601/],
    ['2026-11-20T09:00:00', /ISO 8601/],
  ])('refuses %s', (ts, why) => {
    expect(tsProblem(ts)).toMatch(why);
    const r = chatEvent.safeParse(event(ts));
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message).join(' ')).toMatch(why);
  });
});
