import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { chinaDate } from '../time/china';
import { parseEventLines } from './import-events';
import { dayCounts, KefuDb, recordEvents, type StoredEvent } from './db';
import { rollupFinishedDays } from './rollup';
import { main } from '../../scripts/stats';
import { exportRoundsCsv } from './export';

/**
 * Every earlier schema, declared exactly as it shipped, is opened with data in it and then reopened by
 * the current `KefuDb`: the data must be intact and the new tables present.
 */

/** Schema version 1 as it shipped: raw events only. */
class KefuDbV1 extends Dexie {
  events!: Dexie.Table<StoredEvent, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ events: 'id, ts, day, type, [day+type]' });
  }
}

/** Schema version 2 as it shipped: rollups and day packs (rounds inside the pack). */
class KefuDbV2 extends Dexie {
  constructor(name: string) {
    super(name);
    this.version(1).stores({ events: 'id, ts, day, type, [day+type]' });
    this.version(2).stores({ rollups: '[date+platform+shop], date', rollupDays: 'date, stale', dayPacks: 'date' });
  }
}

const names: string[] = [];
const newName = () => {
  const name = `migration-test-${Math.random()}`;
  names.push(name);
  return name;
};
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const FIXTURE = 'lib/stats/fixtures/shift.jsonl';
const fixtureRows = (): StoredEvent[] => {
  const unique = new Map(parseEventLines(readFileSync(FIXTURE, 'utf8')).events.map((e) => [e.id, e]));
  return [...unique.values()].map((e) => ({ ...e, day: chinaDate(Date.parse(e.ts)) }));
};

describe('schema migrations', () => {
  it('v1 → v3: the sample shift plus a day before stays intact; rollups, rollupDays, dayPacks and dayRounds appear; both days marked to roll up', async () => {
    const name = newName();
    const v1 = new KefuDbV1(name);
    const rows = [
      ...fixtureRows(),
      { id: 'y1', type: 'buyer_message', ts: '2026-11-19T21:00:00+08:00', platform: 'pdd', shop: '暖阳杂货铺', buyer: 'b0', day: '2026-11-19' } as StoredEvent,
    ];
    await v1.events.bulkAdd(rows);
    expect(v1.verno).toBe(1);
    v1.close();

    const db = new KefuDb(name);
    await db.open();
    expect(db.verno).toBe(3);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['dayPacks', 'dayRounds', 'events', 'rollupDays', 'rollups']);
    const after = await db.events.orderBy('id').toArray();
    expect(after).toEqual([...rows].sort((a, b) => (a.id < b.id ? -1 : 1)));
    // The v1 indexes still answer.
    expect(await db.events.where('[day+type]').equals(['2026-11-20', 'buyer_excluded']).count()).toBe(1);
    expect((await db.rollupDays.toArray()).map((d) => [d.date, d.stale])).toEqual([
      ['2026-11-19', 1],
      ['2026-11-20', 1],
    ]);
    expect(await db.rollups.count()).toBe(0);

    // The upgraded store rolls up to what the stats command says.
    const now = '2026-11-21T09:00:00+08:00';
    expect(await rollupFinishedDays(db, Date.parse(now))).toEqual(['2026-11-19', '2026-11-20']);
    const stored = (await db.rollups.toArray()).map((r) => r.figures);
    const jsonl = rows.map(({ day: _day, ...e }) => JSON.stringify(e)).join('\n');
    expect(stored).toEqual(JSON.parse(main(['--events', 'f', '--now', now], { readFile: () => jsonl }).stdout).days);
    // The exports the handler uses keep working on the upgraded store.
    expect(await recordEvents(db, [{ id: 'n1', type: 'buyer_message', ts: '2026-11-21T08:30:00+08:00', platform: 'pdd', shop: '暖阳杂货铺', buyer: 'b9' }])).toMatchObject({ added: 1, duplicates: 0 });
    expect(await dayCounts(db, '2026-11-20')).toEqual({ day: '2026-11-20', buyerMessages: 13, humanReplies: 9, robotReplies: 4, buyers: 11 });
    db.close();
  });

  it('an empty v1 database upgrades to an empty v3', async () => {
    const name = newName();
    const v1 = new KefuDbV1(name);
    await v1.open();
    v1.close();
    const db = new KefuDb(name);
    await db.open();
    expect(db.verno).toBe(3);
    expect([await db.events.count(), await db.rollupDays.count(), await db.rollups.count(), await db.dayPacks.count()]).toEqual([0, 0, 0, 0]);
    db.close();
  });

  it('a new install opens straight at v3', async () => {
    const db = new KefuDb(newName());
    await db.open();
    expect(db.verno).toBe(3);
    expect(db.tables).toHaveLength(5);
    db.close();
  });

  it('days rolled up before v3 (packs, no ready rows): the rounds export reads the packs and gives the same file', async () => {
    const name = newName();
    // Roll the sample shift up with the current code, then strip what v3 added, as a v2 database had it.
    const now = Date.parse('2026-11-22T12:00:00+08:00');
    const current = new KefuDb(name);
    await recordEvents(current, fixtureRows());
    await rollupFinishedDays(current, now);
    const before = await exportRoundsCsv(current, { from: '2026-11-19', to: '2026-11-21', now });
    await current.dayRounds.clear();
    current.close();
    const v2 = new KefuDbV2(name);
    await v2.open();
    expect(await v2.table('dayPacks').count()).toBeGreaterThan(0);
    v2.close();
    const db = new KefuDb(name);
    await db.open();
    expect(db.verno).toBe(3);
    expect(await db.dayRounds.count()).toBe(0);
    const after = await exportRoundsCsv(db, { from: '2026-11-19', to: '2026-11-21', now });
    expect(after.chunks.join('')).toBe(before.chunks.join(''));
    expect(after.rows).toBe(before.rows);
    expect(after.rows).toBeGreaterThan(0);
    db.close();
  });
});

