import { describe, expect, it } from 'vitest';
import { toChinaIso } from '../../time/china';
import { parseChinaTimeLine, parseWaitingSeconds } from './parse';

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
