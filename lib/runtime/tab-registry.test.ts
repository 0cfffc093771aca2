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

  it('the next-buyer key walks the queue across tabs, most urgent first, and starts again at the top', async () => {
    const { reg, log, tick } = setup();
    await reg.update(tab(7, [entry('a', 100), entry('b', 20)]));
    await reg.update({ ...tab(8, [entry('c', 200)]), platform: 'jd', shop: '山茶小铺' });
    const walk: (string | undefined)[] = [];
    for (let i = 0; i < 4; i++) walk.push((await reg.next())?.buyer);
    expect(walk).toEqual(['c', 'a', 'b', 'c']);
    expect(log.focused).toEqual([8, 7, 7, 8]);
    expect(log.sent.filter((c: any) => c.type === 'open-buyer').map((c: any) => c.buyer)).toEqual(['c', 'a', 'b', 'c']);
    // Buyer c answered: the walk goes on with the others.
    await reg.update({ ...tab(8, []), platform: 'jd', shop: '山茶小铺' });
    expect((await reg.next())?.buyer).toBe('a');
    // After a pause the key goes to the most urgent again.
    tick(120_000);
    await reg.update(tab(7, [entry('a', 100), entry('b', 20)]));
    expect((await reg.next())?.buyer).toBe('a');
  });

  it('nobody waiting: the key says so in the tab the agent is looking at, and focuses nothing', async () => {
    const { reg, log } = setup();
    await reg.update(tab(7, [], true));
    expect(await reg.next()).toBeNull();
    expect(log.focused).toEqual([]);
    expect(log.sent).toEqual([{ type: 'notice', text: '所有工作台都没有等待回复的买家' }]);
  });

  it('a tab that stops reporting is shown as silent, its buyers stale, and the key skips them while others wait', async () => {
    const { reg, tick } = setup();
    await reg.update(tab(7, [entry('a', 100)]));
    await reg.update({ ...tab(8, [entry('c', 30)]), healthy: true });
    tick(100_000);
    await reg.update({ ...tab(8, [entry('c', 30)]), healthy: true }); // tab 8 keeps reporting
    tick(30_000);
    const l = reg.list();
    expect(l.tabs.map((x) => [x.tabId, x.condition])).toEqual([
      [7, 'silent'],
      [8, 'ok'],
    ]);
    expect(l.waiting.map((w) => [w.buyer, w.stale])).toEqual([
      ['a', true],
      ['c', false],
    ]);
    expect((await reg.next())?.buyer).toBe('c');
    // A tab whose page is not recognised says so.
    await reg.update({ ...tab(9, []), healthy: false });
    expect(reg.list().tabs.find((x) => x.tabId === 9)?.condition).toBe('unrecognised');
  });

  it('keeps the last notifications for the desk, newest first, at most ten', async () => {
    const { reg, tick } = setup();
    for (let i = 0; i < 12; i++) {
      await reg.update(tab(7, Array.from({ length: i + 1 }, (_, k) => entry(`u${k}`, 200))));
      tick(1000);
    }
    const alerts = reg.list().alerts;
    expect(alerts).toHaveLength(10);
    expect(alerts[0]!.buyer).toBe('u11');
    expect(alerts[0]).toMatchObject({ level: 'late', shop: '糖果小铺', platform: 'pdd' });
    expect(alerts[0]!.at).toBeGreaterThan(alerts[9]!.at);
  });
});
