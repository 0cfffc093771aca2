import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach } from 'vitest';
import { createHandler } from './handler';
import { KefuDb } from '../stats/db';

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
  beforeEach(() => {
    handle = createHandler(new KefuDb(`test-${Math.random()}`), () => NOW);
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
});
