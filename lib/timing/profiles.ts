import { z } from 'zod';
import { CHINA_OFFSET_MS } from '../time/china';
import { PLATFORMS, type PlatformName } from '../stats/events';

/**
 * Rule profiles of `design/metrics.md` as data: the window each platform counts, the targets the
 * countdown shows, the 600 s cap of the platform-style average, and the countdown levels.
 *
 * Window: China wall-clock time, half-open [from, to): `from` is the first counted instant, `to` the
 * first instant no longer counted. Taobao and Douyin publish "08:00:00–22:59:59" (last counted second
 * 22:59:59), which is [08:00, 23:00); PDD's and Kuaishou's "08:00–23:00" is read the same way, so
 * 08:00:00 is in and 23:00:00 is out for all of them. One convention, so a setting means one thing.
 *
 * Levels, the same rule for every profile (only the numbers differ):
 *   fine      elapsed < lateAfterS − soonLeftS
 *   soon      ≤ soonLeftS seconds left to the main target (lateAfterS)
 *   late      elapsed > lateAfterS (the main target, 180 s everywhere, has passed)
 *   breached  elapsed > breachedAfterS
 * "Within" is inclusive, so at exactly 180 s a reply is still in time and the level is still `soon`.
 * breachedAfterS is where nothing can get any better for the shop: the last countdown target when it
 * lies beyond the main one (pdd 1 h: the effective-reply rule; generic 10 min); for taobao the 30-minute
 * no-reply fine; elsewhere the 600 s cap, after which the round already counts its worst in the average.
 */

export type ProfileName = PlatformName;
export const PROFILE_NAMES: readonly ProfileName[] = PLATFORMS;

export interface CountdownTarget {
  seconds: number;
  /** Short label for the chip: `30s`, `3min`, `1h`. */
  label: string;
}

export interface LevelSettings {
  /** `soon` once at most this many seconds are left to lateAfterS (default 60 = the last third of 3 min). */
  soonLeftS: number;
  /** `late` once elapsed passes this: the main target, 180 s for every profile. */
  lateAfterS: number;
  /** `breached` once elapsed passes this. */
  breachedAfterS: number;
}

export interface RuleProfile {
  name: ProfileName;
  /** China time, `HH:MM` or `HH:MM:SS`, [from, to); `to` may be `24:00`. */
  window: { from: string; to: string };
  /** Countdown targets in seconds, ascending. */
  targets: CountdownTarget[];
  /** Each round counts at most this in the platform-style average (and an unanswered one counts this). */
  capS: number;
  levels: LevelSettings;
  /**
   * The platform judges an "effective reply rate" (PDD: a buyer counts when every in-window round
   * was answered within `withinS`) and fines a day with at least `penaltyMinBuyers` consulting
   * buyers and a rate below `penaltyBelow`. Absent where the platform has no such rule.
   */
  effectiveReply?: { withinS: number; penaltyMinBuyers: number; penaltyBelow: number };
}

const target = (seconds: number): CountdownTarget => ({ seconds, label: targetLabel(seconds) });

/** `30s`, `100s`, `3min`, `1h`, `1h30min`. */
export function targetLabel(seconds: number): string {
  if (seconds < 60 || seconds % 60 !== 0) return `${seconds}s`;
  const h = Math.floor(seconds / 3600);
  const min = (seconds % 3600) / 60;
  if (!h) return `${min}min`;
  return min ? `${h}h${min}min` : `${h}h`;
}

const LATE_AFTER_S = 180;
const SOON_LEFT_S = 60;
const CAP_S = 600;

const profile = (
  name: ProfileName,
  from: string,
  to: string,
  targetSeconds: number[],
  breachedAfterS: number,
): RuleProfile => ({
  name,
  window: { from, to },
  targets: targetSeconds.map(target),
  capS: CAP_S,
  levels: { soonLeftS: SOON_LEFT_S, lateAfterS: LATE_AFTER_S, breachedAfterS },
});

