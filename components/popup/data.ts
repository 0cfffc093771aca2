import { KefuDb } from '@/lib/stats/db';
import { chinaDate } from '@/lib/time/china';
import type { ChatEvent } from '@/lib/stats/events';

/** The popup reads the database directly: it is an extension page, same origin as the background. */
let db: KefuDb | null = null;
export const database = () => (db ??= new KefuDb());

/** Today's and yesterday's events (a round opened before midnight is still open this morning). */
export async function recentEvents(now: number): Promise<ChatEvent[]> {
  const days = [chinaDate(now - 86_400_000), chinaDate(now)];
  const rows = await database().events.where('day').anyOf(days).toArray();
  return rows.map(({ day: _d, ...e }) => e as ChatEvent);
}
