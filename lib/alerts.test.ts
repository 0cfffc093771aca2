import { describe, it, expect } from 'vitest';
import { badgeText, dueAlerts, levelAt, nextDeadline, rankWaiting, type TabState, type WaitingEntry } from './alerts';
import { DEFAULT_SETTINGS } from './settings';

const T0 = Date.parse('2026-11-25T10:00:00+08:00');
const entry = (buyer: string, openedAgoS: number): WaitingEntry => {
  const openedAt = T0 - openedAgoS * 1000;
  return { round: `pdd|s|${buyer}|${openedAt}`, buyer, nickname: `昵称${buyer}`, openedAt, soonAt: openedAt + 120_000, lateAt: openedAt + 180_000, breachedAt: openedAt + 3_600_000, inWindow: true };
};
const tab = (tabId: number, waiting: WaitingEntry[], inView = false): TabState => ({
  tabId, windowId: 1, platform: 'pdd', shop: `店${tabId}`, healthy: true, inView, waiting, updatedAt: T0,
});

describe('alerts across tabs', () => {
  it('levels: 119 s fine, 120 s soon, 180 s still soon (inclusive), 181 s late, past 1 h breached', () => {
    expect(levelAt(entry('a', 119), T0)).toBe('fine');
    expect(levelAt(entry('a', 120), T0)).toBe('soon');
    expect(levelAt(entry('a', 180), T0)).toBe('soon');
    expect(levelAt(entry('a', 181), T0)).toBe('late');
    expect(levelAt(entry('a', 3601), T0)).toBe('breached');
  });

  it('ranks buyers of every shop by urgency and counts the late ones for the badge', () => {
    const tabs = [tab(1, [entry('a', 30), entry('b', 200)]), tab(2, [entry('c', 4000), entry('d', 150)])];
    expect(rankWaiting(tabs, T0).map((w) => `${w.shop}:${w.buyer}:${w.level}`)).toEqual([
      '店2:c:breached',
      '店1:b:late',
      '店2:d:soon',
      '店1:a:fine',
    ]);
    expect(badgeText(tabs, T0)).toBe('2');
    expect(badgeText([tab(1, [entry('a', 30)])], T0)).toBe('');
  });

  it('wakes at the next level change', () => {
    expect(nextDeadline([tab(1, [entry('a', 30)])], T0)).toBe(T0 + 90_000);
    expect(nextDeadline([tab(1, [entry('a', 150)])], T0)).toBe(T0 + 30_001);
    expect(nextDeadline([], T0)).toBeNull();
  });

  it('alerts once per round and level, only for tabs out of view, and not in quiet hours', () => {
    const tabs = [tab(1, [entry('late', 200), entry('fine', 10)]), tab(2, [entry('seen', 200)], true)];
    const first = dueAlerts(tabs, new Set(), T0, DEFAULT_SETTINGS.alerts);
    expect(first.map((a) => [a.buyer, a.level])).toEqual([['late', 'late']]);
    expect(dueAlerts(tabs, new Set(first.map((a) => a.id)), T0, DEFAULT_SETTINGS.alerts)).toEqual([]);
    const quiet = { ...DEFAULT_SETTINGS.alerts, quietHours: { enabled: true, from: '09:00', to: '11:00' } };
    expect(dueAlerts(tabs, new Set(), T0, quiet)).toEqual([]);
    const lateOff = { ...DEFAULT_SETTINGS.alerts, levels: { soon: false, late: false, breached: true } };
    expect(dueAlerts(tabs, new Set(), T0, lateOff)).toEqual([]);
  });
});