/** The defaults, straight from the metrics note's table. */
export const DEFAULT_PROFILES: Readonly<Record<ProfileName, RuleProfile>> = {
  // PDD 客服管理规则 3.2–3.6: effective reply = every in-window round answered within 1 h; a day with
  // ≥ 100 consulting buyers and a rate under 50 % risks a 1,000 CNY penalty.
  pdd: { ...profile('pdd', '08:00', '23:00', [30, 180, 3600], 3600), effectiveReply: { withinS: 3600, penaltyMinBuyers: 100, penaltyBelow: 0.5 } },
  // Published 08:00:00–22:59:59. Qianniu slow-response alert at 100 s; no reply within 30 min is fined.
  taobao: profile('taobao', '08:00', '23:00', [100, 180], 1800),
  // Published 08:00:00–22:59:59.
  douyin: profile('douyin', '08:00', '23:00', [180], CAP_S),
  // JD also starts a new session after 10 min of silence; the round definition does not use it.
  jd: profile('jd', '09:00', '23:00', [30, 180], CAP_S),
  // Assumed window: no public rule found. The workbench says 请在3分钟内回复.
  kuaishou: profile('kuaishou', '08:00', '23:00', [180], CAP_S),
  generic: profile('generic', '00:00', '24:00', [60, 180, 600], 600),
};

// ---------------------------------------------------------------------------------------------------
// Window arithmetic

