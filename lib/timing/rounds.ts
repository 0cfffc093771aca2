import { isRoundEvent, type ChatEvent, type PlatformName, type RoundEvent } from '../stats/events';
import { chinaDate } from '../time/china';
import { countdown, compareUrgency, type Countdown } from './countdown';
import { DEFAULT_PROFILES, inWindow, type LevelSettings, type RuleProfile } from './profiles';

/**
 * Rounds (回合) exactly as `design/metrics.md` defines them, per (platform, shop, buyer):
 * - opens at a buyer message when that buyer has no open round; later buyer messages don't restart it;
 * - closes at the first *human* agent message after it opened (robot replies never close it; an agent
 *   message with no open round is ignored);
 * - belongs to the China day, and the window side, of its opening message;
 * - a `buyer_excluded` event takes that buyer out for the China day of the event.
 * Pure: time only ever comes in as a parameter or from the events.
 */

/** Which profile judges a platform's events (default: the platform's own). */
export type ProfileFor = (platform: PlatformName) => RuleProfile;
export const ownProfile: ProfileFor = (platform) => DEFAULT_PROFILES[platform];

export interface Round {
  key: string;
  platform: PlatformName;
  shop: string;
  buyer: string;
  /** Id of the buyer message that opened it (for explaining a miss). */
  openedBy: string;
  openedAt: number;
  /** Epoch ms of the closing human reply, null while (or if never) answered. */
  closedAt: number | null;
  /** China date `YYYY-MM-DD` of the opening message. */
  date: string;
  /** The opening message fell in the counting window of its profile. */
  inWindow: boolean;
  /** The buyer was marked as advertising / harassment on `date`. */
  excluded: boolean;
}

const SEP = '\u0000';
/** The round key (platform, shop, buyer) as one string; same separator as the database's counts. */
export const roundKey = (platform: string, shop: string, buyer: string): string =>
  `${platform}${SEP}${shop}${SEP}${buyer}`;
export function parseRoundKey(key: string): { platform: PlatformName; shop: string; buyer: string } {
  const [platform, shop, buyer] = key.split(SEP) as [PlatformName, string, string];
  return { platform, shop, buyer };
}

export interface TimedEvent {
  event: RoundEvent;
  ms: number;
  key: string;
}

/** Duplicate ids dropped (the first copy wins), instants parsed once, sorted by ts (stable). */
export function prepareEvents(events: Iterable<ChatEvent>): TimedEvent[] {
  const seen = new Set<string>();
  const out: TimedEvent[] = [];
  for (const event of events) {
    if (!isRoundEvent(event)) continue;
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    const ms = Date.parse(event.ts);
    if (Number.isNaN(ms)) throw new RangeError(`event ${event.id}: ts ${event.ts} is not an instant`);
    out.push({ event, ms, key: roundKey(event.platform, event.shop, event.buyer) });
  }
  // Array#sort is stable: events at the same instant keep their input order.
  return out.sort((a, b) => a.ms - b.ms);
}

/** `key␀date` of every exclusion. */
export function exclusions(prepared: readonly TimedEvent[]): Set<string> {
  const out = new Set<string>();
  for (const t of prepared) if (t.event.type === 'buyer_excluded') out.add(`${t.key}${SEP}${chinaDate(t.ms)}`);
  return out;
}

export const isExcluded = (excluded: ReadonlySet<string>, key: string, date: string): boolean =>
  excluded.size > 0 && excluded.has(`${key}${SEP}${date}`);

/** Rounds from events that went through `prepareEvents`, in opening order. */
export function roundsFromPrepared(prepared: readonly TimedEvent[], profileFor: ProfileFor = ownProfile): Round[] {
  const excluded = exclusions(prepared);
  const open = new Map<string, Round>();
  const rounds: Round[] = [];
  for (const { event, ms, key } of prepared) {
    if (event.type === 'buyer_message') {
      if (open.has(key)) continue;
      const date = chinaDate(ms);
      const round: Round = {
        key,
        platform: event.platform,
        shop: event.shop,
        buyer: event.buyer,
        openedBy: event.id,
        openedAt: ms,
        closedAt: null,
        date,
        inWindow: inWindow(ms, profileFor(event.platform)),
        excluded: isExcluded(excluded, key, date),
      };
      open.set(key, round);
      rounds.push(round);
    } else if (event.type === 'agent_message' && event.sender === 'human') {
      const round = open.get(key);
      if (round) {
        round.closedAt = ms;
        open.delete(key);
      }
    }
  }
  return rounds;
}

/** Every round in the events (any order, duplicates allowed), in opening order. */
export function buildRounds(events: Iterable<ChatEvent>, profileFor: ProfileFor = ownProfile): Round[] {
  return roundsFromPrepared(prepareEvents(events), profileFor);
}

// ---------------------------------------------------------------------------------------------------
// Incremental form for the live overlay.

/** What the tracker keeps of a closed round, until the caller drains it. */
export interface ClosedRound {
  key: string;
  openedAt: number;
  closedAt: number;
}

