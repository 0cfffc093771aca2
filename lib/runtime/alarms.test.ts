import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { ensurePeriodicAlarm } from './alarms';

describe('periodic maintenance alarm', () => {
  beforeEach(() => fakeBrowser.reset());

  it('a restarted background keeps the schedule it had; a missing or changed alarm is made again', async () => {
    expect(await ensurePeriodicAlarm('maintenance', 360)).toBe(true);
    const first = await browser.alarms.get('maintenance');
    expect(first).toMatchObject({ name: 'maintenance', periodInMinutes: 360 });
    await new Promise((r) => setTimeout(r, 5));
    // The service worker starts again: the alarm is left as it was, not pushed back.
    expect(await ensurePeriodicAlarm('maintenance', 360)).toBe(false);
    expect((await browser.alarms.get('maintenance'))!.scheduledTime).toBe(first!.scheduledTime);
    // Dropped (browser restart) or set with another period (an update): made again.
    await browser.alarms.clear('maintenance');
    expect(await ensurePeriodicAlarm('maintenance', 360)).toBe(true);
    expect(await ensurePeriodicAlarm('maintenance', 60)).toBe(true);
    expect((await browser.alarms.get('maintenance'))!.periodInMinutes).toBe(60);
  });
});
