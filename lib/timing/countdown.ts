import { inWindow, type CountdownTarget, type LevelSettings, type RuleProfile } from './profiles';

/** Countdown levels, least to most urgent. See `profiles.ts` for the thresholds. */
export type Level = 'fine' | 'soon' | 'late' | 'breached';
export const LEVELS: readonly Level[] = ['fine', 'soon', 'late', 'breached'];

export interface Countdown {
  elapsedMs: number;
  /** The first target not yet passed (a reply at exactly the target is still within it). */
  nextTarget: CountdownTarget | null;
  /** Time left to nextTarget (0 at the target itself), null when every target has passed. */
  leftMs: number | null;
  level: Level;
  /** The round's opening message fell in the profile's counting window (it counts in the figures). */
  inWindow: boolean;
}

/**
 * Countdown state of an open round at `now`. `settings` overrides the profile's level thresholds.
 * Pure and allocation-light: it runs for every waiting buyer on every tick.
 */
export function countdown(
  round: { openedAt: number; inWindow?: boolean },
  now: number,
  profile: RuleProfile,
  settings?: Partial<LevelSettings>,
): Countdown {
  const levels = settings ? { ...profile.levels, ...settings } : profile.levels;
  const elapsedMs = Math.max(0, now - round.openedAt);
  let nextTarget: CountdownTarget | null = null;
  for (const t of profile.targets) {
    if (elapsedMs <= t.seconds * 1000) {
      nextTarget = t;
      break;
    }
  }
  return {
    elapsedMs,
    nextTarget,
    leftMs: nextTarget ? nextTarget.seconds * 1000 - elapsedMs : null,
    level: levelAt(elapsedMs, levels),
    inWindow: round.inWindow ?? inWindow(round.openedAt, profile),
  };
}

/** The level after `elapsedMs` of waiting. Boundaries are inclusive in the buyer's favour. */
export function levelAt(elapsedMs: number, levels: LevelSettings): Level {
  if (elapsedMs > levels.breachedAfterS * 1000) return 'breached';
  if (elapsedMs > levels.lateAfterS * 1000) return 'late';
  if (elapsedMs >= (levels.lateAfterS - levels.soonLeftS) * 1000) return 'soon';
  return 'fine';
}

const RANK: Record<Level, number> = { breached: 3, late: 2, soon: 1, fine: 0 };

/**
 * Most urgent first: higher level, then less time left to the next target (none left sorts after
 * some left, within a level), then longer waiting.
 */
export function compareUrgency(a: Countdown, b: Countdown): number {
  const byLevel = RANK[b.level] - RANK[a.level];
  if (byLevel) return byLevel;
  if (a.leftMs !== null && b.leftMs !== null && a.leftMs !== b.leftMs) return a.leftMs - b.leftMs;
  if ((a.leftMs === null) !== (b.leftMs === null)) return a.leftMs === null ? 1 : -1;
  return b.elapsedMs - a.elapsedMs;
}

/** A sorted copy, most urgent first. */
export function rankByUrgency<T extends { countdown: Countdown }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareUrgency(a.countdown, b.countdown));
}
