import { describe, it, expect, vi } from 'vitest';
import { Outbox } from './outbox';
import type { ChatEvent } from '../stats/events';

const ev = (id: string): ChatEvent => ({
  id,
  type: 'buyer_message',
  ts: '2026-11-25T10:00:00+08:00',
  platform: 'pdd',
  shop: 's',
  buyer: 'b',
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
    vi.useRealTimers();
  });
});
