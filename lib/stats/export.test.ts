import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatEvent } from './events';
import { KefuDb, recordEvents } from './db';
import { DAY_FIELDS, type DayFigures } from './kpi';
import { parseEventLines } from './import-events';
import { pruneEvents, rollupsBetween } from './rollup';
import {
  chinaDateTime,
  csvCell,
  csvLine,
  DAY_HEADERS,
  exportDailyCsv,
  exportDailyJson,
  exportEventsJsonl,
  exportRoundsCsv,
  ROUND_HEADERS,
  type ExportOptions,
} from './export';
import { main } from '../../scripts/stats';
import { seedEvents } from '../../scripts/bench/stats';

const FIXTURE = 'lib/stats/fixtures/shift.jsonl';
const at = (iso: string) => Date.parse(iso);
const SALT = 'export-test-salt-0123456789';

const dbs: KefuDb[] = [];
const newDb = () => {
  const db = new KefuDb(`export-test-${Math.random()}`);
  dbs.push(db);
  return db;
};
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const decoder = new TextDecoder();
const text = (chunks: readonly (string | Uint8Array)[]) => chunks.map((c) => (typeof c === 'string' ? c : decoder.decode(c))).join('');
const statsDays = (jsonl: string, now: string): DayFigures[] => {
  const r = main(['--events', 'export.jsonl', '--now', now], { readFile: () => jsonl });
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout) as { days: DayFigures[] }).days;
};

async function fixtureDb() {
  const db = newDb();
  await recordEvents(db, parseEventLines(readFileSync(FIXTURE, 'utf8')).events);
  return db;
}
const END = '2026-11-21T09:00:00+08:00';
const range = (over: Partial<ExportOptions> = {}): ExportOptions => ({ from: '2026-11-20', to: '2026-11-21', now: at(END), ...over });

describe('csvCell: escaping and formula neutralising', () => {
  it.each([
    ['plain', 'plain'],
    ['暖阳杂货铺', '暖阳杂货铺'],
    ['=1+1', "'=1+1"],
    ['+86 138 0000 0000', "'+86 138 0000 0000"],
    ['-5', "'-5"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['＝1+1', "'＝1+1"],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line1\nline2', '"line1\nline2"'],
    ['=HYPERLINK("http://x.cn","点我")', `"'=HYPERLINK(""http://x.cn"",""点我"")"`],
    ['1+1', '1+1'],
    ["it's", "it's"],
  ])('%j → %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('numbers are written as numbers (−5 stays −5), null and undefined are empty, booleans 是/否', () => {
    expect([csvCell(-5), csvCell(0.25), csvCell(null), csvCell(undefined), csvCell(Number.NaN), csvCell(true), csvCell(false)]).toEqual([
      '-5', '0.25', '', '', '', '是', '否',
    ]);
  });

  it('a line ends with CRLF and reads back with papaparse cell for cell (the leading quote is the only change)', () => {
    const cells = ['=cmd|" /C calc"!A0', 'a,"b"', '多\n行', '-1', '@x', 'ok'];
    const line = csvLine(cells);
    expect(line.endsWith('\r\n')).toBe(true);
    const parsed = Papa.parse<string[]>(line, { newline: '\r\n', skipEmptyLines: true }).data[0]!;
    expect(parsed).toEqual(["'=cmd|\" /C calc\"!A0", 'a,"b"', '多\n行', "'-1", "'@x", 'ok']);
  });
});

