import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatEvent } from './events';
import { KefuDb, recordEvents } from './db';
import { importEvents, parseEventLines, parseEventsFile } from './import-events';
import { rollupFinishedDays } from './rollup';
import { exportEventsJsonl } from './export';
import { main as statsMain } from '../../scripts/stats';

const FIXTURE = 'lib/stats/fixtures/shift.jsonl';
const at = (iso: string) => Date.parse(iso);

const dbs: KefuDb[] = [];
const newDb = () => {
  const db = new KefuDb(`import-test-${Math.random()}`);
  dbs.push(db);
  return db;
};
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const line = (fields: Record<string, unknown>) =>
  JSON.stringify({ id: 'x', ts: '2026-11-20T09:00:00+08:00', platform: 'pdd', shop: '暖阳杂货铺', buyer: 'b1', ...fields });
const buyer = (id: string, ts: string) => line({ id, ts, type: 'buyer_message' });
const human = (id: string, ts: string) => line({ id, ts, type: 'agent_message', sender: 'human' });

describe('parseEventLines is the stats command’s parser', () => {
  it.each([
    ['the sample shift', readFileSync(FIXTURE, 'utf8')],
    ['BOM, CRLF, blank lines, an unknown type', `\uFEFF${buyer('a', '2026-11-20T09:00:00+08:00')}\r\n\r\n${line({ id: 'r', type: 'read_receipt' })}\r\n`],
    [
      'every kind of bad line',
      [
        buyer('a', '2026-11-20T09:00:00+08:00'),
        '{"id": "b", oops}',
        JSON.stringify({ id: 'b', type: 'buyer_message', ts: '2026-11-20T09:00:00+08:00', platform: 'pdd', shop: 's' }),
        buyer('c', '2026-11-20 09:00:00'),
        line({ id: 'd', type: 'agent_message' }),
        '[1]',
        'null',
        line({ id: 'e' }),
        line({ id: 'f', type: 'compliance', action: 'shouted', categories: [], rules: [] }),
        line({ id: 'g', type: 7 }),
      ].join('\n'),
    ],
    ['empty', ''],
  ])('%s: the stats command reports the same bad lines and warnings', (_name, text) => {
    const parsed = parseEventLines(text);
    const cli = statsMain(['--events', 'f.jsonl', '--now', '2026-11-21T00:00:00+08:00'], { readFile: () => text });
    for (const message of [...parsed.errors, ...parsed.warnings]) expect(cli.stderr).toContain(message);
    expect(cli.code).toBe(parsed.errors.length ? 1 : 0);
  });
});

describe('parseEventsFile', () => {
  it('a good file: events in file order; a read_receipt line is skipped with a note naming line 2', () => {
    const text = [buyer('a', '2026-11-20T09:00:00+08:00'), line({ id: 'r', type: 'read_receipt' }), human('c', '2026-11-20T09:00:10+08:00')].join('\n');
    const r = parseEventsFile(text);
    expect(r).toEqual({
      ok: true,
      events: [expect.objectContaining({ id: 'a' }), expect.objectContaining({ id: 'c' })],
      skippedUnknown: [{ line: 2, type: 'read_receipt' }],
      notes: ['line 2: unknown event type "read_receipt", skipped'],
    });
  });

  it('line 3 is not JSON: not ok, line 3 named, nothing to import', () => {
    const r = parseEventsFile([buyer('a', '2026-11-20T09:00:00+08:00'), '', '{"id": "b", oops}', human('c', '2026-11-20T09:00:10+08:00')].join('\n'));
    expect(r).toMatchObject({ ok: false, line: 3, message: expect.stringMatching(/^not valid JSON \(.+\)$/), errorCount: 1 });
  });

  it('line 2 misses "buyer" and line 4 has a bad ts: the first is reported, both are listed', () => {
    const noBuyer = JSON.stringify({ id: 'b', type: 'buyer_message', ts: '2026-11-20T09:00:00+08:00', platform: 'pdd', shop: 's' });
    const r = parseEventsFile([buyer('a', '2026-11-20T09:00:00+08:00'), noBuyer, buyer('c', '2026-11-20T09:00:00+08:00'), buyer('d', '2026-11-20 09:00:00')].join('\n'));
    expect(r).toEqual({
      ok: false,
      line: 2,
      message: 'missing required field "buyer"',
      errors: [
        { line: 2, message: 'missing required field "buyer"' },
        { line: 4, message: 'ts: ts must be ISO 8601 with an offset' },
      ],
      errorCount: 2,
    });
  });

  it('a ts of the China year 26 (a typo for 2026) is a bad line: nothing is imported, the line is named', () => {
    const r = parseEventsFile([buyer('a', '2026-11-20T09:00:00+08:00'), buyer('b', '0026-11-20T09:00:00+08:00')].join('\n'));
    expect(r).toMatchObject({ ok: false, line: 2, message: expect.stringMatching(/^ts: .*year 26/), errorCount: 1 });
  });

  it('25 bad lines: 20 listed, 25 counted', () => {
    const r = parseEventsFile(Array.from({ length: 25 }, () => '{').join('\n'));
    expect(r).toMatchObject({ ok: false, line: 1, errorCount: 25 });
    expect(r.ok === false && r.errors).toHaveLength(20);
  });
});

