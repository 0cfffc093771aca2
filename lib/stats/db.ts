import Dexie, { type EntityTable, type Table } from 'dexie';
import type { ChatEvent, PlatformName } from './events';
import type { DayFigures } from './kpi';
import { chinaDate } from '../time/china';

/** A stored event: the contract's event plus its China-time day, indexed for the dashboard. */
export type StoredEvent = ChatEvent & { day: string };

export const DB_NAME = 'kefu-pilot';

export type ComplianceAction = 'blocked' | 'overridden' | 'warned';

export interface ComplianceCounts {
  /** Compliance events per action (an event with two categories counts once here). */
  actions: Record<ComplianceAction, number>;
  /** Per category, events per action (an event counts under each of its categories). */
  categories: Record<string, Record<ComplianceAction, number>>;
}

export interface TemplateCounts {
  /** `template_used` events. */
  uses: number;
  /** Uses per template (the event's `template` field). */
  templates: Record<string, number>;
}

/**
 * One row per (China date, platform, shop) of a finished day: the figures exactly as `computeDays`
 * (and so `npm run stats`) gives them, plus what the dashboard counts apart. Kept for good.
 */
export interface Rollup {
  date: string;
  platform: PlatformName;
  shop: string;
  /** Null when that shop had no buyer message that day (only compliance or template events). */
  figures: DayFigures | null;
  compliance: ComplianceCounts;
  templates: TemplateCounts;
}

/** A round still open at a China midnight: it keeps the buyer from opening a new round next day. */
export interface CarryRound {
  platform: PlatformName;
  shop: string;
  buyer: string;
  openedAt: number;
}

/** A round of this day still open at its end and answered on a later day (found when that day was computed). */
export interface LateClose extends CarryRound {
  closedAt: number;
}

/**
 * The state of one China day's rollup. Every day that ever received an event has one: `recordEvents`
 * marks the day stale (stale = 1) when a new event lands on it; `rollupFinishedDays` recomputes the
 * stale days before today in date order and marks them fresh (stale = 0).
 */
export interface RollupDay {
  date: string;
  /** 1 = the rollup rows are missing or out of date; 0 = fresh. (A number: IndexedDB can't index booleans.) */
  stale: 0 | 1;
  /** Epoch ms of the computation (0 while never computed). */
  computedAt: number;
  /** Raw events the rollup was computed from. */
  events: number;
  /** Digest of the rounds open at the start of the day (the previous day's `carryOut`) it was computed from. */
  carryInDigest: string;
  /** Rounds still open at the end of the day. */
  carryOut: CarryRound[];
  /** Of this day's rounds open at its end, those answered since (their replies are on later days). */
  lateCloses: LateClose[];
  /** The day's raw events were deleted by `pruneEvents`; its rollup is final. */
  pruned: boolean;
  /** What the rollup had to leave out of this day (absent when nothing): see `SetAside`. */
  setAside?: SetAside;
}

/**
 * Stored data a rollup could not compute and left out rather than fail every day after it (a row of
 * an older version, edited by hand, or damaged; a day filed under a date that does not exist).
 */
export interface SetAside {
  /** The whole day: its date, or its rows, could not be computed. It then counts as a day without events. */
  whole: boolean;
  /** Stored rows left out. */
  rows: number;
  /** Why, for diagnostics (the first problem met). */
  reason: string;
}

/**
 * A finished day in two values, for exports: its raw events as the JSON Lines of the contract (UTF-8)
 * and its rounds with their final verdicts. Reading 90 of these is a few IndexedDB reads instead of
 * 270,000 (measured once in Chromium: 90 days × 3,000 events take ≈ 2 s to read record by record,
 * ≈ 0.3 s as one value a day). Written with the day's rollup, deleted when the day is invalidated, and with the raw
 * events when they are pruned. The `events` table stays complete: `recordEvents` de-duplicates against
 * it and the handler reads it.
 */
export interface DayPack {
  date: string;
  /** The day's events, one JSON object a line, oldest first (ties by id), as the raw export writes them. */
  jsonl: Uint8Array;
  /** JSON of `PackedRound[]` (see rollup.ts): the rounds opened that day, in opening order. */
  rounds: string;

  /** Number of events. */
  events: number;
}

/** A finished day's rounds as ready rounds-CSV rows: the rounds export reads these, not the event bytes. */
export interface DayRounds {
  date: string;
  csv: string;
  count: number;
}

