import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach, vi } from 'vitest';
import { createHandler } from './handler';
import { isRefusal, Outbox } from './outbox';
import { KefuDb } from '../stats/db';
import { parseResponse } from '../messages';
import type { ChatEvent } from '../stats/events';

const NOW = Date.parse('2026-11-25T10:00:00+08:00');
let n = 0;
const ev = (over: Record<string, unknown>) => ({
  id: `e${++n}`,
  type: 'buyer_message',
  ts: '2026-11-25T09:15:02+08:00',
  platform: 'pdd',
  shop: '糖果小铺旗舰店',
  buyer: 'u1',
  ...over,
});

describe('background handler', () => {
  let handle: ReturnType<typeof createHandler>;
  let db: KefuDb;
  beforeEach(() => {
    db = new KefuDb(`test-${Math.random()}`);
    handle = createHandler(db, { now: () => NOW });
  });

  it('stores an event once per id even when sent twice, and counts the day', async () => {
    const a = ev({});
    const b = ev({ type: 'agent_message', sender: 'human', ts: '2026-11-25T09:15:40+08:00' });
    const c = ev({ type: 'agent_message', sender: 'robot', ts: '2026-11-25T09:15:03+08:00' });
    expect(await handle({ type: 'events/record', events: [a, b] })).toEqual({ ok: true, added: 2, duplicates: 0 });
    expect(await handle({ type: 'events/record', events: [a, b, c, c] })).toEqual({ ok: true, added: 1, duplicates: 3 });
    expect(await handle({ type: 'stats/day-counts' })).toEqual({
      ok: true,
      day: '2026-11-25',
      buyerMessages: 1,
      humanReplies: 1,
      robotReplies: 1,
      buyers: 1,
    });
  });

  it('files an event under its China-time day: 23:30 UTC is the next day in China', async () => {
    await handle({ type: 'events/record', events: [ev({ ts: '2026-11-24T23:30:00Z' })] });
    const r = (await handle({ type: 'events/list', day: '2026-11-25' })) as { events: unknown[] };
    expect(r.events).toHaveLength(1);
    expect(await handle({ type: 'events/list', day: '2026-11-24' })).toEqual({ ok: true, events: [] });
  });

  it('answers a malformed message with an error naming the field, and stores nothing of the batch', async () => {
    const r = (await handle({ type: 'events/record', events: [ev({}), ev({ ts: '2026-11-25 09:15' })] })) as {
      ok: boolean;
      error: string;
    };
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/events\.1\.ts/);
    expect(await handle({ type: 'stats/day-counts' })).toMatchObject({ buyerMessages: 0 });
    expect(await handle({ type: 'no-such-thing' })).toMatchObject({ ok: false });
  });

  it("computes today's figures the way the stats command does, with a round opened before midnight still open", async () => {
    await handle({
      type: 'events/record',
      events: [
        ev({ ts: '2026-11-24T22:50:00+08:00', buyer: 'late-night' }),
        ev({ ts: '2026-11-25T09:00:00+08:00', buyer: 'late-night' }), // still the round of yesterday
        ev({ ts: '2026-11-25T09:10:00+08:00', buyer: 'u2' }),
        ev({ ts: '2026-11-25T09:10:20+08:00', buyer: 'u2', type: 'agent_message', sender: 'human' }),
        ev({ ts: '2026-11-25T09:30:00+08:00', buyer: 'u3' }),
        ev({ ts: '2026-11-25T09:33:00+08:00', buyer: 'u3', type: 'agent_message', sender: 'robot' }),
      ],
    });
    const r = (await handle({ type: 'stats/today' })) as { days: Record<string, unknown>[] };
    expect(r.days).toHaveLength(1);
    expect(r.days[0]).toMatchObject({
      date: '2026-11-25',
      shop: '糖果小铺旗舰店',
      consulting_buyers: 3,
      rounds: 2, // late-night's 09:00 message opens no round: yesterday's is still open
      answered_rounds: 1,
      rounds_30s_rate: 0.5, // u3 has waited 30 min at 10:00 and the robot does not count
      unanswered_rounds: 1,
    });
  });

  it('refuses an event the schema refuses in words the outbox takes for final; a storage failure is not final', async () => {
    const refused = (await handle({ type: 'events/record', events: [ev({ shop: 'x'.repeat(201) })] })) as { ok: false; error: string };
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/events\.0\.shop/) });
    expect(isRefusal(new Error(refused.error))).toBe(true);
    db.events.hook('creating', () => {
      throw new Error('QuotaExceededError (simulated)');
    });
    const full = (await handle({ type: 'events/record', events: [ev({})] })) as { ok: false; error: string };
    expect(full.ok).toBe(false);
    expect(isRefusal(new Error(full.error))).toBe(false);
  });

  it('a page delivering through the handler stores everything after an event the background refuses (it is set aside)', async () => {
    const send = async (events: ChatEvent[]) => parseResponse('events/record', await handle({ type: 'events/record', events }));
    // The page's check let the event through: an older build, or a background with a stricter schema.
    const box = new Outbox(send, { check: () => null });
    const events = [ev({}), ev({ buyer: 'u2' }), ev({ buyer: 'x'.repeat(201) }), ev({ buyer: 'u3' }), ev({ buyer: 'u4' })] as ChatEvent[];
    box.push(events);
    await vi.waitFor(() => expect(box.pending).toBe(0));
    expect(box.setAside.map((s) => s.event.id)).toEqual([events[2]!.id]);
    expect(await handle({ type: 'stats/day-counts' })).toMatchObject({ buyerMessages: 4, buyers: 4 });
  });

  it("a corrupt stored row does not stop today's figures", async () => {
    await handle({ type: 'events/record', events: [ev({ ts: '2026-11-25T09:00:00+08:00' }), ev({ ts: '2026-11-25T09:00:20+08:00', type: 'agent_message', sender: 'human' })] });
    await db.events.bulkPut([
      { ...ev({ buyer: 'c1' }), ts: 'garbage', day: '2026-11-25' },
      { ...ev({ buyer: 'c2' }), platform: 'amazon', day: '2026-11-25' },
    ] as never);
    const r = (await handle({ type: 'stats/today' })) as { ok: boolean; days: Record<string, unknown>[] };
    expect(r.ok).toBe(true);
    expect(r.days).toMatchObject([{ consulting_buyers: 1, rounds: 1, answered_rounds: 1 }]);
  });
});
