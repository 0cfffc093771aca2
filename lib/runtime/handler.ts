import { request, type Request } from '../messages';
import { KefuDb, recordEvents, dayCounts } from '../stats/db';
import { chinaDate } from '../time/china';

/**
 * The background's message handler, kept free of browser APIs so it is unit-tested in Node.
 * Anything that does not parse is answered with `{ok:false, error}`, never thrown at the sender.
 */
export function createHandler(db: KefuDb, now: () => number = Date.now) {
  async function handle(req: Request): Promise<unknown> {
    switch (req.type) {
      case 'events/record': {
        const r = await recordEvents(db, req.events);
        return { ok: true, ...r };
      }
      case 'stats/day-counts':
        return { ok: true, ...(await dayCounts(db, req.day ?? chinaDate(now()))) };
      case 'events/list': {
        const rows = await db.events.where('day').equals(req.day).sortBy('ts');
        return { ok: true, events: rows.map(({ day: _day, ...e }) => e) };
      }
    }
  }

  return async function onMessage(raw: unknown): Promise<unknown> {
    const parsed = request.safeParse(raw);
    if (!parsed.success) {
      return { ok: false, error: `invalid message: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}` };
    }
    try {
      return await handle(parsed.data);
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  };
}