export interface OpenRound {
  key: string;
  platform: PlatformName;
  shop: string;
  buyer: string;
  openedAt: number;
  date: string;
  inWindow: boolean;
}

export interface WaitingRound extends OpenRound {
  countdown: Countdown;
}

export type AddResult = 'opened' | 'closed' | 'duplicate' | 'excluded' | 'ignored';

export interface RoundTrackerOptions {
  profileFor?: ProfileFor;
  /** Level thresholds over every profile's own. */
  levels?: Partial<LevelSettings>;
  /** How many recent event ids are remembered to drop re-observed events (default 4096). */
  recentIds?: number;
}

/** A Set/Map that forgets its oldest entries beyond a capacity, so memory stays flat. */
class Recent<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly capacity: number) {}
  get(k: string): V | undefined {
    return this.map.get(k);
  }
  has(k: string): boolean {
    return this.map.has(k);
  }
  set(k: string, v: V): void {
    this.map.delete(k);
    this.map.set(k, v);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
  }
  get size(): number {
    return this.map.size;
  }
}

/**
 * Rounds built one event at a time. Holds the open rounds (one per waiting key), the closed-round
 * records until `drainClosed()`, and bounded memories (recent ids, recent closes, today's exclusions)
 * that guard against the page re-showing old messages. Nothing else is kept per closed round.
 */
export class RoundTracker {
  private readonly openRounds = new Map<string, OpenRound>();
  private closed: ClosedRound[] = [];
  private readonly ids: Recent<true>;
  /** Last close per key: a re-observed buyer message older than it must not open a round. */
  private readonly lastClose: Recent<number>;
  /** key → China date it is excluded on. */
  private readonly excludedOn = new Map<string, string>();
  private readonly profileFor: ProfileFor;
  private readonly levelsFor = new Map<RuleProfile, LevelSettings>();
  private readonly levels: Partial<LevelSettings> | undefined;
  /** China date of the newest event seen. */
  private today = '';

  constructor(options: RoundTrackerOptions = {}) {
    this.profileFor = options.profileFor ?? ownProfile;
    this.levels = options.levels;
    this.ids = new Recent(options.recentIds ?? 4096);
    this.lastClose = new Recent(options.recentIds ?? 4096);
  }

  add(event: ChatEvent, ms: number = Date.parse(event.ts)): AddResult {
    if (!isRoundEvent(event)) return 'ignored';
    if (this.ids.has(event.id)) return 'duplicate';
    this.ids.set(event.id, true);
    const key = roundKey(event.platform, event.shop, event.buyer);
    const date = chinaDate(ms);
    if (date > this.today) this.today = date;
    switch (event.type) {
      case 'buyer_message': {
        if (this.openRounds.has(key)) return 'ignored';
        const closedAt = this.lastClose.get(key);
        if (closedAt !== undefined && ms < closedAt) return 'ignored';
        if (this.excludedOn.get(key) === date) return 'excluded';
        this.openRounds.set(key, {
          key,
          platform: event.platform,
          shop: event.shop,
          buyer: event.buyer,
          openedAt: ms,
          date,
          inWindow: inWindow(ms, this.profileFor(event.platform)),
        });
        return 'opened';
      }
      case 'agent_message': {
        if (event.sender !== 'human') return 'ignored';
        const round = this.openRounds.get(key);
        if (!round || ms < round.openedAt) return 'ignored';
        this.openRounds.delete(key);
        this.lastClose.set(key, ms);
        this.closed.push({ key, openedAt: round.openedAt, closedAt: ms });
        return 'closed';
      }
      case 'buyer_excluded': {
        this.excludedOn.set(key, date);
        const round = this.openRounds.get(key);
        if (round && round.date === date) this.openRounds.delete(key);
        return 'excluded';
      }
      default:
        return 'ignored';
    }
  }

  /** Open rounds, in no particular order. */
  open(): IterableIterator<OpenRound> {
    return this.openRounds.values();
  }

  get openCount(): number {
    return this.openRounds.size;
  }

  /** Waiting buyers with their countdown at `now`, most urgent first. */
  waiting(now: number): WaitingRound[] {
    const out: WaitingRound[] = [];
    for (const round of this.openRounds.values()) {
      const profile = this.profileFor(round.platform);
      out.push({ ...round, countdown: countdown(round, now, profile, this.levelSettings(profile)) });
    }
    return out.sort((a, b) => compareUrgency(a.countdown, b.countdown));
  }

  /** Closed-round records since the last drain; the tracker forgets them. */
  drainClosed(): ClosedRound[] {
    const out = this.closed;
    this.closed = [];
    // Exclusions only matter on their own day; forget those of days before the newest event's.
    for (const [k, d] of this.excludedOn) if (d < this.today) this.excludedOn.delete(k);
    return out;
  }

  private levelSettings(profile: RuleProfile): LevelSettings {
    if (!this.levels) return profile.levels;
    let merged = this.levelsFor.get(profile);
    if (!merged) {
      merged = { ...profile.levels, ...this.levels };
      this.levelsFor.set(profile, merged);
    }
    return merged;
  }
}
