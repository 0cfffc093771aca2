import { DEFAULT_PROFILES, resolveProfiles, type ProfileName, type RuleProfile } from '../timing/profiles';
import { RoundTracker, type OpenRound, type WaitingRound } from '../timing/rounds';
import { toChinaIso } from '../time/china';
import type { ChatEvent, PlatformName } from '../stats/events';
import type { WaitingEntry } from '../alerts';

/**
 * The open rounds of one workbench page, fed with the events the page produces: who is waiting now,
 * with their countdown. Profiles come from settings and can change while the page is open.
 */
export class LiveRounds {
  private profiles: Record<ProfileName, RuleProfile> = { ...DEFAULT_PROFILES };
  private readonly tracker = new RoundTracker({ profileFor: (p) => this.profiles[p] });

  constructor(private readonly platform: PlatformName) {}

  /** Apply the settings' profile overrides; returns the fields that were refused. */
  configure(overrides: unknown): string[] {
    const r = resolveProfiles(overrides);
    this.profiles = r.profiles;
    return r.problems;
  }

  add(events: readonly ChatEvent[]): void {
    for (const e of events) this.tracker.add(e);
  }

  /** Waiting buyers, most urgent first. */
  waiting(now: number): WaitingRound[] {
    return this.tracker.waiting(now);
  }

  /** Closed rounds are the database's business; the page keeps nothing of them. */
  forgetClosed(): void {
    this.tracker.drainClosed();
  }

  /** What the background needs to keep the badge and alerts without the page's clock. */
  entries(waiting: readonly WaitingRound[], nicknames: ReadonlyMap<string, string | null>): WaitingEntry[] {
    const levels = this.profiles[this.platform].levels;
    return waiting.map((w) => ({
      round: `${w.key}|${w.openedAt}`,
      buyer: w.buyer,
      nickname: nicknames.get(w.buyer) ?? null,
      openedAt: w.openedAt,
      soonAt: w.openedAt + (levels.lateAfterS - levels.soonLeftS) * 1000,
      lateAt: w.openedAt + levels.lateAfterS * 1000,
      breachedAt: w.openedAt + levels.breachedAfterS * 1000,
      inWindow: w.inWindow,
    }));
  }
}

/**
 * The agent named (or renamed) the shop of a page that shows none: the rounds still open under the old
 * name move to the new one with the time they opened, and the old name's rounds are left out of that
 * day's figures (`buyer_excluded`, reason `merged`), so each round counts once, under the shop's name.
 */
export function moveRoundsToShop(open: readonly OpenRound[], from: string, to: string): ChatEvent[] {
  if (from === to) return [];
  return open
    .filter((r) => r.shop === from)
    .flatMap((r): ChatEvent[] => {
      const ts = toChinaIso(r.openedAt);
      const at = Math.floor(r.openedAt / 1000);
      return [
        { id: `${r.platform}:${from}:${r.buyer}:merged:shop-${at}`, type: 'buyer_excluded', ts, platform: r.platform, shop: from, buyer: r.buyer, reason: 'merged' },
        { id: `${r.platform}:${to}:${r.buyer}:named:${at}`, type: 'buyer_message', ts, platform: r.platform, shop: to, buyer: r.buyer },
      ];
    });
}
