import { KefuDb } from '@/lib/stats/db';
import { chinaDate } from '@/lib/time/china';
import type { ChatEvent } from '@/lib/stats/events';
import { carryEvents, readDay } from '@/lib/stats/rollup';

/** The popup reads the database directly: it is an extension page, same origin as the background. */
let db: KefuDb | null = null;
export const database = () => (db ??= new KefuDb());

/**
 * Today's events and the rounds still open from before midnight: from yesterday's rollup when it is
 * up to date (one small record), else from yesterday's events.
 */
export async function recentEvents(now: number): Promise<ChatEvent[]> {
  const input = await readDay(database(), chinaDate(now));
  return [...carryEvents(input.carryIn), ...input.before, ...input.events];
}