export class KefuDb extends Dexie {
  events!: EntityTable<StoredEvent, 'id'>;
  rollups!: Table<Rollup, [string, string, string]>;
  rollupDays!: EntityTable<RollupDay, 'date'>;
  dayPacks!: EntityTable<DayPack, 'date'>;
  dayRounds!: EntityTable<DayRounds, 'date'>;

  constructor(name = DB_NAME) {
    super(name);
    // Version 1: raw events keyed by their observed id (so a re-sent event is stored once).
    this.version(1).stores({ events: 'id, ts, day, type, [day+type]' });
    // Version 2: daily rollups (kept for good), the per-day rollup state, and a pack per finished day
    // (its events and rounds in one record each, for exports). Every day already holding events is
    // marked stale so its rollup gets computed.
    this.version(2)
      .stores({ rollups: '[date+platform+shop], date', rollupDays: 'date, stale', dayPacks: 'date' })
      .upgrade(async (tx) => {
        const days = (await tx.table('events').orderBy('day').uniqueKeys()) as string[];
        await tx.table('rollupDays').bulkPut(days.map(staleDay));
      });
    // Version 3: a finished day's rounds as CSV rows apart from its pack, so the rounds export does not
    // read the day's event bytes. Days rolled up before it have none and are read from their pack.
    this.version(3).stores({ dayRounds: 'date' });
  }
}

export const staleDay = (date: string): RollupDay => ({
  date,
  stale: 1,
  computedAt: 0,
  events: 0,
  carryInDigest: '',
  carryOut: [],
  lateCloses: [],
  pruned: false,
});

/**
 * Mark days stale after new events landed on them (inside the caller's transaction, which must include
 * `rollups`, `rollupDays` and `dayPacks`): a fresh rollup's rows and its day pack are deleted; a pruned
 * day keeps its rollup (it was computed from the complete day, which a late or re-imported part cannot
 * improve). Returns the days whose rollup was invalidated.
 */
export async function markDaysStale(db: KefuDb, days: Iterable<string>): Promise<string[]> {
  const dates = [...new Set(days)].sort();
  if (!dates.length) return [];
  const existing = await db.rollupDays.bulkGet(dates);
  const invalidated: string[] = [];
  const puts: RollupDay[] = [];
  dates.forEach((date, i) => {
    const day = existing[i];
    if (!day) {
      puts.push(staleDay(date));
    } else if (!day.stale && !day.pruned) {
      puts.push({ ...day, stale: 1 });
      invalidated.push(date);
    }
  });
  for (const date of invalidated) await db.rollups.where('date').equals(date).delete();
  if (invalidated.length) {
    await db.dayPacks.bulkDelete(invalidated);
    await db.dayRounds.bulkDelete(invalidated);
  }
  if (puts.length) await db.rollupDays.bulkPut(puts);
  return invalidated;
}

export interface RecordResult {
  added: number;
  duplicates: number;
  /** The events that were new (stored by this call). */
  fresh: ChatEvent[];
}

/**
 * Store events once per id, atomically: either every new event is stored or none is. The days that
 * received new events are marked stale for the rollups (a late event for a finished day invalidates it).
 */
export async function recordEvents(db: KefuDb, events: readonly ChatEvent[]): Promise<RecordResult> {
  return db.transaction('rw', [db.events, db.rollups, db.rollupDays, db.dayPacks, db.dayRounds], async () => {
    const { fresh } = await storeNew(db, events);
    return {
      added: fresh.length,
      duplicates: events.length - fresh.length,
      fresh: fresh.map(({ day: _day, ...e }) => e as ChatEvent),
    };
  });
}

/**
 * Inside the caller's read-write transaction: store the events whose id is not stored yet (the same id
 * may also repeat inside the list) and mark the days that received them stale for the rollups. Shared
 * by the live path (`recordEvents`) and the file import.
 */
export async function storeNew(db: KefuDb, events: readonly ChatEvent[]): Promise<{ fresh: StoredEvent[]; invalidated: string[] }> {
  const unique = new Map<string, ChatEvent>();
  for (const e of events) if (!unique.has(e.id)) unique.set(e.id, e);
  const ids = [...unique.keys()];
  const existing = await db.events.bulkGet(ids);
  const fresh: StoredEvent[] = [];
  ids.forEach((id, i) => {
    const e = unique.get(id)!;
    if (!existing[i]) fresh.push({ ...e, day: chinaDate(Date.parse(e.ts)) });
  });
  if (!fresh.length) return { fresh, invalidated: [] };
  await db.events.bulkAdd(fresh);
  return { fresh, invalidated: await markDaysStale(db, fresh.map((e) => e.day)) };
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