describe('daily stats export', () => {
  it('CSV: BOM, Chinese headers in the metric order, CRLF, one row per (date, platform, shop) as npm run stats', async () => {
    const db = await fixtureDb();
    const file = await exportDailyCsv(db, range());
    const csv = text(file.chunks);
    expect(csv.startsWith('\uFEFF日期,平台,店铺,咨询人数,回合数,已回复回合,平均响应秒,')).toBe(true);
    expect(csv.split('\r\n')[0]).toBe(`\uFEFF${DAY_FIELDS.map((k) => DAY_HEADERS[k]).join(',')}`);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(file).toMatchObject({ filename: 'kefu-pilot-daily-2026-11-20_2026-11-21.csv', mime: 'text/csv;charset=utf-8', rows: 2 });
    const rows = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n', skipEmptyLines: true }).data;
    const expected = statsDays(readFileSync(FIXTURE, 'utf8'), END);
    expect(rows.slice(1)).toEqual(expected.map((d) => DAY_FIELDS.map((k) => (d[k] === null ? '' : String(d[k])))));
    expect(rows[1]!.slice(0, 6)).toEqual(['2026-11-20', 'pdd', '暖阳杂货铺', '5', '6', '5']);
  });

  it('JSON: exactly what npm run stats prints for the same events and now', async () => {
    const db = await fixtureDb();
    const file = await exportDailyJson(db, range());
    expect(file.chunks.join('')).toBe(main(['--events', FIXTURE, '--now', END]).stdout);
  });

  it('a shop named "=HYPERLINK(…)" is neutralised in the CSV but kept as is in the JSON', async () => {
    const db = newDb();
    const shop = '=HYPERLINK("http://evil.example","店")';
    await recordEvents(db, [
      { id: 'a', type: 'buyer_message', ts: '2026-11-20T09:00:00+08:00', platform: 'pdd', shop, buyer: '-1' },
      { id: 'b', type: 'agent_message', ts: '2026-11-20T09:00:10+08:00', platform: 'pdd', shop, buyer: '-1', sender: 'human' },
    ]);
    const csv = text((await exportDailyCsv(db, range())).chunks);
    expect(csv.split('\r\n')[1]).toMatch(/^2026-11-20,pdd,"'=HYPERLINK\(""http:\/\/evil\.example"",""店""\)",1,1,1,10,/);
    expect(JSON.parse(text((await exportDailyJson(db, range())).chunks)).days[0].shop).toBe(shop);
    const rounds = text((await exportRoundsCsv(db, range())).chunks);
    expect(rounds.split('\r\n')[1]).toContain(`,"'=HYPERLINK(""http://evil.example"",""店"")",'-1,`);
  });

  it('from after to, or a date that does not exist, is refused', async () => {
    const db = newDb();
    await expect(exportDailyCsv(db, range({ from: '2026-11-22', to: '2026-11-21' }))).rejects.toThrow(RangeError);
    await expect(exportRoundsCsv(db, range({ from: '2026-02-30' }))).rejects.toThrow(RangeError);
  });
});

