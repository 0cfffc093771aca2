import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { adoptOrphans } from './outbox-store';

const event = (id: string) => ({ id, type: 'buyer_message', ts: '2026-11-25T09:00:00+08:00', platform: 'pdd', shop: '甲店', buyer: 'b1' });
const NOW = Date.parse('2026-11-25T09:01:00+08:00');

describe('outbox copies left by other pages', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    // The fake storage has no getKeys (Chrome 130+): the keys of everything stored.
    const area = browser.storage.local as unknown as { getKeys: () => Promise<string[]> };
    area.getKeys = async () => Object.keys(await browser.storage.local.get(null));
  });

  it('takes a copy gone quiet for 15 s, leaves a fresh one and says when it will be old enough; never its own', async () => {
    await browser.storage.local.set({
      'kp-outbox:dead': { at: NOW - 60_000, events: [event('a'), { id: 'broken' }] },
      'kp-outbox:reloaded': { at: NOW - 2_000, events: [event('b')] },
      'kp-outbox:mine': { at: NOW - 60_000, events: [event('c')] },
    });
    const first = await adoptOrphans('kp-outbox:mine', NOW);
    expect(first.events.map((e) => e.id)).toEqual(['a']); // the malformed one is dropped
    expect(first.recheckInMs).toBe(13_500);
    expect(Object.keys(await browser.storage.local.get(null)).sort()).toEqual(['kp-outbox:mine', 'kp-outbox:reloaded']);
    // When the page that was reloaded has been quiet long enough, its copy is taken.
    const later = await adoptOrphans('kp-outbox:mine', NOW + first.recheckInMs!);
    expect(later).toEqual({ events: [expect.objectContaining({ id: 'b' })], recheckInMs: null });
  });
});
