import type { RankedWaiting, TabState } from '../alerts';

/**
 * The desk across every workbench tab: which buyer the next-buyer key goes to, and whether each
 * watched tab can be trusted (recognised, still reporting). Pure; the registry supplies the clock.
 */

/** A content script reports at least this often while its page lives (a heartbeat with no change). */
export const HEARTBEAT_MS = 20_000;
/**
 * A tab that has not reported for this long is shown as silent: its page froze, crashed, was
 * navigated away or lost its content script (the extension was updated). Chrome wakes the timers of a
 * tab hidden for 5 minutes once a minute (intensive throttling), so a live tab may report only every
 * 60 s: twice that is the line.
 */
export const SILENT_AFTER_MS = 120_000;
/** Presses of the key this close together walk down the queue; after a pause it starts at the top. */
export const CYCLE_MS = 90_000;

export interface Cycle {
  /** `tabId|round` of the buyers the key already went to in this walk. */
  visited: string[];
  at: number;
}

export const visitKey = (w: Pick<RankedWaiting, 'tabId' | 'round'>) => `${w.tabId}|${w.round}`;

/**
 * The buyer the key goes to now: the most urgent one not yet visited in this walk; once every
 * waiting buyer was visited (or after a pause of CYCLE_MS), the walk starts again at the top.
 * Buyers of silent tabs are skipped while a live tab has someone waiting.
 */
export function nextTarget(
  ranked: readonly RankedWaiting[],
  cycle: Cycle | null,
  now: number,
  silentTabs: ReadonlySet<number> = new Set(),
): { target: RankedWaiting | null; cycle: Cycle | null } {
  const live = ranked.filter((w) => !silentTabs.has(w.tabId));
  const pool = live.length ? live : ranked;
  if (!pool.length) return { target: null, cycle: null };
  const waitingNow = new Set(pool.map(visitKey));
  let visited = cycle && now - cycle.at <= CYCLE_MS ? cycle.visited.filter((k) => waitingNow.has(k)) : [];
  let target = pool.find((w) => !visited.includes(visitKey(w)));
  if (!target) {
    visited = [];
    target = pool[0]!;
  }
  return { target, cycle: { visited: [...visited, visitKey(target)], at: now } };
}

export type TabCondition = 'ok' | 'unrecognised' | 'silent';

export interface WatchedTab {
  tabId: number;
  platform: string;
  shop: string | null;
  healthy: boolean;
  /** When the tab last reported (the background's clock). */
  updatedAt: number;
  condition: TabCondition;
  waiting: number;
}

/** Silent wins over unrecognised: a tab that stopped reporting may have recovered since. */
export function tabCondition(tab: Pick<TabState, 'healthy' | 'updatedAt'>, now: number): TabCondition {
  if (now - tab.updatedAt > SILENT_AFTER_MS) return 'silent';
  return tab.healthy ? 'ok' : 'unrecognised';
}

export function watchedTabs(tabs: Iterable<TabState>, now: number): WatchedTab[] {
  return [...tabs]
    .map((t) => ({
      tabId: t.tabId,
      platform: t.platform,
      shop: t.shop,
      healthy: t.healthy,
      updatedAt: t.updatedAt,
      condition: tabCondition(t, now),
      waiting: t.waiting.length,
    }))
    .sort((a, b) => a.platform.localeCompare(b.platform) || (a.shop ?? '').localeCompare(b.shop ?? '') || a.tabId - b.tabId);
}

/** What the desk shows of a notification given: the last few, newest first. */
export interface RecentAlert {
  id: string;
  at: number;
  tabId: number;
  buyer: string;
  nickname: string | null;
  shop: string | null;
  platform: string;
  level: 'soon' | 'late' | 'breached';
  elapsedMs: number;
}

export const RECENT_ALERTS = 10;
