import { describe, it, expect } from 'vitest';
import { TabRegistry, type TabEffects } from './tab-registry';
import { DEFAULT_SETTINGS, type AlertSettings } from '../settings';
import type { WaitingEntry } from '../alerts';

const T0 = Date.parse('2026-11-25T12:30:00+08:00');
const entry = (buyer: string, agoS: number): WaitingEntry => {
  const openedAt = T0 - agoS * 1000;
  return { round: `r-${buyer}`, buyer, nickname: buyer, openedAt, soonAt: openedAt + 120_000, lateAt: openedAt + 180_000, breachedAt: openedAt + 3_600_000, inWindow: true };
};

function setup(alerts: AlertSettings = DEFAULT_SETTINGS.alerts) {
  let now = T0;
  const log = { badge: '', wake: null as number | null, notes: [] as string[], focused: [] as number[], sent: [] as unknown[] };
  let settings = alerts;
  const fx: TabEffects = {
    setBadge: (t) => void (log.badge = t),
    wakeAt: (at) => void (log.wake = at),
    notify: (a, title, message) => void log.notes.push(`${a.id} ${title} ${message}`),
    focusTab: async (id) => void log.focused.push(id),
    sendToTab: async (_id, c) => void log.sent.push(c),
    save: () => undefined,
    settings: async () => settings,
  };
  const reg = new TabRegistry(fx, () => now);
  return { reg, log, tick: (ms: number) => (now += ms), set: (s: AlertSettings) => (settings = s) };
}

const tab = (tabId: number, waiting: WaitingEntry[], inView = false) => ({ tabId, windowId: 9, platform: 'pdd', shop: '糖果小铺', healthy: true, inView, waiting });

describe('TabRegistry', () => {
  it('notifies a late buyer of a tab out of view once, and a click opens that tab and buyer', async () => {
    const { reg, log } = setup();
    await reg.update(tab(7, [entry('u1', 200), entry('u2', 10)]));
    expect(log.badge).toBe('1');
    expect(log.notes).toHaveLength(1);
    expect(log.notes[0]).toMatch(/^kp\|7\|u1\|\d+\|late 客服领航 · 糖果小铺 u1 已等待 3分20秒，已超过 3 分钟未回复$/);
    await reg.update(tab(7, [entry('u1', 200), entry('u2', 10)]));
    expect(log.notes).toHaveLength(1);
    await reg.clicked(log.notes[0]!.split(' ')[0]!);
    expect(log.focused).toEqual([7]);
    expect(log.sent).toEqual([{ type: 'open-buyer', buyer: 'u1' }]);
  });

  it('holds notifications in quiet hours, wakes when they end, and notifies the buyers still late then', async () => {
    const quiet = { ...DEFAULT_SETTINGS.alerts, quietHours: { enabled: true, from: '12:00', to: '13:00' } };
    const { reg, log, tick } = setup(quiet);
    await reg.update(tab(7, [entry('u1', 200)]));
    expect(log.notes).toEqual([]);
    expect(log.wake).toBe(Date.parse('2026-11-25T13:00:00+08:00'));
    tick(30 * 60_000);
    await reg.evaluate();
    expect(log.notes).toHaveLength(1);
  });

  it('forgets a tab when it closes: the badge drops', async () => {
    const { reg, log } = setup();
    await reg.update(tab(7, [entry('u1', 200)], true));
    expect(log.badge).toBe('1');
    expect(log.notes).toEqual([]); // the agent is looking at it
    await reg.remove(7);
    expect(log.badge).toBe('');
    expect(log.wake).toBeNull();
  });
});
