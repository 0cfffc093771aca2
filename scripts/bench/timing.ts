/**
 * Benchmarks of the pure timing engine (`npm run bench:timing`). Not timed tests: figures to read, each
 * with a ratio against doing the same work naively in the same run, so they mean something on any
 * machine. The last line of output is one JSON object with every figure.
 *
 *   (a) one countdown tick: 200 waiting buyers (4 in each of 50 conversation lists), target ≤ 2 ms;
 *       naive = rebuild the rounds from the shift's full event list on every tick.
 *   (b) an 8-hour shift of 3,000 rounds through RoundTracker, draining closed rounds every simulated
 *       minute: heap growth after GC, target ≤ 5 MB; naive = keep every event and round.
 *   (c) computeDays over 90 days × 3,000 events/day; baseline = only parsing, de-duplicating and
 *       sorting the same events (work any implementation must do).
 */
import { rng } from './stats';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ChatEvent, PlatformName } from '../../lib/stats/events';
import { computeDays } from '../../lib/stats/kpi';
import { toChinaIso } from '../../lib/time/china';
import { countdown, compareUrgency } from '../../lib/timing/countdown';
import { DEFAULT_PROFILES } from '../../lib/timing/profiles';
import { buildRounds, prepareEvents, RoundTracker } from '../../lib/timing/rounds';

// ---------------------------------------------------------------------------------------------------
// Helpers

function getGc(): (() => void) | null {
  const g = (globalThis as { gc?: () => void }).gc;
  if (typeof g === 'function') return g;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
}
const gc = getGc();
const heapAfterGc = (): number => {
  if (gc) {
    gc();
    gc();
  }
  return process.memoryUsage().heapUsed;
};

const medianOf = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const now = (): number => performance.now();
const MB = 1024 * 1024;
const fmt = (n: number, digits = 3): string => n.toFixed(digits);


const TEXTS = ['请问这款有现货吗', '什么时候发货', '能便宜点吗', '灰色还有吗？', '快递到哪了', '可以开发票吗'];
const REPLIES = ['亲，有现货的', '今天下午四点前发出', '已经是活动价了哦', '有的亲', '帮您查一下', '可以的'];
const SHOPS = ['暖阳杂货铺', '青禾家居旗舰店', '山间小食铺'];

interface Msg {
  kind: 0 | 1 | 2; // buyer, robot, human
  ms: number;
  round: number;
}

function eventOf(m: Msg, seq: number, platform: PlatformName, shop: string, buyer: string): ChatEvent {
  const base = { id: `ev${seq}`, ts: toChinaIso(m.ms), platform, shop, buyer };
  if (m.kind === 0) return { ...base, type: 'buyer_message', text: TEXTS[seq % TEXTS.length] };
  return { ...base, type: 'agent_message', sender: m.kind === 1 ? 'robot' : 'human', text: REPLIES[seq % REPLIES.length] };
}

/**
 * A shift of `rounds` rounds over `hours` from `start`: each round a buyer message, sometimes a second
 * one, a robot reply half the time, and a human reply after 5–600 s (1 % never answered). Callers
 * pick buyers so that one buyer's rounds never overlap.
 */
function shiftMessages(start: number, hours: number, rounds: number, seed: number): Msg[] {
  const r = rng(seed);
  const step = (hours * 3600 * 1000) / rounds;
  const msgs: Msg[] = [];
  for (let i = 0; i < rounds; i++) {
    const open = Math.floor(start + i * step + r() * step * 0.5);
    msgs.push({ kind: 0, ms: open, round: i });
    if (r() < 0.5) msgs.push({ kind: 1, ms: open + 2000, round: i });
    const response = 5000 + Math.floor(r() ** 3 * 595_000);
    if (r() < 0.3) msgs.push({ kind: 0, ms: open + Math.floor(response / 2), round: i });
    if (r() >= 0.01) msgs.push({ kind: 2, ms: open + response, round: i });
  }
  return msgs.sort((a, b) => a.ms - b.ms);
}

// ---------------------------------------------------------------------------------------------------
// (a) one countdown tick

