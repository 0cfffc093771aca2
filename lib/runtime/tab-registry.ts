import { alertPrefix, badgeText, dueAlerts, nextDeadline, parseAlertId, rankWaiting, type Alert, type TabState } from '../alerts';
import { quietHoursEnd, type AlertSettings } from '../settings';
import type { TabCommand } from '../messages';
import { formatDuration, t } from '../i18n';

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
}

/**
 * The waiting buyers of every open workbench tab. Lives in the background; the badge, the alarms
 * and the notifications follow from it each time it changes or the clock reaches a deadline.
 */
export class TabRegistry {
  private readonly tabs = new Map<number, TabState>();
  private given = new Set<string>();

  constructor(
    private readonly fx: TabEffects,
    private readonly now: () => number = Date.now,
    snapshot?: RegistrySnapshot,
  ) {
    for (const tab of snapshot?.tabs ?? []) this.tabs.set(tab.tabId, tab);
    this.given = new Set(snapshot?.given ?? []);
  }

  async update(tab: Omit<TabState, 'updatedAt'>): Promise<void> {
    this.tabs.set(tab.tabId, { ...tab, updatedAt: this.now() });
    await this.evaluate();
  }

  async remove(tabId: number): Promise<void> {
    if (this.tabs.delete(tabId)) await this.evaluate();
  }

  list() {
    const now = this.now();
    return {
      now,
      waiting: rankWaiting(this.tabs.values(), now),
      tabs: [...this.tabs.values()].map(({ tabId, platform, shop, healthy }) => ({ tabId, platform, shop, healthy })),
    };
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
      const who = a.nickname ?? a.buyer;
      const key = a.level === 'breached' ? 'alertBreached' : a.level === 'late' ? 'alertLate' : 'alertSoon';
      this.fx.notify(a, t('alertTitle', a.shop ?? t('shopUnknown')), t(key, who, formatDuration(a.elapsedMs / 1000)));
      if (settings.sound) void this.fx.sendToTab(a.tabId, { type: 'play-alert-sound' }).catch(() => undefined);
    }
    // Forget alerts of rounds no longer waiting, so memory stays flat over a shift.
    const live: string[] = [];
    for (const tab of this.tabs.values()) for (const e of tab.waiting) live.push(alertPrefix(tab.tabId, e));
    for (const id of this.given) if (!live.some((p) => id.startsWith(p))) this.given.delete(id);
    this.fx.save({ tabs: [...this.tabs.values()], given: [...this.given] });
    return alerts;
  }

  /** A notification was clicked: bring its tab forward and open that buyer. */
  async clicked(alertId: string): Promise<void> {
    const target = parseAlertId(alertId);
    if (target && this.tabs.has(target.tabId)) await this.focus(target.tabId, target.buyer);
  }
}
