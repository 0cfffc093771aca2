import { describe, expect, it } from 'vitest';
import { compareUrgency, countdown, rankByUrgency, type Countdown } from './countdown';
import { DEFAULT_PROFILES, type ProfileName } from './profiles';

const OPENED = Date.parse('2026-11-20T09:00:00+08:00');
const at = (profile: ProfileName, elapsedS: number, settings?: Parameters<typeof countdown>[3]) =>
  countdown({ openedAt: OPENED }, OPENED + elapsedS * 1000, DEFAULT_PROFILES[profile], settings);
const view = (c: Countdown) => [c.nextTarget?.label ?? null, c.leftMs === null ? null : c.leftMs / 1000, c.level];

describe('countdown', () => {
  it.each([
    [0, ['30s', 30, 'fine']],
    [20, ['30s', 10, 'fine']],
    [30, ['30s', 0, 'fine']], // a reply at exactly 30 s is still within 30 s
    [31, ['3min', 149, 'fine']],
    [119.999, ['3min', 60.001, 'fine']],
    [120, ['3min', 60, 'soon']], // 60 s (a third of 3 min) left to the main target
    [180, ['3min', 0, 'soon']],
    [180.001, ['1h', 3419.999, 'late']],
    [3600, ['1h', 0, 'late']],
    [3600.001, [null, null, 'breached']],
  ] as const)('pdd after %s s: next target, seconds left, level = %j', (elapsed, expected) => {
    expect(view(at('pdd', elapsed))).toEqual(expected);
  });

  it('taobao: 100 s then 3 min; late after 3 min, breached after the 30-minute no-reply fine', () => {
    expect(view(at('taobao', 90))).toEqual(['100s', 10, 'fine']);
    expect(view(at('taobao', 101))).toEqual(['3min', 79, 'fine']);
    expect(view(at('taobao', 181))).toEqual([null, null, 'late']);
    expect(view(at('taobao', 1801))).toEqual([null, null, 'breached']);
  });

  it('douyin, jd, kuaishou: breached once the round counts the 600 s cap', () => {
    expect(view(at('douyin', 600))).toEqual([null, null, 'late']);
    expect(view(at('douyin', 601))).toEqual([null, null, 'breached']);
    expect(view(at('jd', 10))).toEqual(['30s', 20, 'fine']);
    expect(view(at('kuaishou', 601))[2]).toBe('breached');
  });

  it('generic: 1, 3 and 10 min; breached after the last', () => {
    expect(view(at('generic', 61))).toEqual(['3min', 119, 'fine']);
    expect(view(at('generic', 200))).toEqual(['10min', 400, 'late']);
    expect(view(at('generic', 601))).toEqual([null, null, 'breached']);
  });

  it('level settings override the profile: soon with 90 s left, late after 2 min', () => {
    expect(at('pdd', 95, { soonLeftS: 90 }).level).toBe('soon');
    expect(at('pdd', 121, { lateAfterS: 120 }).level).toBe('late');
  });

  it('elapsed never goes negative (a clock a little behind the message stamp)', () => {
    expect(countdown({ openedAt: OPENED }, OPENED - 2000, DEFAULT_PROFILES.pdd)).toMatchObject({ elapsedMs: 0, leftMs: 30_000 });
  });

  it('inWindow is the opening message’s side: a pdd round opened 07:59:59 is out even at 08:05', () => {
    const opened = Date.parse('2026-11-20T07:59:59+08:00');
    expect(countdown({ openedAt: opened }, opened + 300_000, DEFAULT_PROFILES.pdd).inWindow).toBe(false);
    expect(at('pdd', 5).inWindow).toBe(true);
    expect(countdown({ openedAt: opened, inWindow: true }, opened, DEFAULT_PROFILES.pdd).inWindow).toBe(true);
  });
});

describe('urgency ranking', () => {
  it('level first, then least time left to the next target, then longest waiting', () => {
    const items = [
      { id: 'fine-25s-left', countdown: at('pdd', 5) },
      { id: 'breached-2h', countdown: at('pdd', 7200) },
      { id: 'fine-2s-left', countdown: at('pdd', 28) },
      { id: 'soon', countdown: at('pdd', 150) },
      { id: 'late-no-target', countdown: at('taobao', 400) },
      { id: 'late-1h-next', countdown: at('pdd', 400) },
      { id: 'breached-3h', countdown: at('pdd', 10800) },
    ];
    expect(rankByUrgency(items).map((i) => i.id)).toEqual([
      'breached-3h',
      'breached-2h',
      'late-1h-next',
      'late-no-target',
      'soon',
      'fine-2s-left',
      'fine-25s-left',
    ]);
    expect(compareUrgency(at('pdd', 10), at('pdd', 10))).toBe(0);
  });
});