describe('importEvents', () => {
  it('the sample shift into an empty store: 28 lines → 27 added, 1 duplicate (p-0014 twice), 1 day', async () => {
    const db = newDb();
    const parsed = parseEventsFile(readFileSync(FIXTURE, 'utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(await importEvents(db, parsed.events)).toEqual({ added: 27, duplicates: 1, days: ['2026-11-20'], invalidated: [] });
    expect(await importEvents(db, parsed.events)).toEqual({ added: 0, duplicates: 28, days: [], invalidated: [] });
    expect(await db.events.count()).toBe(27);
  });

  it('moving computers: an export imported into a store holding part of it adds the rest; the finished day it touches is recomputed', async () => {
    const events = parseEventLines(readFileSync(FIXTURE, 'utf8')).events;
    const oldPc = newDb();
    await recordEvents(oldPc, events);
    const now = at('2026-11-21T10:00:00+08:00');
    const file = (await exportEventsJsonl(oldPc, { from: '2026-11-20', to: '2026-11-21', now })).chunks.map((c) => (typeof c === 'string' ? c : new TextDecoder().decode(c))).join('');

    const newPc = newDb();
    await recordEvents(newPc, events.slice(0, 5));
    await rollupFinishedDays(newPc, now);
    expect((await newPc.rollups.get(['2026-11-20', 'pdd', '暖阳杂货铺']))!.figures!.consulting_buyers).toBe(1);
    const parsed = parseEventsFile(file);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(await importEvents(newPc, parsed.events)).toEqual({ added: 22, duplicates: 5, days: ['2026-11-20'], invalidated: ['2026-11-20'] });
    expect(await newPc.rollups.count()).toBe(0);
    expect(await rollupFinishedDays(newPc, now)).toEqual(['2026-11-20']);
    expect(await newPc.rollups.toArray()).toEqual(await (async () => (await rollupFinishedDays(oldPc, now), oldPc.rollups.toArray()))());
  });

  it('all or nothing: a failure on the 3rd new event stores none of them and keeps the rollups', async () => {
    const db = newDb();
    await recordEvents(db, [JSON.parse(buyer('old', '2026-11-19T09:00:00+08:00')) as ChatEvent]);
    await rollupFinishedDays(db, at('2026-11-20T10:00:00+08:00'));
    let n = 0;
    db.events.hook('creating', () => {
      if (++n === 3) throw new Error('QuotaExceededError (simulated)');
    });
    const batch = ['a', 'b', 'c', 'd'].map((id, i) => JSON.parse(buyer(id, `2026-11-19T1${i}:00:00+08:00`)) as ChatEvent);
    await expect(importEvents(db, batch)).rejects.toThrow(/QuotaExceeded/);
    expect((await db.events.toArray()).map((e) => e.id)).toEqual(['old']);
    expect(await db.rollups.count()).toBe(1);
    expect((await db.rollupDays.get('2026-11-19'))!.stale).toBe(0);
  });

  it('an empty file imports nothing', async () => {
    const parsed = parseEventsFile('\n\n');
    expect(parsed).toEqual({ ok: true, events: [], skippedUnknown: [], notes: [] });
    expect(await importEvents(newDb(), [])).toEqual({ added: 0, duplicates: 0, days: [], invalidated: [] });
  });
});
