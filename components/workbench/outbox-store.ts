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

/** Take the events left by pages that are gone (and remove their copies). */
export async function adoptOrphans(ownKey: string, now = Date.now()): Promise<ChatEvent[]> {
  const area = browser.storage.local as typeof browser.storage.local & { getKeys?: () => Promise<string[]> };
  const keys = area.getKeys ? await area.getKeys() : Object.keys(await area.get(null));
  const mine = keys.filter((k) => k.startsWith(PREFIX) && k !== ownKey);
  if (!mine.length) return [];
  const got = await area.get(mine);
  const out: ChatEvent[] = [];
  const gone: string[] = [];
  for (const k of mine) {
    const v = got[k] as { at?: number; events?: unknown[] } | undefined;
    if (!v || typeof v.at !== 'number' || now - v.at < ORPHAN_AFTER_MS) continue;
    gone.push(k);
    for (const e of v.events ?? []) {
      const parsed = chatEvent.safeParse(e);
      if (parsed.success) out.push(parsed.data);
    }
  }
  if (gone.length) await area.remove(gone);
  return out;
}
