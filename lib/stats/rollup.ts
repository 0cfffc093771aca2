import { CRLF, roundCells } from './csv';
import { END_EVENT_MS, FIRST_EVENT_MS, MAX_EVENT_YEAR, MIN_EVENT_YEAR, PLATFORMS, tsInstant, type ChatEvent, type PlatformName } from './events';
import { computeDays, roundOutcomes, type ComputeOptions, type DayFigures, type RoundOutcome, type Threshold, type Verdict } from './kpi';
import {
  markDaysStale,
  type CarryRound,
  type ComplianceAction,
  type ComplianceCounts,
  type KefuDb,
  type DayPack,
  type LateClose,
  type Rollup,
  type RollupDay,
  type SetAside,
  type StoredEvent,
  type TemplateCounts,
} from './db';
import { sha256Hex } from './pseudonym';
import { chinaDate, chinaWallClockToEpoch, toChinaIso } from '../time/china';
import { prepareEvents, roundsFromPrepared } from '../timing/rounds';

/**
 * Daily rollups, retention and the history series of the dashboard.
 *
 * A finished China day is rolled up into rows of `Rollup` (its `computeDays` figures plus compliance
 * and template counts), kept for good; raw events are kept `keepDays` days.
 *
 * Rounds cross midnight both ways, and the rollups follow `npm run stats` on the whole event file
 * exactly:
 * - A buyer whose round opened on an earlier day and is still open opens no new round. Each day's state
 *   keeps the rounds still open at its end (`carryOut`); the next day is computed from its own events
 *   plus one synthetic opening message per carried round (also once the older raw events are pruned).
 * - A round still open at midnight belongs to its opening day, and is answered when a human reply comes,
 *   maybe the next morning. When a later day (today included) closes a carried round, the close is
 *   written to the opening day's state (`lateCloses`) and that day is recomputed with a synthetic reply.
 *
 * Each finished day also gets a pack (its events as contract lines, its rounds with their verdicts),
 * so exports read one value a day. A rollup, its pack and its state are written in one transaction.
 *
 * Rollups are computed with the rule profiles in force when the day is rolled up (as a platform's
 * report of a past day does not change with today's settings); `profiles` applies to what is computed
 * in the call.
 *
 * Same-instant events of one buyer are taken in the store's order (by id); the raw-events export
 * writes that order, so export → `npm run stats` agrees with the dashboard.
 *
 * Stored data is checked as it is read (`storedRowProblem`, `isDayKey`): a row or a day that cannot be
 * computed is set aside, recorded on the day (`RollupDay.setAside`) and reported (`setAsideBetween`),
 * and everything else goes on. One damaged record must not stop every rollup, chart and export after it.
 */

const DAY_MS = 86_400_000;
const SEP = '\u0000';
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of the China midnight that starts `date` (YYYY-MM-DD); throws on anything else. */
export function chinaDayStart(date: string): number {
  const m = DATE.exec(date);
  const ms = m ? chinaWallClockToEpoch(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  if (ms === null) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  return ms;
}

/** `date` plus `n` days (n may be negative). */
export const addDays = (date: string, n: number): string => chinaDate(chinaDayStart(date) + n * DAY_MS);

/** Every date from `from` to `to`, both included (empty when from > to). */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const end = chinaDayStart(to);
  for (let start = chinaDayStart(from); start <= end; start += DAY_MS) out.push(chinaDate(start));
  return out;
}