const DAY_MS = 24 * 60 * 60 * 1000;
const TIME_OF_DAY = /^(?:([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?|24:00(?::00)?)$/;

/** Seconds since China midnight of `HH:MM[:SS]` (24:00 → 86400), or null if not such a time. */
export function secondsOfDay(text: string): number | null {
  const m = TIME_OF_DAY.exec(text);
  if (!m) return null;
  if (m[1] === undefined) return 86_400;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
}

/** The window as ms since China midnight, [start, end). */
function windowBounds(window: RuleProfile['window']): readonly [number, number] {
  const start = secondsOfDay(window.from);
  const end = secondsOfDay(window.to);
  if (start === null || end === null) throw new RangeError(`bad window ${window.from}–${window.to}`);
  return [start * 1000, end * 1000];
}

const boundsCache = new WeakMap<RuleProfile['window'], readonly [number, number]>();

/** Whether an instant falls in the profile's counting window, in China time. */
export function inWindow(ms: number, p: RuleProfile): boolean {
  let bounds = boundsCache.get(p.window);
  if (!bounds) {
    bounds = windowBounds(p.window);
    boundsCache.set(p.window, bounds);
  }
  const ofDay = (((ms + CHINA_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  return ofDay >= bounds[0] && ofDay < bounds[1];
}

/** Epoch ms of the China midnight that ends the China day containing `ms`. */
export function chinaDayEnd(ms: number): number {
  const local = ms + CHINA_OFFSET_MS;
  return local - (((local % DAY_MS) + DAY_MS) % DAY_MS) + DAY_MS - CHINA_OFFSET_MS;
}

// ---------------------------------------------------------------------------------------------------
// Overrides from settings: a partial profile merged over the defaults, one field at a time, so one bad
// field falls back alone instead of resetting the whole profile.

const seconds = z.number().finite().positive().max(7 * 24 * 3600);
const timeOfDay = z.string().refine((s) => secondsOfDay(s) !== null, 'expected HH:MM or HH:MM:SS (24:00 allowed)');

const fieldSchemas = {
  window: z.object({ from: timeOfDay, to: timeOfDay }).partial().strict(),
  /** Seconds, or {seconds, label}; sorted ascending on merge. */
  targets: z.array(z.union([seconds, z.object({ seconds, label: z.string().min(1).max(20) })])).min(1).max(10),
  capS: seconds,
  levels: z
    .object({ soonLeftS: z.number().finite().min(0), lateAfterS: seconds, breachedAfterS: seconds })
    .partial()
    .strict(),
};

/** A partial profile as the settings store holds it. */
export const profileOverrideSchema = z.object(fieldSchemas).partial().strict();

export type ProfileOverride = z.input<typeof profileOverrideSchema>;
export type ProfileOverrides = Partial<Record<ProfileName, ProfileOverride>>;

export interface ResolvedProfiles {
  profiles: Record<ProfileName, RuleProfile>;
  /** One line per rejected field, e.g. `pdd.window.to: expected HH:MM…`; empty when all were taken. */
  problems: string[];
}

const issueText = (error: z.ZodError): string => error.issues.map((i) => i.message).join('; ');

function mergeProfile(base: RuleProfile, raw: unknown, problems: string[]): RuleProfile {
  const name = base.name;
  if (raw === undefined) return base;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push(`${name}: expected an object`);
    return base;
  }
  const out: RuleProfile = { ...base, window: { ...base.window }, levels: { ...base.levels } };
  const shape = fieldSchemas;
  for (const [field, value] of Object.entries(raw)) {
    if (!Object.hasOwn(shape, field)) {
      problems.push(`${name}.${field}: unknown setting`);
      continue;
    }
    if (value === undefined) continue;
    if (field === 'window' || field === 'levels') {
      // Field by field inside, too.
      const inner = shape[field].shape as Record<string, z.ZodType>;
      if (typeof value !== 'object' || value === null) {
        problems.push(`${name}.${field}: expected an object`);
        continue;
      }
      for (const [k, v] of Object.entries(value)) {
        const schema = inner[k];
        if (!schema) {
          problems.push(`${name}.${field}.${k}: unknown setting`);
          continue;
        }
        const parsed = schema.safeParse(v);
        if (!parsed.success) problems.push(`${name}.${field}.${k}: ${issueText(parsed.error)}`);
        else (out[field] as unknown as Record<string, unknown>)[k] = parsed.data;
      }
      continue;
    }
    const parsed = shape[field as 'targets' | 'capS'].safeParse(value);
    if (!parsed.success) {
      problems.push(`${name}.${field}: ${issueText(parsed.error)}`);
    } else if (field === 'capS') {
      out.capS = parsed.data as number;
    } else {
      out.targets = (parsed.data as (number | CountdownTarget)[])
        .map((t) => (typeof t === 'number' ? target(t) : t))
        .sort((a, b) => a.seconds - b.seconds);
    }
  }
  // Cross-field rules: a broken combination falls back to the default of the part that broke it.
  const start = secondsOfDay(out.window.from)!;
  const end = secondsOfDay(out.window.to)!;
  if (start >= end) {
    problems.push(`${name}.window: from ${out.window.from} is not before to ${out.window.to}; default kept`);
    out.window = base.window;
  }
  if (out.levels.soonLeftS > out.levels.lateAfterS) {
    problems.push(`${name}.levels.soonLeftS: more than lateAfterS; default kept`);
    out.levels.soonLeftS = Math.min(base.levels.soonLeftS, out.levels.lateAfterS);
  }
  if (out.levels.breachedAfterS < out.levels.lateAfterS) {
    problems.push(`${name}.levels.breachedAfterS: less than lateAfterS; set to lateAfterS`);
    out.levels.breachedAfterS = out.levels.lateAfterS;
  }
  return out;
}

/**
 * The profiles with settings applied. `overrides` is whatever the settings store holds (validated
 * here); unknown profiles and bad fields are reported in `problems` and fall back to the defaults.
 */
export function resolveProfiles(overrides?: unknown): ResolvedProfiles {
  const problems: string[] = [];
  const profiles = { ...DEFAULT_PROFILES } as Record<ProfileName, RuleProfile>;
  if (overrides === undefined || overrides === null) return { profiles, problems };
  if (typeof overrides !== 'object' || Array.isArray(overrides)) {
    return { profiles, problems: ['profiles: expected an object keyed by profile name'] };
  }
  for (const [name, raw] of Object.entries(overrides)) {
    if (!isProfileName(name)) {
      problems.push(`${name}: unknown profile (known: ${PROFILE_NAMES.join(', ')})`);
      continue;
    }
    profiles[name] = mergeProfile(DEFAULT_PROFILES[name], raw, problems);
  }
  return { profiles, problems };
}

export function isProfileName(name: string): name is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(name);
}
