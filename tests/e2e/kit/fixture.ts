import { test as base, expect, type Page } from '@playwright/test';
import { launchWithExtension, openPopup, type Launched } from '../../../scripts/browser';
import { chinaDate } from '../../../lib/time/china';
import { DRIVERS, type Driver } from './drivers';
import { simOf, type Sim } from './sim';

/**
 * The browser-test kit's fixture (the WXT example's habit): one Chromium with the built extension per
 * worker, shared by the specs of a project; before each test the extension's state is put back to a
 * fresh install (events, rollups, settings, notifications) and the tabs a test left are closed.
 * `platform` is the project's option: the adapter-facing specs run once per registered platform.
 */
export interface Workbench {
  page: Page;
  sim: Sim;
  driver: Driver;
}

export interface StoredEvent {
  id: string;
  type: string;
  buyer: string;
  sender?: string;
  shop: string;
  ts: string;
  action?: string;
  categories?: string[];
  reason?: string;
  text?: string;
}

interface TestFixtures {
  driver: Driver;
  /** Open the project's workbench simulator (query: scenario, sendKey, layout …) and wait for the overlay. */
  workbench: (query?: Record<string, string>, opts?: { healthy?: boolean }) => Promise<Workbench>;
  /** What the background has stored today, asked the way the popup asks. */
  storedEvents: () => Promise<StoredEvent[]>;
  resetState: void;
}

/** The project option (playwright.config.ts): which platform's driver the adapter-facing specs use. */
export interface KitOptions {
  platform: Driver['platform'];
}

interface WorkerFixtures {
  platform: Driver['platform'];
  app: Launched;
  /** An extension page kept open: it reaches the background and the extension's own storage. */
  popup: Page;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  platform: ['pdd', { option: true, scope: 'worker' }],

  app: [
    async ({}, use) => {
      const app = await launchWithExtension();
      await use(app);
      await app.close();
    },
    { scope: 'worker' },
  ],

  popup: [
    async ({ app }, use) => {
      const popup = await openPopup(app.context, app.extensionId);
      // The starter templates are written on install; the specs expect a fresh install to have them.
      await expect
        .poll(() => popup.evaluate(async () => ((await (globalThis as any).chrome.storage.local.get('templates')).templates?.templates ?? []).length))
        .toBeGreaterThan(20);
      await use(popup);
    },
    { scope: 'worker' },
  ],

  driver: async ({ platform }, use) => {
    await use(DRIVERS[platform]);
  },

  resetState: [
    async ({ app, popup, driver }, use) => {
      await resetExtension(popup, driver.settings);
      await use();
      for (const page of app.context.pages()) if (page !== popup) await page.close();
      // Messages a closed page had already sent land now, before the next test's reset clears them.
      await popup.waitForTimeout(150);
    },
    { auto: true },
  ],

  workbench: async ({ app, driver }, use) => {
    await use(async (query = {}, opts = {}) => {
      const page = await driver.open(app.context, query);
      if (opts.healthy !== false) {
        await expect(page.locator('[data-testid="kp-overlay"]')).toHaveAttribute('data-healthy', 'true');
      }
      return { page, sim: simOf(page), driver };
    });
  },

  storedEvents: async ({ popup }, use) => {
    await use(async () => {
      const r = await popup.evaluate((day) => (globalThis as any).chrome.runtime.sendMessage({ type: 'events/list', day }), chinaDate(Date.now()));
      expect(r.ok).toBe(true);
      return r.events as StoredEvent[];
    });
  },
});

export { expect };

/** Back to a fresh install: no events or rollups, default settings (plus the driver's), no notifications. */
export async function resetExtension(popup: Page, settings: Record<string, unknown>): Promise<void> {
  await popup.evaluate(async (preset) => {
    const chrome = (globalThis as any).chrome;
    // Ask the background first, so its database exists (with its tables) before it is opened here.
    await chrome.runtime.sendMessage({ type: 'stats/day-counts' });
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open('kefu-pilot');
      req.onsuccess = () => {
        const db = req.result;
        try {
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names, 'readwrite');
          for (const n of names) tx.objectStore(n).clear();
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => (db.close(), reject(tx.error));
        } catch (e) {
          db.close();
          reject(e);
        }
      };
      req.onerror = () => reject(req.error);
    });
    await chrome.storage.local.set({ settings: preset });
    // Copies of events that earlier tests' pages had not delivered: the next page would adopt them.
    const keys: string[] = Object.keys(await chrome.storage.local.get(null));
    await chrome.storage.local.remove(keys.filter((k) => k.startsWith('kp-outbox:')));
    const notes: Record<string, unknown> = await new Promise((r) => chrome.notifications.getAll(r));
    await Promise.all(Object.keys(notes).map((id) => chrome.notifications.clear(id)));
  }, settings);
}