function benchTick() {
  const WAITING = 200;
  const LISTS = 50;
  const HISTORY_ROUNDS = 10;
  const start = Date.parse('2026-11-20T09:00:00+08:00');
  const tickAt = start + 4 * 3600 * 1000;
  const events: ChatEvent[] = [];
  let seq = 0;
  const r = rng(7);
  for (let b = 0; b < WAITING; b++) {
    const platform = (['pdd', 'taobao', 'jd', 'douyin'] as const)[b % 4]!;
    const shop = `${SHOPS[b % SHOPS.length]}#${b % LISTS}`;
    const buyer = `buyer${b}`;
    // History: closed rounds in the first two hours of the shift.
    for (let h = 0; h < HISTORY_ROUNDS; h++) {
      const open = start + h * 12 * 60 * 1000 + Math.floor(r() * 60_000);
      events.push(eventOf({ kind: 0, ms: open, round: h }, seq++, platform, shop, buyer));
      events.push(eventOf({ kind: 1, ms: open + 2000, round: h }, seq++, platform, shop, buyer));
      events.push(eventOf({ kind: 2, ms: open + 30_000 + Math.floor(r() * 120_000), round: h }, seq++, platform, shop, buyer));
    }
    // Now waiting, for 0 s to 70 min: every level is represented.
    const waitingSince = tickAt - Math.floor(r() * 70 * 60 * 1000);
    events.push(eventOf({ kind: 0, ms: waitingSince, round: -1 }, seq++, platform, shop, buyer));
    events.push(eventOf({ kind: 1, ms: waitingSince + 1000, round: -1 }, seq++, platform, shop, buyer));
  }
  const tracker = new RoundTracker();
  for (const { event, ms } of prepareEvents(events)) tracker.add(event, ms);
  if (tracker.openCount !== WAITING) throw new Error(`expected ${WAITING} waiting, got ${tracker.openCount}`);

  const engineTick = (t: number) => tracker.waiting(t);
  const naiveTick = (t: number) =>
    buildRounds(events)
      .filter((rd) => rd.closedAt === null)
      .map((rd) => ({ rd, countdown: countdown(rd, t, DEFAULT_PROFILES[rd.platform]) }))
      .sort((x, y) => compareUrgency(x.countdown, y.countdown));

  // Same answer, or the comparison means nothing.
  const a = engineTick(tickAt).map((w) => `${w.key}|${w.countdown.level}|${w.countdown.leftMs}`);
  const b = naiveTick(tickAt).map((w) => `${w.rd.key}|${w.countdown.level}|${w.countdown.leftMs}`);
  if (a.join() !== b.join()) throw new Error('engine and naive ticks disagree');

  const measure = (fn: (t: number) => unknown, ticks: number): number => {
    for (let i = 0; i < Math.min(50, ticks); i++) fn(tickAt + i * 1000); // warm-up
    const times: number[] = [];
    for (let i = 0; i < ticks; i++) {
      const t0 = now();
      fn(tickAt + i * 1000);
      times.push(now() - t0);
    }
    return medianOf(times);
  };
  const engineMs = measure(engineTick, 2000);
  const naiveMs = measure(naiveTick, 100);
  return { waiting: WAITING, lists: LISTS, events: events.length, engineMs, naiveMs, naiveRatio: naiveMs / engineMs };
}

// ---------------------------------------------------------------------------------------------------
// (b) an 8-hour shift through RoundTracker

function benchShift(ROUNDS: number, HOURS: number, withNaive: boolean) {
  const start = Date.parse('2026-11-20T09:00:00+08:00');
  const msgs = shiftMessages(start, HOURS, ROUNDS, 11);
  const who = (round: number) => ({ shop: SHOPS[round % SHOPS.length]!, buyer: `b${round % 1000}` });
  const materialize = (m: Msg, seq: number): ChatEvent => {
    const { shop, buyer } = who(m.round);
    return eventOf(m, seq, 'pdd', shop, buyer);
  };

  // Engine: records drained every simulated minute into a running tally (all a caller needs to keep).
  const before = heapAfterGc();
  const tracker = new RoundTracker();
  const tally = { closed: 0, responseMsSum: 0 };
  const hourly: number[] = [];
  let nextDrain = start + 60_000;
  let nextHour = start + 3_600_000;
  let peakOpen = 0;
  const t0 = now();
  msgs.forEach((m, seq) => {
    while (m.ms >= nextDrain) {
      for (const c of tracker.drainClosed()) {
        tally.closed++;
        tally.responseMsSum += c.closedAt - c.openedAt;
      }
      tracker.waiting(nextDrain); // the overlay ticks too
      nextDrain += 60_000;
    }
    if (m.ms >= nextHour) {
      hourly.push((heapAfterGc() - before) / MB);
      nextHour += 3_600_000;
    }
    tracker.add(materialize(m, seq));
    peakOpen = Math.max(peakOpen, tracker.openCount);
  });
  for (const c of tracker.drainClosed()) {
    tally.closed++;
    tally.responseMsSum += c.closedAt - c.openedAt;
  }
  const engineElapsedMs = now() - t0;
  const engineGrowth = (heapAfterGc() - before) / MB;
  hourly.push(engineGrowth);
  const opened = tally.closed + tracker.openCount;

  // Naive: keep every event and every round.
  let naiveGrowth = NaN;
  if (withNaive) {
    const before2 = heapAfterGc();
    const all: ChatEvent[] = msgs.map(materialize);
    const rounds = buildRounds(all);
    naiveGrowth = (heapAfterGc() - before2) / MB;
    if (rounds.length !== opened) throw new Error(`rounds differ: engine ${opened}, naive ${rounds.length}`);
    // Keep `all` and `rounds` alive until measured.
    void [all.length, rounds.length];
  }
  void tracker.openCount; // alive until measured

  return {
    rounds: opened,
    events: msgs.length,
    hours: HOURS,
    peakOpen,
    engineGrowthMb: engineGrowth,
    hourlyMb: hourly,
    naiveGrowthMb: naiveGrowth,
    naiveRatio: naiveGrowth / Math.max(engineGrowth, 0.001),
    engineElapsedMs,
  };
}

