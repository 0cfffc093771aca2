import { browser } from 'wxt/browser';
import { chatEvent, type ChatEvent } from '@/lib/stats/events';

/**
 * A copy of each page's unacknowledged events in the extension's storage, so a tab reload or a
 * browser restart loses nothing: the next workbench page to start sends what an earlier one left.
 * Event ids make a second delivery harmless.
 */
const PREFIX = 'kp-outbox:';
/** A copy not refreshed for this long belongs to a page that is gone. */
const ORPHAN_AFTER_MS = 15_000;

export function outboxKey(): string {
  return `${PREFIX}${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export function persistTo(key: string) {
  return (pending: readonly ChatEvent[]) => {
    if (pending.length) void browser.storage.local.set({ [key]: { at: Date.now(), events: pending } });
    else void browser.storage.local.remove(key);
  };
}

/**
 * Take the events left by pages that are gone (and remove their copies). `recheckInMs`: when the
 * youngest copy of another page that is not yet taken for an orphan will be (a page reloaded a moment
 * ago left one), so it can be fetched then rather than at the next periodic look.
 */
export async function adoptOrphans(ownKey: string, now = Date.now()): Promise<{ events: ChatEvent[]; recheckInMs: number | null }> {
  const area = browser.storage.local as typeof browser.storage.local & { getKeys?: () => Promise<string[]> };
  const keys = area.getKeys ? await area.getKeys() : Object.keys(await area.get(null));
  const mine = keys.filter((k) => k.startsWith(PREFIX) && k !== ownKey);
  if (!mine.length) return { events: [], recheckInMs: null };
  const got = await area.get(mine);
  const out: ChatEvent[] = [];
  const gone: string[] = [];
  let recheckInMs: number | null = null;
  for (const k of mine) {
    const v = got[k] as { at?: number; events?: unknown[] } | undefined;
    if (!v || typeof v.at !== 'number') continue;
    if (now - v.at < ORPHAN_AFTER_MS) {
      const wait = ORPHAN_AFTER_MS - (now - v.at) + 500;
      recheckInMs = recheckInMs === null ? wait : Math.min(recheckInMs, wait);
      continue;
    }
    gone.push(k);
    for (const e of v.events ?? []) {
      const parsed = chatEvent.safeParse(e);
      if (parsed.success) out.push(parsed.data);
    }
  }
  if (gone.length) await area.remove(gone);
  return { events: out, recheckInMs };
}
