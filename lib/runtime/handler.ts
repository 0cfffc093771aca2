import { request, type Request } from '../messages';
import { KefuDb, recordEvents, dayCounts } from '../stats/db';
import { chinaDate } from '../time/china';
import type { TabRegistry } from './tab-registry';
import { computeDays } from '../stats/kpi';
import type { Settings } from '../settings';
import type { ChatEvent } from '../stats/events';
import { storedRowProblem } from '../stats/rollup';
import { REFUSED } from './outbox';

/** Who sent a message, as the runtime tells the background (content scripts have a tab). */
export interface MessageSender {
  tabId?: number;
  windowId?: number;
}

/**
 * The background's message handler, kept free of browser APIs so it is unit-tested in Node.
 * Anything that does not parse is answered with `{ok:false, error}`, never thrown at the sender.
 */
export interface HandlerOptions {
  now?: () => number;
  registry?: TabRegistry;
  settings?: () => Promise<Settings>;
  /** Called with the events a record request stored for the first time (e.g. to count template use). */
  onStored?: (fresh: ChatEvent[]) => Promise<void> | void;
  /** The next-buyer key as the browser has it set. */
  shortcut?: () => Promise<string>;
  /** Decode the QR code of an image data URL (the background's canvas and jsQR); null: none. */
  decodeQr?: (dataUrl: string) => Promise<string | null>;
}

export function createHandler(db: KefuDb, opts: HandlerOptions = {}) {
  const now = opts.now ?? Date.now;
  const registry = opts.registry;
  async function handle(req: Request, sender: MessageSender): Promise<unknown> {
    switch (req.type) {
      case 'events/record': {
        const { fresh, ...r } = await recordEvents(db, req.events);
        if (fresh.length) await opts.onStored?.(fresh);
        return { ok: true, ...r };
      }
      case 'stats/day-counts':
        return { ok: true, ...(await dayCounts(db, req.day ?? chinaDate(now()))) };
      case 'stats/today': {
        // Yesterday's events too: a round opened before midnight is still open this morning.
        const t = now();
        const today = chinaDate(t);
        const rows = await db.events.where('day').anyOf([chinaDate(t - 86_400_000), today]).toArray();
        const profiles = (await opts.settings?.())?.timing.profiles;
        // A damaged stored row is left out, as the rollups leave it out, rather than fail the figures.
        const usable = rows.filter((r) => storedRowProblem(r, r.day) === null);
        const days = computeDays(usable, { now: t, profiles }).filter((d) => d.date === today);
        return { ok: true, now: t, day: today, days };
      }
      case 'qr/decode': {
        if (!opts.decodeQr) throw new Error('QR decoding is not available here');
        return { ok: true, text: await opts.decodeQr(req.image) };
      }
      case 'events/list': {
        const rows = await db.events.where('day').equals(req.day).sortBy('ts');
        return { ok: true, events: rows.map(({ day: _day, ...e }) => e) };
      }
      case 'tab/waiting': {
        if (sender.tabId === undefined) throw new Error('tab/waiting must come from a workbench tab');
        const { type: _t, ...tab } = req;
        await registry?.update({ ...tab, tabId: sender.tabId, windowId: sender.windowId ?? null });
        return { ok: true };
      }
      case 'waiting/all':
        return { ok: true, ...(registry?.list() ?? { now: now(), waiting: [], tabs: [], alerts: [] }) };
      case 'tabs/focus':
        if (!registry) throw new Error('no tab registry');
        await registry.focus(req.tabId, req.buyer);
        return { ok: true };
      case 'desk/next':
        if (!registry) throw new Error('no tab registry');
        return { ok: true, target: await registry.next() };
      case 'desk/shortcut':
        return { ok: true, shortcut: (await opts.shortcut?.()) ?? '' };
    }
  }

  return async function onMessage(raw: unknown, sender: MessageSender = {}): Promise<unknown> {
    const parsed = request.safeParse(raw);
    if (!parsed.success) {
      // Worded so that a page's outbox knows a retry is no use (`isRefusal`): it sets the event aside.
      return { ok: false, error: `${REFUSED}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}` };
    }
    try {
      return await handle(parsed.data, sender);
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  };
}
