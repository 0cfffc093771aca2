import { alertPrefix, badgeText, dueAlerts, nextDeadline, parseAlertId, rankWaiting, type Alert, type TabState } from '../alerts';
import { quietHoursEnd, type AlertSettings } from '../settings';
import type { TabCommand } from '../messages';
import { formatDuration, t } from '../i18n';
import { nextTarget, RECENT_ALERTS, tabCondition, watchedTabs, type Cycle, type RecentAlert } from './desk';

/** What the registry asks the browser to do; the background passes the real thing, tests a fake. */
export interface TabEffects {
  setBadge(text: string): void;
  /** Wake the background at this instant (an alarm), or never (null). */
  wakeAt(at: number | null): void;
  notify(alert: Alert, title: string, message: string): void;
  focusTab(tabId: number, windowId: number | null): Promise<void>;
  sendToTab(tabId: number, command: TabCommand): Promise<void>;
  /** Persist what must survive the service worker being stopped. */
  save(snapshot: RegistrySnapshot): void;
  settings(): Promise<AlertSettings>;
}

export interface RegistrySnapshot {
  tabs: TabState[];
  given: string[];
  /** The next-buyer key's walk down the queue, and the last notifications given. */
  cycle?: Cycle | null;
  recent?: RecentAlert[];
}

/**
 * The waiting buyers of every open workbench tab. Lives in the background; the badge, the alarms
 * and the notifications follow from it each time it changes or the clock reaches a deadline.
 */
export class TabRegistry {
  private readonly tabs = new Map<number, TabState>();
  private given = new Set<string>();
  private cycle: Cycle | null = null;
  private recent: RecentAlert[] = [];

  constructor(
    private readonly fx: TabEffects,
    private readonly now: () => number = Date.now,
    snapshot?: RegistrySnapshot,
  ) {
    for (const tab of snapshot?.tabs ?? []) this.tabs.set(tab.tabId, tab);
    this.given = new Set(snapshot?.given ?? []);
    this.cycle = snapshot?.cycle ?? null;
    this.recent = snapshot?.recent ?? [];
  }

  async update(tab: Omit<TabState, 'updatedAt'>): Promise<void> {
    this.tabs.set(tab.tabId, { ...tab, updatedAt: this.now() });
    await this.evaluate();
  }

  async remove(tabId: number): Promise<void> {
    if (this.tabs.delete(tabId)) await this.evaluate();
  }

  /** The queue of every tab (a silent tab's buyers marked stale), the watched tabs and the last alerts. */
  list() {
    const now = this.now();
    const tabs = watchedTabs(this.tabs.values(), now);
    const silent = new Set(tabs.filter((x) => x.condition === 'silent').map((x) => x.tabId));
    return {
      now,
      waiting: rankWaiting(this.tabs.values(), now).map((w) => ({ ...w, stale: silent.has(w.tabId) })),
      tabs,
      alerts: this.recent,
    };
  }

  /**
   * The next-buyer key: bring the most urgent waiting buyer's tab forward and open them; pressed
   * again within a while, the next one down the queue. Null when nobody waits.
   */
  async next(): Promise<{ tabId: number; buyer: string; nickname: string | null; shop: string | null; platform: string } | null> {
    const now = this.now();
    const silent = new Set([...this.tabs.values()].filter((x) => tabCondition(x, now) === 'silent').map((x) => x.tabId));
    const { target, cycle } = nextTarget(rankWaiting(this.tabs.values(), now), this.cycle, now, silent);
    this.cycle = cycle;
    this.persist();
    if (!target) {
      // Said where the agent is looking, if that is a workbench tab; the caller decides otherwise.
      const here = [...this.tabs.values()].find((x) => x.inView);
      if (here) await this.fx.sendToTab(here.tabId, { type: 'notice', text: t('deskNobodyWaiting') }).catch(() => undefined);
      return null;
    }
    await this.focus(target.tabId, target.buyer);
    return { tabId: target.tabId, buyer: target.buyer, nickname: target.nickname, shop: target.shop, platform: target.platform };
  }

  private persist() {
    this.fx.save({ tabs: [...this.tabs.values()], given: [...this.given], cycle: this.cycle, recent: this.recent });
  }

  async focus(tabId: number, buyer: string): Promise<void> {
    const tab = this.tabs.get(tabId);
    if (!tab) throw new Error(`no workbench tab ${tabId}`);
    await this.fx.focusTab(tabId, tab.windowId);
    await this.fx.sendToTab(tabId, { type: 'open-buyer', buyer });
  }

  /** Badge, next alarm and due notifications at the current instant. */
  async evaluate(): Promise<Alert[]> {
    const now = this.now();
    this.fx.setBadge(badgeText(this.tabs.values(), now));
    const settings = await this.fx.settings();
    // Wake at the next level change, or when quiet hours end: buyers still late then are notified.
    const deadline = nextDeadline(this.tabs.values(), now);
    const quietEnd = deadline === null ? null : quietHoursEnd(now, settings.quietHours);
    this.fx.wakeAt(quietEnd !== null && deadline !== null ? Math.min(deadline, quietEnd) : deadline);
    const alerts = dueAlerts(this.tabs.values(), this.given, now, settings);
    for (const a of alerts) {
      this.given.add(a.id);
      const platform = this.tabs.get(a.tabId)?.platform ?? '';
      this.recent = [{ ...a, level: a.level as RecentAlert['level'], platform, at: now }, ...this.recent].slice(0, RECENT_ALERTS);
      const who = a.nickname ?? a.buyer;
      const key = a.level === 'breached' ? 'alertBreached' : a.level === 'late' ? 'alertLate' : 'alertSoon';
      this.fx.notify(a, t('alertTitle', a.shop ?? t('shopUnknown')), t(key, who, formatDuration(a.elapsedMs / 1000)));
      if (settings.sound) void this.fx.sendToTab(a.tabId, { type: 'play-alert-sound' }).catch(() => undefined);
    }
    // Forget alerts of rounds no longer waiting, so memory stays flat over a shift.
    const live: string[] = [];
    for (const tab of this.tabs.values()) for (const e of tab.waiting) live.push(alertPrefix(tab.tabId, e));
    for (const id of this.given) if (!live.some((p) => id.startsWith(p))) this.given.delete(id);
    this.persist();
    return alerts;
  }

  /** A notification was clicked: bring its tab forward and open that buyer. */
  async clicked(alertId: string): Promise<void> {
    const target = parseAlertId(alertId);
    if (target && this.tabs.has(target.tabId)) await this.focus(target.tabId, target.buyer);
  }
}