// ---------------------------------------------------------------------------------------------------
// (c) computeDays over 90 days

function benchDays() {
  const DAYS = 90;
  const PER_DAY = 3000;
  const firstDay = Date.parse('2026-08-01T08:00:00+08:00');
  const events: ChatEvent[] = [];
  let seq = 0;
  for (let d = 0; d < DAYS; d++) {
    // 3,000 events a day (the first 3,000 of ≈ 1,150 rounds over 15 hours from 08:00).
    const msgs = shiftMessages(firstDay + d * 86_400_000, 15, 1150, 100 + d);
    for (const m of msgs.slice(0, PER_DAY)) {
      const platform: PlatformName = m.round % 2 ? 'pdd' : 'taobao';
      events.push(eventOf(m, seq++, platform, SHOPS[m.round % SHOPS.length]!, `d${d}b${m.round % 300}`));
    }
  }
  const at = firstDay + (DAYS + 1) * 86_400_000;
  const time = (fn: () => unknown, runs: number): number => {
    fn(); // warm-up
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = now();
      fn();
      times.push(now() - t0);
    }
    return medianOf(times);
  };
  let rows = 0;
  const computeMs = time(() => (rows = computeDays(events, { now: at }).length), 3);
  const baselineMs = time(() => prepareEvents(events), 3);
  return { days: DAYS, events: events.length, rows, computeMs, baselineMs, baselineRatio: computeMs / baselineMs };
}

// ---------------------------------------------------------------------------------------------------

const tick = benchTick();
const shift = benchShift(3000, 8, true);
// Ten shifts back to back: the bounded memories (recent ids, last replies) fill, then growth stops.
const longShift = benchShift(30_000, 80, false);
const days = benchDays();

const TARGET_TICK_MS = 2;
const TARGET_HEAP_MB = 5;
const table: [string, string, string, string][] = [
  ['figure', 'engine', 'naive / baseline', 'ratio'],
  [
    `(a) tick: ${tick.waiting} waiting buyers, ${tick.lists} lists (median)`,
    `${fmt(tick.engineMs)} ms (target ≤ ${TARGET_TICK_MS})`,
    `${fmt(tick.naiveMs)} ms (rebuild from ${tick.events} events)`,
    `naive ${fmt(tick.naiveRatio, 1)}× slower`,
  ],
  [
    `(b) ${shift.hours} h shift, ${shift.rounds} rounds, ${shift.events} events: heap growth`,
    `${fmt(shift.engineGrowthMb, 2)} MB (target ≤ ${TARGET_HEAP_MB})`,
    `${fmt(shift.naiveGrowthMb, 2)} MB (keep everything)`,
    `naive ${fmt(shift.naiveRatio, 1)}× more`,
  ],
  [
    `(c) computeDays: ${days.days} days, ${days.events} events`,
    `${fmt(days.computeMs, 0)} ms`,
    `${fmt(days.baselineMs, 0)} ms (parse + dedupe + sort only)`,
    `${fmt(days.baselineRatio, 2)}× the baseline`,
  ],
];
const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
for (const [i, row] of table.entries()) {
  console.log(row.map((cell, j) => cell.padEnd(widths[j]!)).join('  ').trimEnd());
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
console.log('');
console.log(`heap growth after each simulated hour (MB): ${shift.hourlyMb.map((x) => fmt(x, 2)).join(', ')}`);
console.log(`10 shifts back to back (30,000 rounds, 80 h): heap growth ${fmt(longShift.engineGrowthMb, 2)} MB`);
console.log(`peak open rounds during the shift: ${shift.peakOpen}; shift replay took ${fmt(shift.engineElapsedMs, 0)} ms`);
if (!gc) console.log('warning: no GC access (--expose-gc); heap figures include garbage');
console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
console.log(
  JSON.stringify({
    tick_ms: round(tick.engineMs, 4),
    tick_naive_ms: round(tick.naiveMs, 4),
    tick_naive_ratio: round(tick.naiveRatio, 1),
    tick_target_ms: TARGET_TICK_MS,
    tick_ok: tick.engineMs <= TARGET_TICK_MS,
    shift_rounds: shift.rounds,
    shift_heap_growth_mb: round(shift.engineGrowthMb, 3),
    shift_naive_heap_growth_mb: round(shift.naiveGrowthMb, 3),
    shift_naive_ratio: round(shift.naiveRatio, 1),
    shift_x10_heap_growth_mb: round(longShift.engineGrowthMb, 3),
    shift_heap_target_mb: TARGET_HEAP_MB,
    shift_ok: shift.engineGrowthMb <= TARGET_HEAP_MB,
    gc: gc !== null,
    days_events: days.events,
    days_rows: days.rows,
    days_ms: round(days.computeMs, 1),
    days_baseline_ms: round(days.baselineMs, 1),
    days_baseline_ratio: round(days.baselineRatio, 2),
  }),
);

function round(n: number, digits: number): number {
  return Number(n.toFixed(digits));
}
