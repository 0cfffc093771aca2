import { describe, it, expect, vi, afterEach } from 'vitest';
import { z } from 'zod';
import { isRefusal, Outbox } from './outbox';
import { chatEvent, type ChatEvent } from '../stats/events';

const ev = (id: string, over: Partial<ChatEvent> = {}): ChatEvent =>
  ({
    id,
    type: 'buyer_message',
    ts: '2026-11-25T10:00:00+08:00',
    platform: 'pdd',
    shop: 's',
    buyer: 'b',
    ...over,
  }) as ChatEvent;

/** A background that refuses a whole batch when one event fails the schema, as the handler does. */
const strictBackground = (delivered: string[]) =>
  vi.fn(async (events: ChatEvent[]) => {
    const bad = events.findIndex((e) => !chatEvent.safeParse(e).success);
    if (bad >= 0) throw new Error(`invalid message: events.${bad}.buyer Too big`);
    delivered.push(...events.map((e) => e.id));
  });

afterEach(() => {
  vi.useRealTimers();
});

describe('Outbox', () => {
  it('keeps events while the background is unreachable and delivers them all once it answers', async () => {
    vi.useFakeTimers();
    const delivered: string[] = [];
    let down = true;
    const box = new Outbox(async (events) => {
      if (down) throw new Error('Could not establish connection. Receiving end does not exist.');
      delivered.push(...events.map((e) => e.id));
    }, { minDelayMs: 100 });
    box.push([ev('a'), ev('b')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(box.pending).toBe(2);
    expect(box.lastError).toMatch(/Receiving end/);
    box.push([ev('c')]);
    down = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(delivered).toEqual(['a', 'b', 'c']);
    expect(box.pending).toBe(0);
    expect(box.setAside).toEqual([]);
  });

  it('an event the schema refuses (a 300-character buyer, a badge of 80000 days read as a ts of 1807) is set aside where it is pushed; the others are delivered', async () => {
    const delivered: string[] = [];
    const send = strictBackground(delivered);
    const persisted: string[][] = [];
    const box = new Outbox(send, { persist: (q) => persisted.push(q.map((e) => e.id)) });
    box.push([ev('a'), ev('long', { buyer: 'x'.repeat(300) }), ev('ancient', { ts: '1807-03-01T10:00:00+08:00' }), ev('c')]);
    await vi.waitFor(() => expect(box.pending).toBe(0));
    expect(delivered).toEqual(['a', 'c']);
    expect(box.setAside.map((s) => [s.event.id, s.error])).toEqual([
      ['long', expect.stringMatching(/^buyer: /)],
      ['ancient', expect.stringMatching(/^ts: .*year 1807/)],
    ]);
    // The copy a reload would find never held them.
    expect(persisted.flat()).not.toContain('long');
  });

  it('a batch the background refuses for good (a validation error) is split until the refused event is found: it is set aside, everything after it delivered', async () => {
    const delivered: string[] = [];
    const send = strictBackground(delivered);
    // The page's own check let it through (an older build, or a background with a stricter schema).
    const box = new Outbox(send, { check: () => null });
    const events = Array.from({ length: 40 }, (_, i) => ev(`e${i}`));
    events[13] = ev('bad', { buyer: 'x'.repeat(300) });
    box.push(events);
    await vi.waitFor(() => expect(box.pending).toBe(0));
    expect(delivered).toEqual(events.filter((e) => e.id !== 'bad').map((e) => e.id));
    expect(box.setAside).toEqual([{ event: events[13], error: 'invalid message: events.0.buyer Too big' }]);
    expect(send.mock.calls.length).toBeLessThan(12); // halving, not one event at a time
    box.push([ev('after')]);
    await vi.waitFor(() => expect(delivered.at(-1)).toBe('after'));
    expect(send.mock.calls.at(-1)![0].map((e) => e.id)).toEqual(['after']);
  });

  it('tells a refusal (the handler’s "invalid message") from a background that is asleep or gave no answer', () => {
    expect(isRefusal(new Error('invalid message: events.0.ts ts must be ISO 8601 with an offset'))).toBe(true);
    // No listener answered: the response does not parse. Retried, never dropped.
    expect(isRefusal(z.object({ ok: z.literal(true) }).safeParse(undefined).error)).toBe(false);
    expect(isRefusal(new Error('Could not establish connection. Receiving end does not exist.'))).toBe(false);
    expect(isRefusal(new Error('QuotaExceededError'))).toBe(false);
    expect(isRefusal('invalid message: x')).toBe(true);
  });
});
