import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatEvent } from './events';
import { KefuDb, recordEvents } from './db';
import { computeDays, type DayFigures } from './kpi';
import { parseEventLines } from './import-events';
import {
  addDays,
  computeDayRollup,
  datesBetween,
  dayOutcomes,
  history,
  liveDay,
  packText,
  parseContractLines,
  pruneEvents,
  rollupFinishedDays,
  rollupsBetween,
  unpackRounds,
} from './rollup';
import { main } from '../../scripts/stats';
import { seedEvents } from '../../scripts/bench/stats';

const FIXTURE = 'lib/stats/fixtures/shift.jsonl';
const at = (iso: string) => Date.parse(iso);

const dbs: KefuDb[] = [];
const newDb = () => {
  const db = new KefuDb(`rollup-test-${Math.random()}`);
  dbs.push(db);
  return db;
};
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

let n = 0;
const ev = (type: string, ts: string, fields: Record<string, unknown> = {}): ChatEvent =>
  ({ id: `e${++n}`, type, ts, platform: 'pdd', shop: '暖阳杂货铺', buyer: 'b1', ...fields }) as ChatEvent;
const buyer = (ts: string, b = 'b1', extra: Record<string, unknown> = {}) => ev('buyer_message', ts, { buyer: b, ...extra });
const human = (ts: string, b = 'b1', extra: Record<string, unknown> = {}) => ev('agent_message', ts, { buyer: b, sender: 'human', ...extra });
const robot = (ts: string, b = 'b1') => ev('agent_message', ts, { buyer: b, sender: 'robot' });

const jsonl = (events: readonly ChatEvent[]) => events.map((e) => JSON.stringify(e)).join('\n');
/** `npm run stats` on these events at `now`. */
const statsCommand = (events: readonly ChatEvent[], now: string): DayFigures[] => {
  const r = main(['--events', 'events.jsonl', '--now', now], { readFile: () => jsonl(events) });
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { days: DayFigures[] }).days;
};

