import type { ChatEvent } from './events';
import { computeDays, roundOutcomes, KPI_THRESHOLDS, type DayFigures, type Threshold } from './kpi';
import { chinaDate } from '../time/china';

/**
 * What the popup shows for today, from today's and yesterday's events (a round opened before
 * midnight is still open this morning). Figures come from the same code as `npm run stats`.
 */

export type Grade = 'good' | 'fair' | 'bad';

/**
 * Colours against the platforms' own lines (design/metrics.md): PDD effective reply rate < 50 %
 * risks the 1,000 CNY penalty; an average of 20–30 s is excellent, 50–60 s typical, > 100 s bad.
 */
export const TARGETS = {
  avg_response_s: { good: 30, fair: 60 }, // lower is better; > fair is bad (worse than typical)
  rounds_3min_rate: { good: 0.9, fair: 0.8 },
  rounds_30s_rate: { good: 0.8, fair: 0.6 },
  effective_reply_rate: { good: 0.9, fair: 0.5 }, // < 0.5: the penalty line
} as const;

export function grade(field: keyof typeof TARGETS, value: number | null): Grade | null {
  if (value === null) return null;
  const t = TARGETS[field];
  if (field === 'avg_response_s') return value <= t.good ? 'good' : value <= t.fair ? 'fair' : 'bad';
  return value >= t.good ? 'good' : value >= t.fair ? 'fair' : 'bad';
}

export interface Miss {
  platform: string;
  shop: string;
  buyer: string;
  openedAt: number;
  /** Seconds it waited (until the reply, or until now when still unanswered). */
  waited_s: number;
  answered: boolean;
  /** The targets it missed, strictest first ('30s', '3min', '1h'). */
  missed: Threshold[];
}

export interface TodayDashboard {
  day: string;
  shops: DayFigures[];
  /** Per platform, every shop together (only when a platform has more than one shop). */
  totals: DayFigures[];
  /**
   * Every shop of every platform together, each round judged by its own platform's rules (platform
   * `generic`, shop `*`); only when today's shops are on more than one platform.
   */
  overall: DayFigures | null;
  /** In-window rounds that missed the 3-minute target (the one every platform judges), newest first. */
  misses: Miss[];
  compliance: Record<string, { blocked: number; overridden: number; warned: number }>;
  templates: { used: number; top: { template: string; count: number }[] };
}

export function todayDashboard(events: readonly ChatEvent[], opts: { now: number; profiles?: unknown }): TodayDashboard {
  const day = chinaDate(opts.now);
  const shops = computeDays(events, { now: opts.now, profiles: opts.profiles }).filter((d) => d.date === day);

  const multi = new Map<string, number>();
  for (const s of shops) multi.set(s.platform, (multi.get(s.platform) ?? 0) + 1);
  const pooled = events.filter((e) => (multi.get(e.platform) ?? 0) > 1).map((e) => ({ ...e, shop: '*' }) as ChatEvent);
  const totals = pooled.length ? computeDays(pooled, { now: opts.now, profiles: opts.profiles }).filter((d) => d.date === day) : [];
  const overall = multi.size > 1 ? (computeDays(events, { now: opts.now, profiles: opts.profiles, allTogether: true }).find((d) => d.date === day) ?? null) : null;

  const misses: Miss[] = [];
  for (const o of roundOutcomes(events, { now: opts.now, profiles: opts.profiles })) {
    const r = o.round;
    if (r.date !== day || !r.inWindow || r.excluded || o.verdicts['3min'] !== 'missed') continue;
    misses.push({
      platform: r.platform,
      shop: r.shop,
      buyer: r.buyer,
      openedAt: r.openedAt,
      waited_s: Math.round(((r.closedAt ?? opts.now) - r.openedAt) / 1000),
      answered: r.closedAt !== null,
      missed: (Object.keys(KPI_THRESHOLDS) as Threshold[]).filter((t) => o.verdicts[t] === 'missed'),
    });
  }
  misses.sort((a, b) => b.openedAt - a.openedAt);

  const compliance: TodayDashboard['compliance'] = {};
  const used = new Map<string, number>();
  let templatesUsed = 0;
  for (const e of events) {
    if (chinaDate(Date.parse(e.ts)) !== day) continue;
    if (e.type === 'compliance') {
      for (const c of e.categories) {
        const row = (compliance[c] ??= { blocked: 0, overridden: 0, warned: 0 });
        row[e.action]++;
      }
    } else if (e.type === 'template_used') {
      templatesUsed++;
      used.set(e.template, (used.get(e.template) ?? 0) + 1);
    }
  }
  const top = [...used].map(([template, count]) => ({ template, count })).sort((a, b) => b.count - a.count).slice(0, 5);
  return { day, shops, totals, overall, misses, compliance, templates: { used: templatesUsed, top } };
}
