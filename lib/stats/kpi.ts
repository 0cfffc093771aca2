import type { ChatEvent, PlatformName } from './events';
import { chinaDate } from '../time/china';
import {
  chinaDayEnd,
  inWindow,
  resolveProfiles,
  type ProfileName,
  type RuleProfile,
} from '../timing/profiles';
import { exclusions, isExcluded, prepareEvents, roundsFromPrepared, type ProfileFor, type Round } from '../timing/rounds';

/**
 * The figures of `design/metrics.md`, per (China date, platform, shop), computed the way the platforms
 * compute them, at a given `now`. The dashboard, the exports and `npm run stats` all call this.
 */

/** Exactly the metric fields plus the row's key, in the note's order. */
export interface DayFigures {
  date: string;
  platform: PlatformName;
  shop: string;
  consulting_buyers: number;
  rounds: number;
  answered_rounds: number;
  avg_response_s: number | null;
  median_response_s: number | null;
  p90_response_s: number | null;
  rounds_30s_rate: number | null;
  rounds_3min_rate: number | null;
  buyers_30s_rate: number | null;
  buyers_3min_rate: number | null;
  effective_reply_rate: number | null;
  unanswered_rounds: number;
}

export const DAY_FIELDS = [
  'date', 'platform', 'shop', 'consulting_buyers', 'rounds', 'answered_rounds', 'avg_response_s',
  'median_response_s', 'p90_response_s', 'rounds_30s_rate', 'rounds_3min_rate', 'buyers_30s_rate',
  'buyers_3min_rate', 'effective_reply_rate', 'unanswered_rounds',
] as const satisfies readonly (keyof DayFigures)[];

/**
 * The thresholds the figures are named after (rounds_30s_rate, …_3min_rate, effective_reply_rate).
 * Fixed by the definitions, not by a profile: a profile decides the window and the cap.
 */
export const KPI_THRESHOLDS = { '30s': 30, '3min': 180, '1h': 3600 } as const;
export type Threshold = keyof typeof KPI_THRESHOLDS;
const THRESHOLDS = Object.keys(KPI_THRESHOLDS) as Threshold[];

export interface ComputeOptions {
  /** Epoch ms of the moment of computing: rounds still open then are pending (see `verdict`). */
  now: number;
  /** Judge every event by this profile; default: each event's platform's own profile. */
  profile?: ProfileName;
  /** Settings overrides of the profiles (validated; a bad field falls back to its default). */
  profiles?: unknown;
  /**
   * One row per date for every platform and shop together (platform `generic`, shop `*`), each round
   * still judged by its own platform's window, cap and thresholds: the agent's whole day. Not a figure
   * any platform computes; the dashboard's "all together" row.
   */
  allTogether?: boolean;
}

/** met / missed, or pending: still open, younger than the threshold, and its day not over. */
export type Verdict = 'met' | 'missed' | 'pending';

export interface RoundOutcome {
  round: Round;
  /** Uncapped response time, null while unanswered. */
  response_s: number | null;
  /** What the round adds to the capped average, null while it is left out (open and < cap old). */
  capped_s: number | null;
  verdicts: Record<Threshold, Verdict>;
}

function profileResolver(options: ComputeOptions): ProfileFor {
  const { profiles } = resolveProfiles(options.profiles);
  if (options.profile) {
    const fixed = profiles[options.profile];
    return () => fixed;
  }
  return (platform) => profiles[platform];
}

/** A round's standing at `now` (its closing reply, if any, is at or before `now`). */
export function outcome(round: Round, now: number, profile: RuleProfile): RoundOutcome {
  const dayOver = now >= chinaDayEnd(round.openedAt);
  const capMs = profile.capS * 1000;
  const verdicts = {} as Record<Threshold, Verdict>;
  if (round.closedAt !== null) {
    const responseMs = round.closedAt - round.openedAt;
    for (const t of THRESHOLDS) verdicts[t] = responseMs <= KPI_THRESHOLDS[t] * 1000 ? 'met' : 'missed';
    return { round, response_s: responseMs / 1000, capped_s: Math.min(responseMs, capMs) / 1000, verdicts };
  }
  const ageMs = now - round.openedAt;
  // Open: missed once older than the threshold ("within" is inclusive), or once its day is over.
  for (const t of THRESHOLDS) verdicts[t] = dayOver || ageMs > KPI_THRESHOLDS[t] * 1000 ? 'missed' : 'pending';
  return { round, response_s: null, capped_s: dayOver || ageMs >= capMs ? profile.capS : null, verdicts };
}