describe('rounds export', () => {
  it('one row per round with 30 s / 3 min / 1 h verdicts; b1002’s 09:15:02 round answered at 09:15:20 → 18 s, 是,是,是', async () => {
    const db = await fixtureDb();
    const file = await exportRoundsCsv(db, range());
    const csv = text(file.chunks);
    expect(csv.startsWith(`\uFEFF${ROUND_HEADERS.join(',')}\r\n`)).toBe(true);
    expect(ROUND_HEADERS.join(',')).toBe('日期,平台,店铺,买家,开始,回复时间,响应秒,是否考核时段,30秒达标,3分钟达标,1小时达标,排除');
    const rows = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n', skipEmptyLines: true }).data.slice(1);
    expect(file.rows).toBe(rows.length);
    expect(rows).toContainEqual(['2026-11-20', 'pdd', '暖阳杂货铺', 'b1002', '2026-11-20 09:15:02', '2026-11-20 09:15:20', '18', '是', '是', '是', '是', '否']);
    // Before 08:00: out of the pdd window. Never answered: no reply time, missed everywhere.
    expect(rows).toContainEqual(['2026-11-20', 'pdd', '暖阳杂货铺', 'b1001', '2026-11-20 07:58:10', '2026-11-20 08:01:05', '175', '否', '否', '是', '是', '否']);
    expect(rows).toContainEqual(['2026-11-20', 'pdd', '暖阳杂货铺', 'b1007', '2026-11-20 17:55:00', '', '', '是', '否', '否', '否', '否']);
    expect(rows.find((r) => r[3] === 'b1004')!.at(-1)).toBe('是'); // excluded (advertising)
    // The same rounds and verdicts as the in-window, not-excluded rounds the figures count.
    const counted = rows.filter((r) => r[7] === '是' && r[11] === '否' && r[1] === 'pdd');
    expect(counted).toHaveLength(6);
    expect(counted.filter((r) => r[9] === '是')).toHaveLength(3); // rounds_3min_rate 3/6
  });

  it('today’s open round is 待定 (pending) while younger than the threshold', async () => {
    const db = await fixtureDb();
    const now = '2026-11-20T17:55:20+08:00';
    const rows = text((await exportRoundsCsv(db, range({ to: '2026-11-20', now: at(now) }))).chunks).split('\r\n');
    expect(rows.find((r) => r.includes('b1007'))).toBe('2026-11-20,pdd,暖阳杂货铺,b1007,2026-11-20 17:55:00,,,是,待定,待定,待定,否');
  });

  it('nicknames add a 昵称 column; pseudonymised, buyer and nickname become the same 买家-XXXXXXXXXXXX', async () => {
    const db = await fixtureDb();
    const nicknames = new Map([['b1002', '青柠汽水']]);
    const plain = text((await exportRoundsCsv(db, range({ nicknames }))).chunks).split('\r\n');
    expect(plain[0]).toBe('\uFEFF日期,平台,店铺,买家,昵称,开始,回复时间,响应秒,是否考核时段,30秒达标,3分钟达标,1小时达标,排除');
    expect(plain.find((r) => r.includes('b1002'))).toMatch(/^2026-11-20,pdd,暖阳杂货铺,b1002,青柠汽水,2026-11-20 09:15:02,/);
    const file = await exportRoundsCsv(db, range({ nicknames, pseudonymise: true, salt: SALT }));
    const csv = text(file.chunks);
    expect(file.filename).toBe('kefu-pilot-rounds-2026-11-20_2026-11-21-pseudonymised.csv');
    expect(csv).not.toMatch(/b100\d|tb_|青柠汽水/);
    const row = csv.split('\r\n').find((r) => r.includes('09:15:02'))!.split(',');
    expect(row[3]).toMatch(/^买家-[0-9A-F]{12}$/);
    expect(row[4]).toBe(row[3]);
    const again = text((await exportRoundsCsv(db, range({ nicknames, pseudonymise: true, salt: SALT }))).chunks);
    expect(again).toBe(csv);
  });

  it('pseudonymised from the ready rows of finished days: the same file as from their packed rounds; a day with quoted cells falls back', async () => {
    const db = newDb();
    const days = seedEvents({ firstDate: '2026-11-14', days: 7, perDay: 200, until: at('2026-11-20T23:00:00+08:00'), messageText: false });
    // One buyer whose id a spreadsheet would run (its cells are neutralised and quoted on that day).
    const odd = { id: 'odd-1', type: 'buyer_message', ts: '2026-11-16T10:00:00+08:00', platform: 'pdd', shop: '暖阳杂货铺', buyer: '=1+1,"x"' } as ChatEvent;
    await recordEvents(db, [...days.flat(), odd]);
    const o = { from: '2026-11-14', to: '2026-11-21', now: at(END), pseudonymise: true, salt: SALT };
    const fromRows = await exportRoundsCsv(db, o);
    expect(await db.dayRounds.count()).toBe(7);
    await db.dayRounds.clear(); // as a day rolled up before v3: the packed rounds are read
    const fromPacks = await exportRoundsCsv(db, o);
    expect(text(fromRows.chunks)).toBe(text(fromPacks.chunks));
    expect(fromRows.rows).toBe(fromPacks.rows);
    expect(text(fromRows.chunks)).not.toMatch(/,530\d{4},|=1\+1/);
    // The text rewrite itself: a plain row is rewritten, a row with a quoted or neutralised cell is not.
    const { pseudonymisedRoundRows } = await import('./export');
    const { createPseudonymizer } = await import('./pseudonym');
    const p = createPseudonymizer(SALT);
    expect(pseudonymisedRoundRows('2026-11-20,pdd,暖阳杂货铺,b1002,2026-11-20 09:15:02,,,是,待定,待定,待定,否\r\n', p)).toBe(
      `2026-11-20,pdd,暖阳杂货铺,${p.buyer('b1002')},2026-11-20 09:15:02,,,是,待定,待定,待定,否\r\n`,
    );
    expect(pseudonymisedRoundRows(`2026-11-20,pdd,暖阳杂货铺,"'=1+1,""x""",x\r\n`, p)).toBeNull();
  });

  it('China wall-clock times whatever the zone: 2026-11-20T01:40:00Z → 2026-11-20 09:40:00', () => {
    expect(chinaDateTime(at('2026-11-20T01:40:00Z'))).toBe('2026-11-20 09:40:00');
    expect(chinaDateTime(at('2026-11-20T01:40:00.250Z'))).toBe('2026-11-20 09:40:00.250');
  });
});