export interface RollupOptions {
  /** Epoch ms of the moment of computing. */
  now: number;
  /** Settings overrides of the rule profiles (as `computeDays` takes them). */
  profiles?: unknown;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// ---------------------------------------------------------------------------------------------------
// The pure part

const CARRY_ID = `${SEP}carry${SEP}`;
const roundId = (c: CarryRound): string => `${c.platform}${SEP}${c.shop}${SEP}${c.buyer}${SEP}${c.openedAt}`;

/** The synthetic opening message of a carried round (it belongs to an earlier day, so adds no row). */
export function carryEvents(carry: readonly CarryRound[]): ChatEvent[] {
  return carry.map((c) => ({
    id: CARRY_ID + roundId(c),
    type: 'buyer_message',
    ts: toChinaIso(c.openedAt),
    platform: c.platform,
    shop: c.shop,
    buyer: c.buyer,
  }));
}

/** The synthetic human reply of a late close. */
const closeEvents = (closes: readonly LateClose[]): ChatEvent[] =>
  closes.map((c) => ({
    id: `${SEP}close${SEP}${roundId(c)}`,
    type: 'agent_message',
    sender: 'human',
    ts: toChinaIso(c.closedAt),
    platform: c.platform,
    shop: c.shop,
    buyer: c.buyer,
  }));

/** A stable digest of a carry list (what the next day's rollup was computed from). */
export function carryDigest(carry: readonly CarryRound[]): string {
  return carry.length ? sha256Hex(carry.map(roundId).sort().join('\n')) : '';
}

export const COMPLIANCE_ACTIONS: readonly ComplianceAction[] = ['blocked', 'overridden', 'warned'];
const noActions = (): Record<ComplianceAction, number> => ({ blocked: 0, overridden: 0, warned: 0 });
const emptyCompliance = (): ComplianceCounts => ({ actions: noActions(), categories: {} });
const emptyTemplates = (): TemplateCounts => ({ uses: 0, templates: {} });

interface Assembled {
  /** Carry openings, the events, and the late closes that still apply. */
  input: ChatEvent[];
  carryOut: CarryRound[];
  closedCarry: LateClose[];
  lateCloses: LateClose[];
}

/**
 * Everything a day's rounds are computed from. A late close applies only to a round of this day that is
 * open at its end with the same opening instant (events added since may have closed it on the day).
 */
function assemble(
  date: string,
  events: readonly ChatEvent[],
  carryIn: readonly CarryRound[],
  lateCloses: readonly LateClose[],
  now: number,
): Assembled {
  const base = carryIn.length ? [...carryEvents(carryIn), ...events] : [...events];
  const dayEnd = chinaDayStart(date) + DAY_MS;
  const prepared = prepareEvents(base).filter((t) => t.ms < dayEnd && t.ms <= now);
  const carryOut: CarryRound[] = [];
  const closedCarry: LateClose[] = [];
  for (const r of roundsFromPrepared(prepared)) {
    const c = { platform: r.platform, shop: r.shop, buyer: r.buyer, openedAt: r.openedAt };
    if (r.closedAt === null) carryOut.push(c);
    else if (r.openedBy.startsWith(CARRY_ID)) closedCarry.push({ ...c, closedAt: r.closedAt });
  }
  let applied: LateClose[] = [];
  if (lateCloses.length) {
    const openHere = new Set(carryOut.filter((c) => c.openedAt >= dayEnd - DAY_MS).map(roundId));
    applied = lateCloses.filter((l) => openHere.has(roundId(l)) && l.closedAt >= dayEnd && l.closedAt <= now);
  }
  return { input: applied.length ? [...base, ...closeEvents(applied)] : base, carryOut, closedCarry, lateCloses: applied };
}

export interface DayRollup {
  /** Rows of `date`, sorted by platform, shop. */
  rows: Rollup[];
  /** The rounds opened on `date` with their verdicts (only when asked for). */
  rounds?: RoundRow[];
  /** Rounds still open at the end of the day (or at `now`), carried-in ones included. */
  carryOut: CarryRound[];
  /** Carried-in rounds (opened on an earlier day) that a human reply of this day closed. */
  closedCarry: LateClose[];
  /** The late closes that applied (the others no longer name a round open at the day's end). */
  lateCloses: LateClose[];
}

/**
 * The rollup of one day from its events, the rounds open at its start and the later replies to its
 * rounds left open at its end. Pure. `figures` are `computeDays`'s rows of `date` exactly.
 */
export function computeDayRollup(
  date: string,
  events: readonly ChatEvent[],
  carryIn: readonly CarryRound[],
  options: RollupOptions,
  lateCloses: readonly LateClose[] = [],
): DayRollup {
  return rollupOf(date, events, carryIn, options, lateCloses, false);
}

function rollupOf(
  date: string,
  events: readonly ChatEvent[],
  carryIn: readonly CarryRound[],
  options: RollupOptions,
  lateCloses: readonly LateClose[],
  withRounds: boolean,
): DayRollup {
  const a = assemble(date, events, carryIn, lateCloses, options.now);
  const compute: ComputeOptions = { now: options.now, profiles: options.profiles };
  const rows = new Map<string, Rollup>();
  const row = (platform: PlatformName, shop: string): Rollup => {
    const key = `${platform}${SEP}${shop}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { date, platform, shop, figures: null, compliance: emptyCompliance(), templates: emptyTemplates() }));
    return r;
  };
  for (const f of computeDays(a.input, compute)) if (f.date === date) row(f.platform, f.shop).figures = f;

  const seen = new Set<string>();
  for (const e of events) {
    if (e.type !== 'compliance' && e.type !== 'template_used') continue;
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    const ms = Date.parse(e.ts);
    if (ms > options.now || chinaDate(ms) !== date) continue;
    const r = row(e.platform, e.shop);
    if (e.type === 'template_used') {
      r.templates.uses++;
      r.templates.templates[e.template] = (r.templates.templates[e.template] ?? 0) + 1;
    } else {
      r.compliance.actions[e.action]++;
      for (const category of new Set(e.categories)) {
        (r.compliance.categories[category] ??= noActions())[e.action]++;
      }
    }
  }
  const rounds = withRounds
    ? roundOutcomes(a.input, compute).filter((o) => o.round.date === date).map(roundRow)
    : undefined;
  return {
    rows: [...rows.values()].sort((x, y) => cmp(x.platform, y.platform) || cmp(x.shop, y.shop)),
    ...(rounds ? { rounds } : {}),
    carryOut: a.carryOut,
    closedCarry: a.closedCarry,
    lateCloses: a.lateCloses,
  };
}

// ---------------------------------------------------------------------------------------------------
// Contract lines and packed rounds (what a day pack holds)

/** One event as a line of the contract: id, type, ts, platform, shop first, the store's `day` dropped. */
export function contractLine(e: ChatEvent): string {
  const { id, type, ts, platform, shop, ...rest } = e as ChatEvent & { day?: string };
  const out: Record<string, unknown> = { id, type, ts, platform, shop };
  for (const [k, v] of Object.entries(rest)) if (k !== 'day' && v !== undefined) out[k] = v;
  return `${JSON.stringify(out)}\n`;
}

/** Events of lines written by `contractLine` (trusted: they were validated when stored). */
export const parseContractLines = (text: string): ChatEvent[] =>
  text ? (JSON.parse(`[${text.slice(0, -1).replace(/\n/g, ',')}]`) as ChatEvent[]) : [];

/** A round of a day with its verdicts, as the rounds export writes it. */
export interface RoundRow {
  date: string;
  platform: PlatformName;
  shop: string;
  buyer: string;
  openedAt: number;
  closedAt: number | null;
  response_s: number | null;
  inWindow: boolean;
  excluded: boolean;
  verdicts: Record<Threshold, Verdict>;
}

/** [platform, shop, buyer, openedAt, closedAt, response_s, inWindow, excluded, verdicts 30s/3min/1h as m|x|p]. */
export type PackedRound = [PlatformName, string, string, number, number | null, number | null, 0 | 1, 0 | 1, string];

const THRESHOLDS: readonly Threshold[] = ['30s', '3min', '1h'];
const VERDICT_CODE: Record<Verdict, string> = { met: 'm', missed: 'x', pending: 'p' };
const CODE_VERDICT: Record<string, Verdict> = { m: 'met', x: 'missed', p: 'pending' };

export const roundRow = (o: RoundOutcome): RoundRow => ({
  date: o.round.date,
  platform: o.round.platform,
  shop: o.round.shop,
  buyer: o.round.buyer,
  openedAt: o.round.openedAt,
  closedAt: o.round.closedAt,
  response_s: o.response_s,
  inWindow: o.round.inWindow,
  excluded: o.round.excluded,
  verdicts: o.verdicts,
});

export const packRounds = (rows: readonly RoundRow[]): string =>
  JSON.stringify(
    rows.map((r): PackedRound => [
      r.platform, r.shop, r.buyer, r.openedAt, r.closedAt, r.response_s, r.inWindow ? 1 : 0, r.excluded ? 1 : 0,
      THRESHOLDS.map((t) => VERDICT_CODE[r.verdicts[t]]).join(''),
    ]),
  );

export const unpackRounds = (date: string, json: string): RoundRow[] =>
  (JSON.parse(json) as PackedRound[]).map(([platform, shop, buyer, openedAt, closedAt, response_s, inWindow, excluded, v]) => ({
    date, platform, shop, buyer, openedAt, closedAt, response_s,
    inWindow: inWindow === 1,
    excluded: excluded === 1,
    verdicts: { '30s': CODE_VERDICT[v[0]!]!, '3min': CODE_VERDICT[v[1]!]!, '1h': CODE_VERDICT[v[2]!]! },
  }));

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();
export const packText = (pack: DayPack): string => utf8Decoder.decode(pack.jsonl);

// ---------------------------------------------------------------------------------------------------
// Stored data the rollups can read

const ROW_TYPES: ReadonlySet<string> = new Set(['buyer_message', 'agent_message', 'buyer_excluded', 'template_used', 'compliance']);
const PLATFORM_NAMES: ReadonlySet<string> = new Set(PLATFORMS);
const ACTION_NAMES: ReadonlySet<string> = new Set(COMPLIANCE_ACTIONS);
const isText = (v: unknown): v is string => typeof v === 'string';
/** The first and the last day events may fall on, as day keys (they sort as strings). */
const FIRST_DAY = `${MIN_EVENT_YEAR}-01-01`;
const LAST_DAY = `${MAX_EVENT_YEAR}-12-31`;

/**
 * Whether `date` is a day the rollups can compute: `YYYY-MM-DD` as `chinaDate` writes it, in the years
 * events may have. Day keys come from storage, where an older version or a damaged record may have put
 * anything (`0026-11-20`, `2026-02-30`).
 */
export function isDayKey(date: string): boolean {
  const m = DATE.exec(date);
  if (!m) return false;
  const year = Number(m[1]);
  return year >= MIN_EVENT_YEAR && year <= MAX_EVENT_YEAR && chinaWallClockToEpoch(year, Number(m[2]), Number(m[3])) !== null;
}

/**
 * What keeps a stored row from being computed as an event of `date`, or null. It checks the fields the
 * rounds, figures, packs and exports read, with the contract's timestamp rule, by hand rather than with
 * the zod schema: every row of every day rolled up passes here, and the schema costs several µs a row.
 */
export function storedRowProblem(row: unknown, date: string): string | null {
  if (row === null || typeof row !== 'object') return 'not an object';
  const r = row as Record<string, unknown>;
  if (!isText(r.id) || !r.id) return 'no id';
  if (!isText(r.type) || !ROW_TYPES.has(r.type)) return `unknown type ${String(r.type)}`;
  if (!isText(r.ts)) return 'no ts';
  const ms = tsInstant(r.ts);
  if (typeof ms === 'string') return ms;
  // What the extension writes is China time, whose date reads off the text.
  if ((r.ts.endsWith('+08:00') ? r.ts.slice(0, 10) : chinaDate(ms)) !== date) return `ts ${r.ts} is not on ${date}`;
  if (!isText(r.platform) || !PLATFORM_NAMES.has(r.platform)) return `unknown platform ${String(r.platform)}`;
  if (!isText(r.shop)) return 'no shop';
  const ofRound = r.type === 'buyer_message' || r.type === 'agent_message' || r.type === 'buyer_excluded';
  if (ofRound ? !isText(r.buyer) || !r.buyer : r.buyer !== undefined && !isText(r.buyer)) return 'no buyer';
  if (r.type === 'agent_message' && r.sender !== 'human' && r.sender !== 'robot') return 'no sender';
  if (r.type === 'template_used' && !isText(r.template)) return 'no template';
  if (r.type === 'compliance' && !(isText(r.action) && ACTION_NAMES.has(r.action) && Array.isArray(r.categories) && r.categories.every(isText))) {
    return 'no action or categories';
  }
  return null;
}

interface UsableRows {
  /** In the store's order. */
  events: ChatEvent[];
  /** Rows left out, and the first one's problem. */
  setAside: number;
  reason: string | null;
}

/** The rows of `date` the rollups can compute, sorted; the others are only counted. */
function usableRows(rows: readonly StoredEvent[], date: string): UsableRows {
  let setAside = 0;
  let reason: string | null = null;
  const ok = rows.filter((r) => {
    const problem = storedRowProblem(r, date);
    if (problem === null) return true;
    setAside++;
    reason ??= `${String((r as { id?: unknown }).id)}: ${problem}`;
    return false;
  });
  return { events: sortStored(ok), setAside, reason };
}

const instant = (v: unknown): boolean => typeof v === 'number' && v >= FIRST_EVENT_MS && v < END_EVENT_MS;

/** Stored carried rounds or late closes without the damaged ones (such a round is then not known). */
function usableRounds<T extends CarryRound>(list: readonly T[] | undefined): T[] {
  if (!Array.isArray(list)) return [];
  const ok = list.filter(
    (c) =>
      c !== null &&
      typeof c === 'object' &&
      PLATFORM_NAMES.has(c.platform) &&
      isText(c.shop) &&
      isText(c.buyer) &&
      c.buyer !== '' &&
      instant(c.openedAt) &&
      (!('closedAt' in c) || instant((c as CarryRound & { closedAt?: unknown }).closedAt)),
  );
  return ok.length === list.length ? [...list] : ok;
}

// ---------------------------------------------------------------------------------------------------
// The stored part

/** Events of a day in the store's order (by ts, ties by id), without their `day` field. */
export function sortStored(rows: StoredEvent[]): ChatEvent[] {
  const keyed = rows.map((r) => ({ ms: Date.parse(r.ts), r }));
  keyed.sort((a, b) => a.ms - b.ms || cmp(a.r.id, b.r.id));
  return keyed.map(({ r }) => {
    const { day: _day, ...e } = r;
    return e as ChatEvent;
  });
}

export interface DayInput {
  date: string;
  /** The day's own events in the store's order. */
  events: ChatEvent[];
  /** Normally empty: the previous day's events when that day's rollup is not fresh (see `readDay`). */
  before: ChatEvent[];
  /** Rounds open at the start of the day (of the previous day when `before` is not empty). */
  carryIn: CarryRound[];
  /** Later replies to the day's rounds left open at its end. */
  lateCloses: LateClose[];
  /** The day's raw events were pruned: only its rollup is left. */
  pruned: boolean;
  /** Stored rows of the day left out (see `storedRowProblem`), or the whole day; absent when none. */
  setAside?: SetAside;
}

/**
 * What a day is computed from: its events (from its pack when the day is fresh), the previous day's
 * carry and its own late closes. If the previous day's rollup is not fresh (callers normally make sure
 * it is), that day's events are read too, the way the stats command would see them.
 */
export async function readDay(db: KefuDb, date: string): Promise<DayInput> {
  return db.transaction('r', [db.events, db.rollupDays, db.dayPacks], async () => {
    const [prev, own] = await Promise.all([db.rollupDays.where('date').below(date).last(), db.rollupDays.get(date)]);
    const pruned = !!own?.pruned;
    const lateCloses = usableRounds(own?.lateCloses);
    if (own?.setAside?.whole && !own.stale) {
      // Set aside by its rollup: a day without events, as the rollups took it.
      return { date, events: [], before: [], carryIn: [], lateCloses: [], pruned, setAside: own.setAside };
    }
    const pack = own && !own.stale && !pruned ? await db.dayPacks.get(date) : undefined;
    // A pack holds only rows that were checked when it was written; one that cannot be read is passed
    // over for the rows.
    const packed = pack ? packEvents(pack) : null;
    const rows = packed ? null : usableRows(await db.events.where('day').equals(date).toArray(), date);
    const events = packed ?? rows!.events;
    const setAside = rows?.setAside ? { setAside: { whole: false, rows: rows.setAside, reason: rows.reason! } } : {};
    if (!prev || !prev.stale) return { date, events, before: [], carryIn: usableRounds(prev?.carryOut), lateCloses, pruned, ...setAside };
    const [earlier, prevRows] = await Promise.all([
      db.rollupDays.where('date').below(prev.date).last(),
      db.events.where('day').equals(prev.date).toArray(),
    ]);
    return { date, events, before: usableRows(prevRows, prev.date).events, carryIn: usableRounds(earlier?.carryOut), lateCloses, pruned, ...setAside };
  });
}

/** The events of a day pack, or null when its bytes do not parse (the day's rows are read instead). */
function packEvents(pack: DayPack): ChatEvent[] | null {
  try {
    return parseContractLines(packText(pack));
  } catch {
    return null;
  }
}

/** The rollup of a read day. */
export function computeInput(input: DayInput, options: RollupOptions): DayRollup {
  const events = input.before.length ? [...input.before, ...input.events] : input.events;
  return computeDayRollup(input.date, events, input.carryIn, options, input.lateCloses);
}

/** Outcomes of the rounds opened on the input's day, in opening order. */
export function outcomesOf(input: DayInput, options: RollupOptions): RoundOutcome[] {
  const events = input.before.length ? [...input.before, ...input.events] : input.events;
  const { input: all } = assemble(input.date, events, input.carryIn, input.lateCloses, options.now);
  return roundOutcomes(all, { now: options.now, profiles: options.profiles }).filter((o) => o.round.date === input.date);
}

/**
 * Write closes of carried rounds to their opening days (inside the caller's transaction) and mark the
 * days that learnt something stale. Pruned days keep their rollup. Returns the days marked.
 */
async function recordLateCloses(db: KefuDb, closes: readonly LateClose[]): Promise<string[]> {
  if (!closes.length) return [];
  const byDate = new Map<string, LateClose[]>();
  for (const c of closes) {
    const d = chinaDate(c.openedAt);
    byDate.set(d, [...(byDate.get(d) ?? []), c]);
  }
  const dates = [...byDate.keys()].sort();
  const records = await db.rollupDays.bulkGet(dates);
  const marked: string[] = [];
  for (const [i, date] of dates.entries()) {
    const rec = records[i];
    if (!rec || rec.pruned) continue;
    const merged = new Map((rec.lateCloses ?? []).map((l) => [roundId(l), l]));
    let changed = false;
    for (const c of byDate.get(date)!) {
      if (merged.get(roundId(c))?.closedAt === c.closedAt) continue;
      merged.set(roundId(c), c);
      changed = true;
    }
    if (!changed) continue;
    await db.rollups.where('date').equals(date).delete();
    await db.rollupDays.put({ ...rec, stale: 1, lateCloses: [...merged.values()] });
    marked.push(date);
  }
  return marked;
}

/**
 * Compute the rollup of every finished day (before today, China time) that has events and no fresh
 * rollup, oldest first, each in its own transaction (also writing the day's pack). When a recomputed
 * day ends with other open rounds than the next day was computed from, the next day is recomputed too;
 * when it answers rounds of earlier days, those days are recomputed once the forward pass is done.
 * Returns the dates computed, in the order computed.
 */
export async function rollupFinishedDays(db: KefuDb, now: number, profiles?: unknown): Promise<string[]> {
  const today = chinaDate(now);
  const forward = ((await db.rollupDays.where('stale').equals(1).primaryKeys()) as string[]).filter((d) => d < today).sort();
  const back: string[] = [];
  const done: string[] = [];
  const enqueue = (queue: string[], dates: readonly string[]) => {
    for (const d of dates) if (d < today && !forward.includes(d) && !back.includes(d)) queue.push(d);
    queue.sort();
  };
  while (forward.length || back.length) {
    const date = (forward.length ? forward.shift() : back.shift())!;
    const marked = await db.transaction('rw', [db.events, db.rollups, db.rollupDays, db.dayPacks, db.dayRounds], async () => {
      const current = await db.rollupDays.get(date);
      if (!current?.stale) return { earlier: [], next: [] };
      const [prev, rows] = await Promise.all([
        db.rollupDays.where('date').below(date).last(),
        db.events.where('day').equals(date).toArray(),
      ]);
      const carryIn = usableRounds(prev?.carryOut);
      const usable = usableRows(rows, date);
      const events = usable.events;
      const options = { now, profiles };
      // A day that cannot be computed is set aside, so that the days after it still are.
      let result: DayRollup | null = null;
      let failure = isDayKey(date) ? null : `${date} is not a day`;
      if (failure === null) {
        try {
          result = rollupOf(date, events, carryIn, options, usableRounds(current.lateCloses), true);
        } catch (error) {
          // Rows this check lets through and the figures still refuse (a bug): only this day is lost.
          failure = error instanceof Error ? error.message : String(error);
        }
      }
      await db.rollups.where('date').equals(date).delete();
      if (result?.rows.length) await db.rollups.bulkPut(result.rows);
      if (result && events.length && !current.pruned) {
        await db.dayPacks.put({
          date,
          jsonl: utf8.encode(events.map(contractLine).join('')),
          rounds: packRounds(result.rounds!),
          events: events.length,
        });
        await db.dayRounds.put({
          date,
          csv: result.rounds!.map((r) => roundCells(r, r.buyer).join(',') + CRLF).join(''),
          count: result.rounds!.length,
        });
      } else {
        await db.dayPacks.delete(date);
        await db.dayRounds.delete(date);
      }
      // A day set aside whole counts as a day without events: the rounds open at its start stay open
      // (a key like 2026-02-30 sorts between real days, and must not cut their carry).
      const carryOut = result ? result.carryOut : carryIn;
      const setAside: SetAside | null =
        failure !== null
          ? { whole: true, rows: rows.length, reason: failure }
          : usable.setAside
            ? { whole: false, rows: usable.setAside, reason: usable.reason! }
            : null;
      const fresh: RollupDay = {
        date,
        stale: 0,
        computedAt: now,
        events: result ? events.length : 0,
        carryInDigest: carryDigest(carryIn),
        carryOut,
        lateCloses: result ? result.lateCloses : usableRounds(current.lateCloses),
        pruned: current.pruned,
        ...(setAside ? { setAside } : {}),
      };
      await db.rollupDays.put(fresh);
      if (result) done.push(date);
      // Rounds of earlier days this day answered.
      const earlier = result ? await recordLateCloses(db, result.closedCarry) : [];
      // The next day was computed from this day's old carry: if that changed, it is stale now.
      const after = await db.rollupDays.where('date').above(date).first();
      if (after && !after.stale && !after.pruned && after.carryInDigest !== carryDigest(carryOut)) {
        await markDaysStale(db, [after.date]);
        return { earlier, next: [after.date] };
      }
      return { earlier, next: [] };
    });
    enqueue(forward, marked.next);
    enqueue(back, marked.earlier);
  }
  return done;
}

export interface TodayResult {
  input: DayInput;
  rollup: DayRollup;
}

/**
 * Bring every rollup up to date at `now` and compute today: finished days rolled up, and rounds of
 * earlier days that today's replies closed written back to their days (which are then recomputed).
 */
export async function refresh(db: KefuDb, options: RollupOptions): Promise<TodayResult> {
  await rollupFinishedDays(db, options.now, options.profiles);
  let input = await readDay(db, chinaDate(options.now));
  let rollup: DayRollup;
  try {
    rollup = computeInput(input, options);
  } catch (error) {
    // Today's rows passed the checks a finished day's pass; should they still fail (a bug), today is
    // set aside like such a day rather than every tab and export failing with it.
    const rows = input.events.length + (input.setAside?.rows ?? 0);
    const reason = error instanceof Error ? error.message : String(error);
    input = { ...input, events: [], before: [], carryIn: [], lateCloses: [], setAside: { whole: true, rows, reason } };
    rollup = computeInput(input, options);
  }
  if (rollup.closedCarry.length) {
    const marked = await db.transaction('rw', [db.rollups, db.rollupDays], () => recordLateCloses(db, rollup.closedCarry));
    if (marked.length) await rollupFinishedDays(db, options.now, options.profiles);
  }
  return { input, rollup };
}

export interface PruneOptions extends RollupOptions {
  /** Raw events of today and the keepDays − 1 days before it are kept (default 90). */
  keepDays?: number;
}

export interface PruneResult {
  /** Raw events deleted. */
  deleted: number;
  /** Days whose raw events were deleted by this call (their rollups stay). */
  days: string[];
  /** The oldest date whose raw events are kept. */
  keptFrom: string;
  /** Days rolled up first. */
  rolledUp: string[];
}

/**
 * Retention: delete raw events of days before the last `keepDays` China days (today counts as one),
 * only once each of those days has a fresh rollup (missing rollups are computed first).
 */
export async function pruneEvents(db: KefuDb, options: PruneOptions): Promise<PruneResult> {
  const keepDays = options.keepDays ?? 90;
  if (!Number.isInteger(keepDays) || keepDays < 1) throw new RangeError(`keepDays must be an integer ≥ 1, got ${keepDays}`);
  const rolledUp = await rollupFinishedDays(db, options.now, options.profiles);
  const keptFrom = addDays(chinaDate(options.now), -(keepDays - 1));
  return db.transaction('rw', [db.events, db.rollupDays, db.dayPacks, db.dayRounds], async () => {
    const old = (await db.rollupDays.where('date').below(keptFrom).toArray()).filter((d) => !d.stale);
    if (!old.length) return { deleted: 0, days: [], keptFrom, rolledUp };
    let deleted = 0;
    for (const d of old) deleted += await db.events.where('day').equals(d.date).delete();
    await db.dayPacks.bulkDelete(old.map((d) => d.date));
    await db.dayRounds.bulkDelete(old.map((d) => d.date));
    const newly = old.filter((d) => !d.pruned);
    if (newly.length) await db.rollupDays.bulkPut(newly.map((d) => ({ ...d, pruned: true })));
    return { deleted, days: newly.map((d) => d.date), keptFrom, rolledUp };
  });
}

/** Today's rows (China time), computed now from today's events and yesterday's carry; not stored. */
export async function liveDay(db: KefuDb, options: RollupOptions): Promise<Rollup[]> {
  return (await refresh(db, options)).rollup.rows;
}

/** Outcomes of the rounds opened on `date` (today: live, with pending verdicts), in opening order. */
export async function dayOutcomes(db: KefuDb, date: string, options: RollupOptions): Promise<RoundOutcome[]> {
  const { input } = await refresh(db, options);
  return outcomesOf(date === input.date ? input : await readDay(db, date), options);
}

export interface RangeOptions extends RollupOptions {
  from: string;
  to: string;
}

/**
 * Rows of every day in [from, to]: stored rollups for finished days (brought up to date first), today's
 * computed live, nothing for days after today. Sorted by date, platform, shop.
 */
export async function rollupsBetween(db: KefuDb, options: RangeOptions): Promise<Rollup[]> {
  return (await rollupRange(db, options)).rows;
}

/** `rollupsBetween`, and today's input as it was read (for what was set aside). */
export async function rollupRange(db: KefuDb, options: RangeOptions): Promise<{ rows: Rollup[]; today: DayInput }> {
  const { from, to } = options;
  chinaDayStart(from);
  chinaDayStart(to);
  const { input, rollup } = await refresh(db, options);
  const today = input.date;
  const stored = from < today ? await db.rollups.where('date').between(from, to < today ? to : today, true, to < today).toArray() : [];
  stored.sort((a, b) => cmp(a.date, b.date) || cmp(a.platform, b.platform) || cmp(a.shop, b.shop));
  if (from <= today && today <= to) stored.push(...rollup.rows);
  return { rows: stored, today: input };
}

/** What was left out of the figures, for the interface to say so. */
export interface SetAsideReport {
  /** Days left out whole (their date, or their rows, could not be computed), sorted. */
  days: string[];
  /** Days computed without some of their stored rows, and how many each left out, sorted. */
  rows: { date: string; count: number }[];
}

/**
 * What was set aside on the days of [from, to] (finished days as their rollup recorded it, `today` as
 * it was just read), and on every day filed under a key outside the years events may have, whichever
 * the range: no chart or export range ever shows those. A day whose raw events retention deleted is
 * not listed: nothing of it is left aside any more.
 */
export async function setAsideBetween(db: KefuDb, from: string, to: string, today?: DayInput): Promise<SetAsideReport> {
  const records = await db.transaction('r', db.rollupDays, () =>
    Promise.all([
      db.rollupDays.where('date').between(from, to, true, true).toArray(),
      db.rollupDays.where('date').below(FIRST_DAY).toArray(),
      db.rollupDays.where('date').above(LAST_DAY).toArray(),
    ]),
  );
  const days = new Set<string>();
  const rows = new Map<string, number>();
  const note = (date: string, s: SetAside | undefined, outOfYears: boolean) => {
    if (s?.whole || outOfYears) days.add(date);
    else if (s?.rows) rows.set(date, s.rows);
  };
  for (const [k, list] of records.entries()) for (const r of list) if (!r.pruned) note(r.date, r.stale ? undefined : r.setAside, k > 0);
  if (today && today.date >= from && today.date <= to) note(today.date, today.setAside, false);
  return {
    days: [...days].sort(),
    rows: [...rows].filter(([d]) => !days.has(d)).sort(([a], [b]) => cmp(a, b)).map(([date, count]) => ({ date, count })),
  };
}

// ---------------------------------------------------------------------------------------------------
// History

export interface HistoryPoint {
  date: string;
  /** In-window rounds (0 on a day without any). */
  rounds: number;
  avg_response_s: number | null;
  rounds_3min_rate: number | null;
}

export interface ShopHistory {
  platform: PlatformName;
  shop: string;
  points: HistoryPoint[];
}

export interface History {
  /** Every date of the range, oldest first; the last one is today. */
  dates: string[];
  /** All shops together: the averages and rates over all their rounds (not an average of averages). */
  all: HistoryPoint[];
  /** One series per shop that had rounds in the range, sorted by platform, shop. */
  shops: ShopHistory[];
  /** What could not be computed and was left out (see `setAsideBetween`). */
  setAside: SetAsideReport;
}

export interface HistoryOptions extends RollupOptions {
  days: 7 | 30 | 90 | number;
}

interface Acc {
  rounds: number;
  cappedSum: number;
  cappedN: number;
  met: number;
  decided: number;
}
const acc = (): Acc => ({ rounds: 0, cappedSum: 0, cappedN: 0, met: 0, decided: 0 });
const point = (date: string, a: Acc | undefined): HistoryPoint => ({
  date,
  rounds: a?.rounds ?? 0,
  avg_response_s: a && a.cappedN ? a.cappedSum / a.cappedN : null,
  rounds_3min_rate: a && a.decided ? a.met / a.decided : null,
});
const shopPoint = (date: string, f: DayFigures | undefined): HistoryPoint => ({
  date,
  rounds: f?.rounds ?? 0,
  avg_response_s: f?.avg_response_s ?? null,
  rounds_3min_rate: f?.rounds_3min_rate ?? null,
});

/**
 * The dashboard's history: per day of the last `days` days (today included) the rounds, the capped
 * average response and the 3-minute rate, for all shops together and per shop. Finished days come from
 * the rollups (every round of a finished day is decided, so its counts follow from its figures);
 * today from the live computation, where pending rounds are left out as the figures leave them out.
 */
export async function history(db: KefuDb, options: HistoryOptions): Promise<History> {
  const { now, days } = options;
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be an integer ≥ 1, got ${days}`);
  const { input: todayInput, rollup } = await refresh(db, options);
  const today = todayInput.date;
  const from = addDays(today, -(days - 1));
  const dates = datesBetween(from, today);
  const stored = from < today ? await db.rollups.where('date').between(from, today, true, false).toArray() : [];
  const live = rollup.rows;

  const allByDate = new Map<string, Acc>();
  const shops = new Map<string, { platform: PlatformName; shop: string; byDate: Map<string, DayFigures> }>();
  const addShopFigures = (f: DayFigures): void => {
    const key = `${f.platform}${SEP}${f.shop}`;
    let s = shops.get(key);
    if (!s) shops.set(key, (s = { platform: f.platform, shop: f.shop, byDate: new Map() }));
    s.byDate.set(f.date, f);
  };
  for (const r of stored) {
    const f = r.figures;
    if (!f) continue;
    addShopFigures(f);
    if (!f.rounds) continue;
    let a = allByDate.get(f.date);
    if (!a) allByDate.set(f.date, (a = acc()));
    // A finished day: every in-window round is decided and counts in the capped average.
    a.rounds += f.rounds;
    a.cappedSum += (f.avg_response_s ?? 0) * f.rounds;
    a.cappedN += f.rounds;
    a.met += Math.round((f.rounds_3min_rate ?? 0) * f.rounds);
    a.decided += f.rounds;
  }
  for (const r of live) if (r.figures) addShopFigures(r.figures);
  // Today across shops, from the same round outcomes the figures are made of.
  const t = acc();
  for (const o of outcomesOf(todayInput, options)) {
    if (!o.round.inWindow || o.round.excluded) continue;
    t.rounds++;
    if (o.capped_s !== null) {
      t.cappedSum += o.capped_s;
      t.cappedN++;
    }
    if (o.verdicts['3min'] !== 'pending') {
      t.decided++;
      if (o.verdicts['3min'] === 'met') t.met++;
    }
  }
  if (t.rounds) allByDate.set(today, t);

  const setAside = await setAsideBetween(db, from, today, todayInput);
  return {
    dates,
    all: dates.map((d) => point(d, allByDate.get(d))),
    shops: [...shops.values()]
      .filter((s) => [...s.byDate.values()].some((f) => f.rounds > 0))
      .sort((a, b) => cmp(a.platform, b.platform) || cmp(a.shop, b.shop))
      .map((s) => ({ platform: s.platform, shop: s.shop, points: dates.map((d) => shopPoint(d, s.byDate.get(d))) })),
    setAside,
  };
}