interface Group {
  figures: DayFigures;
  /** Consulting buyer key → per threshold: 'missed' wins, else 'pending' if any, else 'met'. */
  buyers: Map<string, Record<Threshold, Verdict>>;
  responses: number[];
  cappedSum: number;
  cappedCount: number;
  met: Record<Threshold, number>;
  missed: Record<Threshold, number>;
}

const SEP = '\u0000';
const groupKeyOf = (date: string, platform: string, shop: string, allTogether?: boolean): string =>
  allTogether ? date : `${date}${SEP}${platform}${SEP}${shop}`;
const zero = (): Record<Threshold, number> => ({ '30s': 0, '3min': 0, '1h': 0 });

function newGroup(date: string, platform: PlatformName, shop: string): Group {
  return {
    figures: {
      date,
      platform,
      shop,
      consulting_buyers: 0,
      rounds: 0,
      answered_rounds: 0,
      avg_response_s: null,
      median_response_s: null,
      p90_response_s: null,
      rounds_30s_rate: null,
      rounds_3min_rate: null,
      buyers_30s_rate: null,
      buyers_3min_rate: null,
      effective_reply_rate: null,
      unanswered_rounds: 0,
    },
    buyers: new Map(),
    responses: [],
    cappedSum: 0,
    cappedCount: 0,
    met: zero(),
    missed: zero(),
  };
}

/** Median of ascending values; the mean of the middle two for an even count. */
export function median(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (!n) return null;
  const mid = n >> 1;
  return n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile of ascending values: the smallest value ≥ p % of the values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  const n = sorted.length;
  if (!n) return null;
  return sorted[Math.max(1, Math.ceil((p / 100) * n)) - 1]!;
}

const rate = (met: number, missed: number): number | null => (met + missed ? met / (met + missed) : null);

/** Dates per instant, cached across a China day (events come sorted, so this hits nearly always). */
function dateCache(): (ms: number) => string {
  let from = Infinity;
  let to = -Infinity;
  let date = '';
  return (ms) => {
    if (ms < from || ms >= to) {
      date = chinaDate(ms);
      to = chinaDayEnd(ms);
      from = to - 86_400_000;
    }
    return date;
  };
}

interface Prepared {
  rounds: Round[];
  profileFor: ProfileFor;
  groups: Map<string, Group>;
}

function prepare(events: Iterable<ChatEvent>, options: ComputeOptions): Prepared {
  const { now } = options;
  if (!Number.isFinite(now)) throw new RangeError(`now must be epoch ms, got ${now}`);
  const profileFor = profileResolver(options);
  // Figures as they stood at `now`: anything stamped later has not happened yet.
  const prepared = prepareEvents(events).filter((t) => t.ms <= now);
  const excluded = exclusions(prepared);
  const rounds = roundsFromPrepared(prepared, profileFor);
  const groups = new Map<string, Group>();
  const dateOf = dateCache();
  // A row for every (date, platform, shop) with a buyer message, and its consulting buyers.
  for (const { event, ms, key } of prepared) {
    if (event.type !== 'buyer_message') continue;
    const date = dateOf(ms);
    const groupKey = groupKeyOf(date, event.platform, event.shop, options.allTogether);
    let group = groups.get(groupKey);
    if (!group) groups.set(groupKey, (group = options.allTogether ? newGroup(date, 'generic', '*') : newGroup(date, event.platform, event.shop)));
    if (group.buyers.has(key) || isExcluded(excluded, key, date) || !inWindow(ms, profileFor(event.platform))) continue;
    // A consulting buyer with no in-window round of that day (its round opened earlier and is still
    // open) has every in-window round answered in time, vacuously: met.
    group.buyers.set(key, { '30s': 'met', '3min': 'met', '1h': 'met' });
  }
  return { rounds, profileFor, groups };
}