describe('raw events export', () => {
  it('JSON Lines the stats command reads back to the same figures as the dashboard (fixture + 5 generated days)', async () => {
    const now = '2026-11-20T16:00:00+08:00';
    const days = seedEvents({ firstDate: '2026-11-16', days: 5, perDay: 300, seed: 11, until: at(now) });
    const db = newDb();
    for (const d of days) await recordEvents(db, d);
    const progress: [number, number][] = [];
    const file = await exportEventsJsonl(db, { from: '2026-11-16', to: '2026-11-20', now: at(now), onProgress: (d, t) => progress.push([d, t]) });
    expect(progress).toEqual([[1, 5], [2, 5], [3, 5], [4, 5], [5, 5]]);
    expect(file.chunks).toHaveLength(5);
    expect(file).toMatchObject({ rows: days.flat().length, mime: 'application/x-ndjson', filename: 'kefu-pilot-events-2026-11-16_2026-11-20.jsonl' });
    const jsonl = text(file.chunks);
    const dashboard = (await rollupsBetween(db, { from: '2026-11-16', to: '2026-11-20', now: at(now) })).flatMap((r) => (r.figures ? [r.figures] : []));
    expect(statsDays(jsonl, now)).toEqual(dashboard);
    // Oldest first, the common fields first, no store field.
    const lines = jsonl.trimEnd().split('\n').map((l) => JSON.parse(l) as ChatEvent & { day?: string });
    expect(lines.map((e) => Date.parse(e.ts))).toEqual([...lines.map((e) => Date.parse(e.ts))].sort((a, b) => a - b));
    expect(Object.keys(lines[0]!).slice(0, 5)).toEqual(['id', 'type', 'ts', 'platform', 'shop']);
    expect(lines.some((e) => 'day' in e)).toBe(false);
    expect(new Set(lines.map((e) => e.id)).size).toBe(days.flat().length);
  });

  it('the fixture round-trips: every event, the Z timestamp kept as written, the repeated id once', async () => {
    const db = await fixtureDb();
    const jsonl = text((await exportEventsJsonl(db, range())).chunks);
    const back = parseEventLines(jsonl);
    expect(back.errors).toEqual([]);
    const original = parseEventLines(readFileSync(FIXTURE, 'utf8')).events;
    expect(back.events.map((e) => e.id).sort()).toEqual([...new Set(original.map((e) => e.id))].sort());
    expect(back.events.find((e) => e.id === 'p-0010')!.ts).toBe('2026-11-20T01:40:00Z');
    expect(statsDays(jsonl, END)).toEqual(statsDays(readFileSync(FIXTURE, 'utf8'), END));
  });

  it('pseudonymised: no buyer id, event id or text left, the same figures from the command, same salt → same file', async () => {
    const db = await fixtureDb();
    await recordEvents(db, [
      { id: 'c1', type: 'compliance', ts: '2026-11-20T12:00:00+08:00', platform: 'pdd', shop: '暖阳杂货铺', buyer: 'b1002', action: 'overridden', categories: ['contact_offsite'], rules: ['r'], reason: '买家b1002要微信' },
    ]);
    const file = await exportEventsJsonl(db, range({ pseudonymise: true, salt: SALT }));
    const jsonl = text(file.chunks);
    expect(jsonl).not.toMatch(/b100\d|tb_moon|p-00|"text"|要微信/);
    const events = parseEventLines(jsonl);
    expect(events.errors).toEqual([]);
    expect(events.events.every((e) => /^e-[0-9a-f]{16}$/.test(e.id))).toBe(true);
    expect(events.events.find((e) => e.type === 'compliance')).toMatchObject({ action: 'overridden', categories: ['contact_offsite'], buyer: expect.stringMatching(/^买家-/) });
    const pseudo = statsDays(jsonl, END);
    const plain = statsDays(text((await exportEventsJsonl(db, range())).chunks), END);
    expect(pseudo).toEqual(plain);
    expect(text((await exportEventsJsonl(db, range({ pseudonymise: true, salt: SALT }))).chunks)).toBe(jsonl);
    // Without a salt each export gets its own: other pseudonyms.
    expect(text((await exportEventsJsonl(db, range({ pseudonymise: true }))).chunks)).not.toBe(jsonl);
  });

  it('pseudonymised: an id that holds a phone number and a name (an older version’s id of an id-less message) shows neither, on a finished day and today', async () => {
    const db = newDb();
    const leaky = (day: string) => ({
      id: `pdd:暖阳杂货铺:b1:xbuyer|${day}T09:15:02+08:00|我是李雷，电话13812345678|`,
      type: 'buyer_message',
      ts: `${day}T09:15:02+08:00`,
      platform: 'pdd',
      shop: '暖阳杂货铺',
      buyer: 'b1',
    }) as ChatEvent;
    await recordEvents(db, [leaky('2026-11-20'), leaky('2026-11-21')]);
    const file = await exportEventsJsonl(db, range({ pseudonymise: true, salt: SALT }));
    expect(file.rows).toBe(2);
    const jsonl = text(file.chunks);
    expect(jsonl).not.toMatch(/李雷|13812345678|电话/);
    expect(parseEventLines(jsonl).events.map((e) => e.id)).toEqual([expect.stringMatching(/^e-[0-9a-f]{16}$/), expect.stringMatching(/^e-[0-9a-f]{16}$/)]);
  });

  it('days whose raw events were pruned are named and left out; their daily figures remain', async () => {
    const db = newDb();
    const day = (d: string, b: string): ChatEvent[] => [
      { id: `${d}-a`, type: 'buyer_message', ts: `${d}T09:00:00+08:00`, platform: 'pdd', shop: 's', buyer: b },
      { id: `${d}-b`, type: 'agent_message', ts: `${d}T09:00:30+08:00`, platform: 'pdd', shop: 's', buyer: b, sender: 'human' },
    ];
    await recordEvents(db, [...day('2026-11-17', 'x'), ...day('2026-11-19', 'y')]);
    const now = at('2026-11-20T10:00:00+08:00');
    await pruneEvents(db, { now, keepDays: 2 });
    const o = { from: '2026-11-17', to: '2026-11-20', now };
    const events = await exportEventsJsonl(db, o);
    expect(events).toMatchObject({ rows: 2, prunedDays: ['2026-11-17'] });
    expect(await exportRoundsCsv(db, o)).toMatchObject({ rows: 1, prunedDays: ['2026-11-17'] });
    expect(JSON.parse(text((await exportDailyJson(db, o)).chunks)).days.map((d: DayFigures) => d.date)).toEqual(['2026-11-17', '2026-11-19']);
  });
});