describe('dates', () => {
  it('addDays and datesBetween count China days: 2026-11-29 + 3 → 2026-12-02', () => {
    expect(addDays('2026-11-29', 3)).toBe('2026-12-02');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(datesBetween('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(datesBetween('2026-03-02', '2026-03-01')).toEqual([]);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('rollups == npm run stats', () => {
  it('the sample shift (2026-11-20), rolled up the next morning, equals the stats command row for row', async () => {
    const text = readFileSync(FIXTURE, 'utf8');
    const { events } = parseEventLines(text);
    const db = newDb();
    await recordEvents(db, events);
    const now = '2026-11-21T09:00:00+08:00';
    expect(await rollupFinishedDays(db, at(now))).toEqual(['2026-11-20']);
    const rows = await db.rollups.where('date').equals('2026-11-20').toArray();
    const expected = JSON.parse(main(['--events', FIXTURE, '--now', now]).stdout).days as DayFigures[];
    expect(rows.map((r) => r.figures)).toEqual(expected);
    // And the exact numbers the stats test pins for the pdd shop.
    expect(rows[0]!.figures).toMatchObject({ consulting_buyers: 5, rounds: 6, avg_response_s: (18 + 130 + 270 + 25 + 600 + 600) / 6 });
  });

  it('6 generated days (4 shops, replies after midnight, 1 % never answered): every finished day and today equal the command', async () => {
    const now = '2026-11-20T16:00:00+08:00';
    const days = seedEvents({ firstDate: '2026-11-15', days: 6, perDay: 400, seed: 7, until: at(now) });
    const all = days.flat();
    const db = newDb();
    for (const d of days) await recordEvents(db, d);
    await rollupFinishedDays(db, at(now));
    const stored = (await rollupsBetween(db, { from: '2026-11-15', to: '2026-11-20', now: at(now) })).flatMap((r) => (r.figures ? [r.figures] : []));
    const command = statsCommand(all, now);
    expect(stored.length).toBeGreaterThan(20);
    expect(stored).toEqual(command);
    // The generator does cross midnight: some replies are stamped on the day after their round.
    expect(all.some((e) => e.type === 'agent_message' && e.ts.slice(0, 10) !== days.flat().find((x) => x.buyer === e.buyer)?.ts.slice(0, 10))).toBe(true);
  });

  it('a round opened Monday 22:50 and still open on Wednesday: Wednesday’s message opens no round (as the command says)', async () => {
    const events = [
      buyer('2026-11-16T22:50:00+08:00', 'night'), // Monday, in the pdd window, never answered until Wednesday
      buyer('2026-11-17T10:00:00+08:00', 'other'), // Tuesday: someone else
      human('2026-11-17T10:00:20+08:00', 'other'),
      buyer('2026-11-18T10:00:00+08:00', 'night'), // Wednesday: still the Monday round
      human('2026-11-18T10:01:00+08:00', 'night'),
    ];
    const db = newDb();
    await recordEvents(db, events);
    const now = '2026-11-19T08:00:00+08:00';
    await rollupFinishedDays(db, at(now));
    const wednesday = (await db.rollups.get(['2026-11-18', 'pdd', '暖阳杂货铺']))!.figures!;
    expect(wednesday).toMatchObject({ consulting_buyers: 1, rounds: 0, effective_reply_rate: 1 });
    // Monday's round was answered on Wednesday at 10:01, after 35 h 11 min.
    const monday = (await db.rollups.get(['2026-11-16', 'pdd', '暖阳杂货铺']))!.figures!;
    expect(monday).toMatchObject({ rounds: 1, answered_rounds: 1, median_response_s: 126_660, avg_response_s: 600 });
    const stored = (await db.rollups.toArray()).map((r) => r.figures);
    expect(stored).toEqual(statsCommand(events, now));
    // Today+yesterday's events alone would have opened a Wednesday round answered in 60 s.
    const naive = computeDays(events.slice(1), { now: at(now) }).find((d) => d.date === '2026-11-18');
    expect(naive).toMatchObject({ rounds: 1 });
    expect((await db.rollupDays.get('2026-11-17'))!.carryOut).toEqual([
      { platform: 'pdd', shop: '暖阳杂货铺', buyer: 'night', openedAt: at('2026-11-16T22:50:00+08:00') },
    ]);
  });
});

describe('rule settings', () => {
  it('with the pdd window set to 00:00–24:00 the 07:58 buyer of the sample shift counts: rollups = computeDays with the same profiles', async () => {
    const { events } = parseEventLines(readFileSync(FIXTURE, 'utf8'));
    const db = newDb();
    await recordEvents(db, events);
    const now = at('2026-11-21T09:00:00+08:00');
    const profiles = { pdd: { window: { from: '00:00', to: '24:00' } } };
    await rollupFinishedDays(db, now, profiles);
    const stored = (await db.rollups.toArray()).map((r) => r.figures);
    expect(stored).toEqual(computeDays(events, { now, profiles }));
    expect(stored[0]).toMatchObject({ platform: 'pdd', consulting_buyers: 6, rounds: 7 });
    await expect(history(db, { now, days: 0 })).rejects.toThrow(RangeError);
  });
});

describe('computeDayRollup', () => {
  it('counts compliance actions per category and template uses per shop: blocked ×2 (one with two categories), 3 templates', () => {
    const day = '2026-11-20';
    const c = (action: string, categories: string[], shop = '暖阳杂货铺') =>
      ev('compliance', `${day}T10:00:00+08:00`, { action, categories, rules: ['r1'], shop });
    const t = (template: string, shop = '暖阳杂货铺') => ev('template_used', `${day}T10:00:05+08:00`, { template, shop });
    const { rows } = computeDayRollup(
      day,
      [
        buyer(`${day}T09:00:00+08:00`),
        human(`${day}T09:00:10+08:00`),
        c('blocked', ['contact_offsite', 'absolute_terms']),
        c('blocked', ['contact_offsite']),
        c('overridden', ['contact_offsite']),
        c('warned', ['price_promises'], '山间小食铺'),
        t('问候'),
        t('问候'),
        t('发货时间'),
      ],
      [],
      { now: at('2026-11-21T00:00:00+08:00') },
    );
    expect(rows.map((r) => [r.shop, r.figures?.rounds ?? null])).toEqual([
      ['山间小食铺', null], // compliance only: no figures
      ['暖阳杂货铺', 1],
    ]);
    expect(rows[1]!.compliance).toEqual({
      actions: { blocked: 2, overridden: 1, warned: 0 },
      categories: {
        contact_offsite: { blocked: 2, overridden: 1, warned: 0 },
        absolute_terms: { blocked: 1, overridden: 0, warned: 0 },
      },
    });
    expect(rows[1]!.templates).toEqual({ uses: 3, templates: { 问候: 2, 发货时间: 1 } });
    expect(rows[0]!.compliance.actions).toEqual({ blocked: 0, overridden: 0, warned: 1 });
  });
});

describe('rollupFinishedDays', () => {
  it('rolls up only finished days (before today, China time), once; today stays live', async () => {
    const db = newDb();
    await recordEvents(db, [buyer('2026-11-19T09:00:00+08:00'), human('2026-11-19T09:00:30+08:00'), buyer('2026-11-20T09:00:00+08:00', 'b2')]);
    const now = at('2026-11-20T10:00:00+08:00');
    expect(await rollupFinishedDays(db, now)).toEqual(['2026-11-19']);
    expect(await rollupFinishedDays(db, now)).toEqual([]);
    expect(await db.rollups.where('date').equals('2026-11-20').count()).toBe(0);
    const pack = (await db.dayPacks.get('2026-11-19'))!;
    expect(parseContractLines(packText(pack)).map((e) => e.type)).toEqual(['buyer_message', 'agent_message']);
    expect(unpackRounds('2026-11-19', pack.rounds)).toEqual([
      {
        date: '2026-11-19', platform: 'pdd', shop: '暖阳杂货铺', buyer: 'b1', openedAt: at('2026-11-19T09:00:00+08:00'),
        closedAt: at('2026-11-19T09:00:30+08:00'), response_s: 30, inWindow: true, excluded: false,
        verdicts: { '30s': 'met', '3min': 'met', '1h': 'met' },
      },
    ]);
    // 00:30 China time on the 21st is 16:30 UTC on the 20th: the 20th is finished.
    expect(await rollupFinishedDays(db, Date.UTC(2026, 10, 20, 16, 30))).toEqual(['2026-11-20']);
  });

  it('a late event for a finished day (a 22:58:50 reply delivered after midnight) invalidates and recomputes that day', async () => {
    const db = newDb();
    await recordEvents(db, [buyer('2026-11-19T22:58:00+08:00')]);
    const now = at('2026-11-20T00:10:00+08:00');
    await rollupFinishedDays(db, now);
    expect((await db.rollups.get(['2026-11-19', 'pdd', '暖阳杂货铺']))!.figures).toMatchObject({ rounds: 1, answered_rounds: 0 });
    expect((await db.rollupDays.get('2026-11-19'))!.carryOut).toHaveLength(1);
    await recordEvents(db, [human('2026-11-19T22:58:50+08:00')]);
    expect(await db.rollups.get(['2026-11-19', 'pdd', '暖阳杂货铺'])).toBeUndefined();
    expect(await db.dayPacks.get('2026-11-19')).toBeUndefined();
    expect(await rollupFinishedDays(db, now)).toEqual(['2026-11-19']);
    expect((await db.rollups.get(['2026-11-19', 'pdd', '暖阳杂货铺']))!.figures).toMatchObject({ rounds: 1, answered_rounds: 1, median_response_s: 50 });
  });

  it('a Monday reply added later changes what Monday carries: Wednesday is recomputed too (Tuesday had no events)', async () => {
    const db = newDb();
    const monday = buyer('2026-11-16T22:50:00+08:00', 'night');
    const wednesday = [buyer('2026-11-18T10:00:00+08:00', 'night'), human('2026-11-18T10:01:00+08:00', 'night')];
    await recordEvents(db, [monday, ...wednesday]);
    const now = at('2026-11-19T08:00:00+08:00');
    // Wednesday 10:01 answers Monday's round: Monday learns it and is computed again.
    expect(await rollupFinishedDays(db, now)).toEqual(['2026-11-16', '2026-11-18', '2026-11-16']);
    expect((await db.rollups.get(['2026-11-18', 'pdd', '暖阳杂货铺']))!.figures!.rounds).toBe(0);
    expect((await db.rollups.get(['2026-11-16', 'pdd', '暖阳杂货铺']))!.figures).toMatchObject({ answered_rounds: 1, median_response_s: 126_660 });
    const reply = human('2026-11-16T23:00:00+08:00', 'night');
    await recordEvents(db, [reply]);
    expect(await rollupFinishedDays(db, now)).toEqual(['2026-11-16', '2026-11-18']);
    const wed = (await db.rollups.get(['2026-11-18', 'pdd', '暖阳杂货铺']))!.figures!;
    expect(wed).toMatchObject({ rounds: 1, answered_rounds: 1, avg_response_s: 60 });
    expect(wed).toEqual(statsCommand([monday, reply, ...wednesday], '2026-11-19T08:00:00+08:00').find((d) => d.date === '2026-11-18'));
  });
});

describe('pruneEvents', () => {
  it('keepDays 2 on 2026-11-20: events of the 18th and before are deleted after their rollups; rollups stay', async () => {
    const db = newDb();
    const days = ['2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];
    for (const d of days) await recordEvents(db, [buyer(`${d}T09:00:00+08:00`), human(`${d}T09:00:40+08:00`)]);
    const now = at('2026-11-20T12:00:00+08:00');
    const result = await pruneEvents(db, { now, keepDays: 2 });
    expect(result).toEqual({ deleted: 4, days: ['2026-11-17', '2026-11-18'], keptFrom: '2026-11-19', rolledUp: ['2026-11-17', '2026-11-18', '2026-11-19'] });
    expect((await db.events.toArray()).map((e) => e.day).sort()).toEqual(['2026-11-19', '2026-11-19', '2026-11-20', '2026-11-20']);
    expect(await db.rollups.count()).toBe(3);
    expect(await db.dayPacks.get('2026-11-17')).toBeUndefined();
    expect((await history(db, { now, days: 7 })).all.map((p) => p.avg_response_s)).toEqual([null, null, null, 40, 40, 40, 40]);
    // Nothing left to prune the second time.
    expect(await pruneEvents(db, { now, keepDays: 2 })).toMatchObject({ deleted: 0, days: [] });
  });

  it('default keepDays is 90: an event 89 days old is kept, one 90 days old is not', async () => {
    const db = newDb();
    await recordEvents(db, [buyer('2026-08-22T09:00:00+08:00', 'old'), buyer('2026-08-23T09:00:00+08:00', 'kept')]);
    const r = await pruneEvents(db, { now: at('2026-11-20T12:00:00+08:00') });
    expect(r).toMatchObject({ deleted: 1, keptFrom: '2026-08-23', days: ['2026-08-22'] });
    expect((await db.events.toArray()).map((e) => e.buyer)).toEqual(['kept']);
  });

  it('an event re-imported into a pruned day keeps the day’s rollup (made from the complete day)', async () => {
    const db = newDb();
    await recordEvents(db, [buyer('2026-11-10T09:00:00+08:00'), human('2026-11-10T09:00:40+08:00')]);
    const now = at('2026-11-20T12:00:00+08:00');
    await pruneEvents(db, { now, keepDays: 2 });
    await recordEvents(db, [buyer('2026-11-10T10:00:00+08:00', 'b9')]);
    expect((await db.rollups.get(['2026-11-10', 'pdd', '暖阳杂货铺']))!.figures).toMatchObject({ rounds: 1, avg_response_s: 40 });
    expect(await rollupFinishedDays(db, now)).toEqual([]);
    await expect(pruneEvents(db, { now, keepDays: 0 })).rejects.toThrow(RangeError);
  });
});

describe('liveDay and dayOutcomes', () => {
  it('today at 10:05 with a 09:00 round answered in 20 s and a 10:04 round still open: pending in the 3-minute rate', async () => {
    const db = newDb();
    await recordEvents(db, [
      buyer('2026-11-19T22:58:00+08:00', 'late'), // yesterday, open over midnight
      buyer('2026-11-20T09:00:00+08:00'),
      robot('2026-11-20T09:00:02+08:00'),
      human('2026-11-20T09:00:20+08:00'),
      buyer('2026-11-20T10:04:00+08:00', 'b2'),
      buyer('2026-11-20T09:30:00+08:00', 'late'), // no new round: the 22:58 one is still open
    ]);
    const now = at('2026-11-20T10:05:00+08:00');
    const [row] = await liveDay(db, { now });
    expect(row!.figures).toMatchObject({ consulting_buyers: 3, rounds: 2, answered_rounds: 1, rounds_30s_rate: 1 / 2, rounds_3min_rate: 1, avg_response_s: 20 });
    expect(await db.rollups.where('date').equals('2026-11-19').count()).toBe(1);
    const outcomes = await dayOutcomes(db, '2026-11-20', { now });
    expect(outcomes.map((o) => [o.round.buyer, o.response_s, o.verdicts['3min']])).toEqual([
      ['b1', 20, 'met'],
      ['b2', null, 'pending'],
    ]);
  });
});

describe('replies after midnight', () => {
  it('a 22:55 round answered at 00:05: at 00:10 yesterday shows it answered after 70 min (4,200 s), as the command does', async () => {
    const events = [buyer('2026-11-19T22:55:00+08:00'), robot('2026-11-19T22:55:02+08:00'), human('2026-11-20T00:05:00+08:00')];
    const db = newDb();
    await recordEvents(db, events.slice(0, 2));
    await rollupFinishedDays(db, at('2026-11-20T00:01:00+08:00'));
    expect((await db.rollups.get(['2026-11-19', 'pdd', '暖阳杂货铺']))!.figures).toMatchObject({ answered_rounds: 0, unanswered_rounds: 1 });
    await recordEvents(db, events.slice(2));
    const now = '2026-11-20T00:10:00+08:00';
    const rows = await rollupsBetween(db, { from: '2026-11-19', to: '2026-11-20', now: at(now) });
    expect(rows.map((r) => r.figures)).toEqual(statsCommand(events, now));
    expect(rows[0]!.figures).toMatchObject({ answered_rounds: 1, unanswered_rounds: 0, median_response_s: 4200, avg_response_s: 600 });
    expect((await db.rollupDays.get('2026-11-19'))!.lateCloses).toEqual([
      { platform: 'pdd', shop: '暖阳杂货铺', buyer: 'b1', openedAt: at('2026-11-19T22:55:00+08:00'), closedAt: at('2026-11-20T00:05:00+08:00') },
    ]);
    const outcomes = await dayOutcomes(db, '2026-11-19', { now: at(now) });
    expect(outcomes.map((o) => [o.response_s, o.verdicts['1h']])).toEqual([[4200, 'missed']]);
  });
});

describe('history', () => {
  it('7 days to 2026-11-20 10:05: finished days from rollups, today live; all shops = over all rounds, not an average of averages', async () => {
    const db = newDb();
    const a = { shop: '暖阳杂货铺' };
    const b = { shop: '青禾家居旗舰店', platform: 'taobao' };
    await recordEvents(db, [
      // 2026-11-18: shop A 20 s and 200 s, shop B 700 s (capped at 600).
      buyer('2026-11-18T09:00:00+08:00', 'x1', a), human('2026-11-18T09:00:20+08:00', 'x1', a),
      buyer('2026-11-18T10:00:00+08:00', 'x2', a), human('2026-11-18T10:03:20+08:00', 'x2', a),
      buyer('2026-11-18T11:00:00+08:00', 'y1', b), human('2026-11-18T11:11:40+08:00', 'y1', b),
      // Today: A answered in 10 s; A still open 60 s at now (left out of both figures for now).
      buyer('2026-11-20T10:00:00+08:00', 'x3', a), human('2026-11-20T10:00:10+08:00', 'x3', a),
      buyer('2026-11-20T10:04:00+08:00', 'x4', a),
    ]);
    const h = await history(db, { now: at('2026-11-20T10:05:00+08:00'), days: 7 });
    expect(h.dates).toEqual(['2026-11-14', '2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20']);
    expect(h.all[4]).toEqual({ date: '2026-11-18', rounds: 3, avg_response_s: (20 + 200 + 600) / 3, rounds_3min_rate: 1 / 3 });
    expect(h.all[5]).toEqual({ date: '2026-11-19', rounds: 0, avg_response_s: null, rounds_3min_rate: null });
    expect(h.all[6]).toEqual({ date: '2026-11-20', rounds: 2, avg_response_s: 10, rounds_3min_rate: 1 });
    expect(h.shops.map((s) => [s.platform, s.shop, s.points.map((p) => p.rounds)])).toEqual([
      ['pdd', '暖阳杂货铺', [0, 0, 0, 0, 2, 0, 2]],
      ['taobao', '青禾家居旗舰店', [0, 0, 0, 0, 1, 0, 0]],
    ]);
    expect(h.shops[0]!.points[4]).toEqual({ date: '2026-11-18', rounds: 2, avg_response_s: 110, rounds_3min_rate: 0.5 });
    expect((await history(db, { now: at('2026-11-20T10:05:00+08:00'), days: 90 })).dates).toHaveLength(90);
  });

  it('today’s per-shop points are computeDays’s figures; the all-shops point over 2 shops matches them when one shop is idle', async () => {
    const now = '2026-11-20T16:00:00+08:00';
    const days = seedEvents({ firstDate: '2026-11-19', days: 2, perDay: 300, seed: 3, until: at(now) });
    const db = newDb();
    for (const d of days) await recordEvents(db, d);
    const h = await history(db, { now: at(now), days: 7 });
    const today = computeDays(days.flat(), { now: at(now) }).filter((f) => f.date === '2026-11-20');
    for (const f of today) {
      const s = h.shops.find((x) => x.platform === f.platform && x.shop === f.shop)!;
      expect(s.points[6]).toEqual({ date: f.date, rounds: f.rounds, avg_response_s: f.avg_response_s, rounds_3min_rate: f.rounds_3min_rate });
    }
    expect(h.all[6]!.rounds).toBe(today.reduce((s, f) => s + f.rounds, 0));
  });
});

describe('what cannot be computed is set aside, not thrown', () => {
  const good = () => [
    buyer('2026-11-19T09:00:00+08:00', 'g1'), human('2026-11-19T09:00:30+08:00', 'g1'),
    buyer('2026-11-20T09:00:00+08:00', 'g2'), human('2026-11-20T09:01:00+08:00', 'g2'),
    buyer('2026-11-21T09:00:00+08:00', 'g3'), human('2026-11-21T09:00:10+08:00', 'g3'),
  ];
  const NOW = '2026-11-21T10:00:00+08:00';

  it('an event of the China year 26 stored before the schema refused it: the other days roll up as the command computes them, the day is reported', async () => {
    const db = newDb();
    const events = good();
    // recordEvents trusts its caller (the handler and the import validate): an older version stored this.
    await recordEvents(db, [...events, buyer('0026-11-20T09:00:00+08:00', 'typo')]);
    expect(await db.rollupDays.get('0026-11-20')).toMatchObject({ stale: 1 });
    const now = at(NOW);
    expect(await rollupFinishedDays(db, now)).toEqual(['2026-11-19', '2026-11-20']);
    const command = statsCommand(events, NOW);
    expect((await rollupsBetween(db, { from: '2026-11-19', to: '2026-11-21', now })).map((r) => r.figures)).toEqual(command);
    expect(await db.rollupDays.get('0026-11-20')).toMatchObject({ stale: 0, setAside: { whole: true, rows: 1 } });
    const h = await history(db, { now, days: 7 });
    expect(h.all.map((p) => p.rounds)).toEqual([0, 0, 0, 0, 1, 1, 1]);
    expect(h.setAside).toEqual({ days: ['0026-11-20'], rows: [] });
    // Retention too; the day's raw events go with it, and with them the notice.
    await expect(pruneEvents(db, { now, keepDays: 2 })).resolves.toMatchObject({ days: ['0026-11-20', '2026-11-19'] });
    expect((await history(db, { now, days: 7 })).setAside).toEqual({ days: [], rows: [] });
  });

  it('a day filed under an impossible date (2026-02-30) is set aside; the round open across it still carries from 02-28 to 03-01', async () => {
    const db = newDb();
    await recordEvents(db, [buyer('2026-02-28T22:50:00+08:00', 'night'), buyer('2026-03-01T09:00:00+08:00', 'night'), human('2026-03-01T09:10:00+08:00', 'night')]);
    // A row and its day state written by hand (or by a bug) under a day that does not exist.
    await db.events.put({ ...buyer('2026-02-28T23:00:00+08:00', 'odd'), day: '2026-02-30' });
    await db.rollupDays.put({ date: '2026-02-30', stale: 1, computedAt: 0, events: 0, carryInDigest: '', carryOut: [], lateCloses: [], pruned: false });
    const now = at('2026-03-02T10:00:00+08:00');
    await expect(rollupFinishedDays(db, now)).resolves.toContain('2026-03-01');
    expect((await db.rollups.get(['2026-03-01', 'pdd', '暖阳杂货铺']))!.figures!.rounds).toBe(0); // still 02-28's round
    expect((await db.rollups.get(['2026-02-28', 'pdd', '暖阳杂货铺']))!.figures).toMatchObject({ rounds: 1, answered_rounds: 1 });
    expect((await history(db, { now, days: 7 })).setAside).toEqual({ days: ['2026-02-30'], rows: [] });
  });

  it('corrupt stored rows (no instant, 02-30 rolled to 03-02, an unknown platform, no buyer) are left out of their day, counted, and reported', async () => {
    const db = newDb();
    const events = good();
    await recordEvents(db, events);
    await db.events.bulkPut([
      { ...buyer('2026-11-20T09:30:00+08:00', 'c1'), ts: 'garbage', day: '2026-11-20' },
      { ...buyer('2026-11-20T09:30:00+08:00', 'c2'), platform: 'amazon', day: '2026-11-20' },
      { ...buyer('2026-11-20T09:30:00+08:00', 'c3'), buyer: undefined, day: '2026-11-20' },
      // Stored when Date.parse still took 02-30 for 03-02.
      { ...buyer('2026-11-21T09:30:00+08:00', 'c4'), ts: '2026-02-30T09:30:00+08:00', day: '2026-11-21' },
    ] as never);
    const now = at(NOW);
    await rollupFinishedDays(db, now);
    const command = statsCommand(events, NOW);
    expect((await rollupsBetween(db, { from: '2026-11-19', to: '2026-11-21', now })).map((r) => r.figures)).toEqual(command);
    expect(await liveDay(db, { now })).toHaveLength(1);
    expect((await dayOutcomes(db, '2026-11-21', { now })).map((o) => o.round.buyer)).toEqual(['g3']);
    expect((await history(db, { now, days: 7 })).setAside).toEqual({
      days: [],
      rows: [
        { date: '2026-11-20', count: 3 },
        { date: '2026-11-21', count: 1 },
      ],
    });
  });

  it('a corrupt carry (a round open since NaN) does not stop the next day or today', async () => {
    const db = newDb();
    await recordEvents(db, good());
    const now = at(NOW);
    await rollupFinishedDays(db, now);
    const day = (await db.rollupDays.get('2026-11-19'))!;
    await db.rollupDays.put({ ...day, carryOut: [{ platform: 'pdd', shop: '暖阳杂货铺', buyer: 'x', openedAt: Number.NaN }] });
    await recordEvents(db, [buyer('2026-11-20T10:00:00+08:00', 'g4')]); // the 20th is computed again
    await expect(rollupFinishedDays(db, now)).resolves.toEqual(['2026-11-20']);
    expect((await db.rollups.get(['2026-11-20', 'pdd', '暖阳杂货铺']))!.figures!.rounds).toBe(2);
    await expect(liveDay(db, { now })).resolves.toHaveLength(1);
  });
});