/** Outcome of every round at `now`, including out-of-window and excluded ones (flagged on the round). */
export function roundOutcomes(events: Iterable<ChatEvent>, options: ComputeOptions): RoundOutcome[] {
  const { rounds, profileFor } = prepare(events, options);
  return rounds.map((r) => outcome(r, options.now, profileFor(r.platform)));
}

/** The day figures, sorted by date, platform, shop. */
export function computeDays(events: Iterable<ChatEvent>, options: ComputeOptions): DayFigures[] {
  const { now } = options;
  const { rounds, profileFor, groups } = prepare(events, options);

  for (const round of rounds) {
    if (!round.inWindow || round.excluded) continue;
    // The opening buyer message made this group and registered the buyer.
    const group = groups.get(groupKeyOf(round.date, round.platform, round.shop, options.allTogether))!;
    const o = outcome(round, now, profileFor(round.platform));
    const f = group.figures;
    f.rounds++;
    if (o.response_s !== null) {
      f.answered_rounds++;
      group.responses.push(o.response_s);
    } else {
      f.unanswered_rounds++;
    }
    if (o.capped_s !== null) {
      group.cappedSum += o.capped_s;
      group.cappedCount++;
    }
    const buyer = group.buyers.get(round.key)!;
    for (const t of THRESHOLDS) {
      const v = o.verdicts[t];
      if (v === 'met') group.met[t]++;
      else if (v === 'missed') group.missed[t]++;
      if (v === 'missed' || (v === 'pending' && buyer[t] === 'met')) buyer[t] = v;
    }
  }

  const out: DayFigures[] = [];
  for (const group of groups.values()) {
    const f = group.figures;
    f.consulting_buyers = group.buyers.size;
    f.avg_response_s = group.cappedCount ? group.cappedSum / group.cappedCount : null;
    const sorted = group.responses.sort((a, b) => a - b);
    f.median_response_s = median(sorted);
    f.p90_response_s = percentile(sorted, 90);
    f.rounds_30s_rate = rate(group.met['30s'], group.missed['30s']);
    f.rounds_3min_rate = rate(group.met['3min'], group.missed['3min']);
    const buyersMet = zero();
    const buyersMissed = zero();
    for (const verdicts of group.buyers.values()) {
      for (const t of THRESHOLDS) {
        if (verdicts[t] === 'met') buyersMet[t]++;
        else if (verdicts[t] === 'missed') buyersMissed[t]++;
      }
    }
    f.buyers_30s_rate = rate(buyersMet['30s'], buyersMissed['30s']);
    f.buyers_3min_rate = rate(buyersMet['3min'], buyersMissed['3min']);
    f.effective_reply_rate = rate(buyersMet['1h'], buyersMissed['1h']);
    out.push(f);
  }
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return out.sort((a, b) => cmp(a.date, b.date) || cmp(a.platform, b.platform) || cmp(a.shop, b.shop));
}

/**
 * The platform's penalty line for a day, from its rule profile (PDD 客服管理规则 3.2–3.6: ≥ 100
 * consulting buyers and an effective reply rate under 50 % risk a 1,000 CNY penalty). Kept out of the
 * day figures (their fields are fixed by the note); false for platforms without such a rule.
 */
export function penaltyRisk(
  day: Pick<DayFigures, 'consulting_buyers' | 'effective_reply_rate'>,
  profile: Pick<RuleProfile, 'effectiveReply'>,
): boolean {
  const rule = profile.effectiveReply;
  return !!rule && day.consulting_buyers >= rule.penaltyMinBuyers && day.effective_reply_rate !== null && day.effective_reply_rate < rule.penaltyBelow;
}