describe('exports set aside what cannot be computed', () => {
  const ev = (id: string, ts: string, buyer: string, over: Record<string, unknown> = {}) =>
    ({ id, type: 'buyer_message', ts, platform: 'pdd', shop: 's', buyer, ...over }) as ChatEvent;
  const human = (id: string, ts: string, buyer: string) => ev(id, ts, buyer, { type: 'agent_message', sender: 'human' });
  const NOW = '2026-11-21T10:00:00+08:00';
  const o = (over: Partial<ExportOptions> = {}): ExportOptions => ({ from: '2026-11-19', to: '2026-11-21', now: at(NOW), ...over });
  const good = [
    ev('a1', '2026-11-19T09:00:00+08:00', 'g1'), human('a2', '2026-11-19T09:00:30+08:00', 'g1'),
    ev('b1', '2026-11-20T09:00:00+08:00', 'g2'), human('b2', '2026-11-20T09:01:00+08:00', 'g2'),
    ev('c1', '2026-11-21T09:00:00+08:00', 'g3'), human('c2', '2026-11-21T09:00:10+08:00', 'g3'),
  ];

  async function damagedDb() {
    const db = newDb();
    // An event of the China year 26 (stored before the schema refused it) and two damaged rows.
    await recordEvents(db, [...good, ev('typo', '0026-11-20T09:00:00+08:00', 'x')]);
    await db.events.bulkPut([
      { ...ev('bad1', '2026-11-20T09:30:00+08:00', 'c1'), ts: 'garbage', day: '2026-11-20' },
      { ...ev('bad2', '2026-11-21T09:30:00+08:00', 'c2'), platform: 'amazon', day: '2026-11-21' },
    ] as never);
    return db;
  }

  it('every export still comes out, with the figures of the good events, and names what it left out', async () => {
    const db = await damagedDb();
    const clean = newDb();
    await recordEvents(clean, good);
    const setAside = { days: ['0026-11-20'], rows: [{ date: '2026-11-20', count: 1 }, { date: '2026-11-21', count: 1 }] };
    for (const run of [exportDailyCsv, exportDailyJson, exportRoundsCsv, exportEventsJsonl]) {
      const file = await run(db, o());
      expect(file.setAside, run.name).toEqual(setAside);
      expect(text(file.chunks), run.name).toBe(text((await run(clean, o())).chunks));
    }
    const pseudo = await exportEventsJsonl(db, o({ pseudonymise: true, salt: SALT }));
    expect(pseudo.setAside).toEqual(setAside);
    expect(text(pseudo.chunks)).toBe(text((await exportEventsJsonl(clean, o({ pseudonymise: true, salt: SALT }))).chunks));
  });

  it('a day pack that no longer parses is set aside in the pseudonymised and rounds exports; the other days are written', async () => {
    const db = newDb();
    await recordEvents(db, good);
    await rollupsBetween(db, { from: '2026-11-19', to: '2026-11-21', now: at(NOW) });
    const pack = (await db.dayPacks.get('2026-11-20'))!;
    await db.dayPacks.put({ ...pack, jsonl: new TextEncoder().encode('{"id":"b1",\\broken\n'), rounds: '[[' });
    await db.dayRounds.delete('2026-11-20');
    // (The plain raw export copies a pack's bytes into the file unread: they were checked when written.)
    for (const file of [
      await exportEventsJsonl(db, o({ pseudonymise: true, salt: SALT })),
      await exportRoundsCsv(db, o()),
      await exportRoundsCsv(db, o({ nicknames: new Map() })),
    ]) {
      expect(file.setAside).toEqual({ days: ['2026-11-20'], rows: [] });
      expect(file.rows).toBe(file.filename.includes('events') ? 4 : 2);
    }
  });
});
