import { inQuietHours, type AlertSettings } from './settings';

/**
 * Waiting buyers of every open workbench tab, as the background keeps them: the extension badge
 * (how many are late), the popup's list across shops, and one system notification per round and
 * level when a buyer crosses a threshold while the agent is not looking at that tab. Pure: the
 * background supplies the clock and carries out the decisions.
 */

export type Level = 'fine' | 'soon' | 'late' | 'breached';
export const LEVELS: readonly Level[] = ['fine', 'soon', 'late', 'breached'];

export interface WaitingEntry {
  /** Round key + opening instant: one round of one buyer. */
  round: string;
  buyer: string;
  nickname: string | null;
  openedAt: number;
  soonAt: number;
  lateAt: number;
  breachedAt: number;
  inWindow: boolean;
}

export interface TabState {
  tabId: number;
  windowId: number | null;
  platform: string;
  shop: string | null;
  healthy: boolean;
  /** The agent is looking at this tab (visible and focused), as the page reports it. */
  inView: boolean;
  waiting: WaitingEntry[];
  updatedAt: number;
}

export function levelAt(e: WaitingEntry, now: number): Level {
  if (now > e.breachedAt) return 'breached';
  if (now > e.lateAt) return 'late';
  if (now >= e.soonAt) return 'soon';
  return 'fine';
}

const rank = (l: Level) => LEVELS.indexOf(l);

export interface RankedWaiting extends WaitingEntry {
  tabId: number;
  platform: string;
  shop: string | null;
  level: Level;
  elapsedMs: number;
}

/** Every waiting buyer across tabs, most urgent first: level, then longest waiting. */
export function rankWaiting(tabs: Iterable<TabState>, now: number): RankedWaiting[] {
  const out: RankedWaiting[] = [];
  for (const t of tabs) {
    for (const e of t.waiting) {
      out.push({ ...e, tabId: t.tabId, platform: t.platform, shop: t.shop, level: levelAt(e, now), elapsedMs: now - e.openedAt });
    }
  }
  return out.sort((a, b) => rank(b.level) - rank(a.level) || b.elapsedMs - a.elapsedMs);
}

/** The badge: how many buyers are late or worse, '' when none. */
export function badgeText(tabs: Iterable<TabState>, now: number): string {
  let n = 0;
  for (const t of tabs) for (const e of t.waiting) if (rank(levelAt(e, now)) >= rank('late')) n++;
  return n === 0 ? '' : n > 99 ? '99+' : String(n);
}

/** The next instant a level changes, for the background's alarm; null when nothing waits. */
export function nextDeadline(tabs: Iterable<TabState>, now: number): number | null {
  let next: number | null = null;
  for (const t of tabs) {
    for (const e of t.waiting) {
      for (const at of [e.soonAt, e.lateAt + 1, e.breachedAt + 1]) {
        if (at > now && (next === null || at < next)) next = at;
      }
    }
  }
  return next;
}

export interface Alert {
  /** Notification id: one per round and level, so a round alerts at most once per level. */
  id: string;
  tabId: number;
  buyer: string;
  nickname: string | null;
  shop: string | null;
  level: Level;
  elapsedMs: number;
}

/** `kp|<tab>|<buyer>|<opened at>|<level>`: names its tab and buyer, so a click can open them. */
export function alertId(tabId: number, e: Pick<WaitingEntry, 'buyer' | 'openedAt'>, level: Level): string {
  return `${alertPrefix(tabId, e)}${level}`;
}

export function alertPrefix(tabId: number, e: Pick<WaitingEntry, 'buyer' | 'openedAt'>): string {
  return `kp|${tabId}|${encodeURIComponent(e.buyer)}|${e.openedAt}|`;
}

export function parseAlertId(id: string): { tabId: number; buyer: string } | null {
  const [kp, tab, buyer] = id.split('|');
  if (kp !== 'kp' || !tab || !buyer) return null;
  return { tabId: Number(tab), buyer: decodeURIComponent(buyer) };
}

/** Alerts due now that were not given yet. */
export function dueAlerts(tabs: Iterable<TabState>, given: ReadonlySet<string>, now: number, settings: AlertSettings): Alert[] {
  if (!settings.enabled || inQuietHours(now, settings.quietHours)) return [];
  const out: Alert[] = [];
  for (const t of tabs) {
    if (t.inView) continue;
    for (const e of t.waiting) {
      const level = levelAt(e, now);
      if (level === 'fine' || !settings.levels[level]) continue;
      const id = alertId(t.tabId, e, level);
      if (given.has(id)) continue;
      out.push({ id, tabId: t.tabId, buyer: e.buyer, nickname: e.nickname, shop: t.shop, level, elapsedMs: now - e.openedAt });
    }
  }
  return out;
}
