import Dexie, { type EntityTable } from 'dexie';
import type { ChatEvent } from './events';
import { chinaDate } from '../time/china';

/** A stored event: the contract's event plus its China-time day, indexed for the dashboard. */
export type StoredEvent = ChatEvent & { day: string };

export const DB_NAME = 'kefu-pilot';

export class KefuDb extends Dexie {
  events!: EntityTable<StoredEvent, 'id'>;

  constructor(name = DB_NAME) {
    super(name);
    // Version 1: raw events keyed by their observed id (so a re-sent event is stored once).
    this.version(1).stores({ events: 'id, ts, day, type, [day+type]' });
  }
}

export interface RecordResult {
  added: number;
  duplicates: number;
  /** The events that were new (stored by this call). */
  fresh: ChatEvent[];
}

/** Store events once per id, atomically: either every new event is stored or none is. */
export async function recordEvents(db: KefuDb, events: ChatEvent[]): Promise<RecordResult> {
  // The same id may also repeat inside one batch.
  const unique = new Map<string, ChatEvent>();
  for (const e of events) if (!unique.has(e.id)) unique.set(e.id, e);
  return db.transaction('rw', db.events, async () => {
    const ids = [...unique.keys()];
    const existing = await db.events.bulkGet(ids);
    const fresh: StoredEvent[] = [];
    ids.forEach((id, i) => {
      if (!existing[i]) fresh.push({ ...(unique.get(id) as ChatEvent), day: chinaDate(Date.parse(unique.get(id)!.ts)) });
    });
    if (fresh.length) await db.events.bulkAdd(fresh);
    return {
      added: fresh.length,
      duplicates: events.length - fresh.length,
      fresh: fresh.map(({ day: _day, ...e }) => e as ChatEvent),
    };
  });
}

export interface DayCounts {
  day: string;
  buyerMessages: number;
  humanReplies: number;
  robotReplies: number;
  buyers: number;
}

/** Today's raw counts (the first popup; the KPI figures come with the rounds engine). */
export async function dayCounts(db: KefuDb, day: string): Promise<DayCounts> {
  const rows = await db.events.where('day').equals(day).toArray();
  const buyers = new Set<string>();
  let buyerMessages = 0;
  let humanReplies = 0;
  let robotReplies = 0;
  for (const e of rows) {
    if (e.type === 'buyer_message') {
      buyerMessages++;
      buyers.add(`${e.platform}\u0000${e.shop}\u0000${e.buyer}`);
    } else if (e.type === 'agent_message') {
      if (e.sender === 'human') humanReplies++;
      else robotReplies++;
    }
  }
  return { day, buyerMessages, humanReplies, robotReplies, buyers: buyers.size };
}
