import { test, expect, type Page } from '@playwright/test';
import { launchWithExtension, openPdd, openPopup, type Launched } from '../../scripts/browser';
import { chinaDate } from '../../lib/time/china';

// Delivery that loses nothing: the MV3 service worker stopped in the middle of a burst, or the tab
// reloaded right after one, and every event is stored exactly once.
let app: Launched;
let popup: Page;

test.beforeAll(async () => {
  app = await launchWithExtension();
  popup = await openPopup(app.context, app.extensionId);
});
test.afterAll(async () => {
  await app?.close();
});

const stored = async (): Promise<{ id: string; type: string }[]> => {
  const r = await popup.evaluate((day) => (globalThis as any).chrome.runtime.sendMessage({ type: 'events/list', day }), chinaDate(Date.now()));
  return r.events;
};

/** Stop the extension's service worker the way Chrome does when it idles. */
async function stopServiceWorker(page: Page) {
  const cdp = await app.context.newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  for (const t of targetInfos.filter((x: any) => x.type === 'service_worker' && x.url.includes(app.extensionId))) {
    await cdp.send('Target.closeTarget', { targetId: t.targetId });
  }
  await cdp.detach();
}

async function burst(page: Page, n: number, onStep?: (i: number) => Promise<void>): Promise<string[]> {
  const { openUid } = await page.evaluate(() => (window as any).sim.state());
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await page.evaluate(([u, k]) => (window as any).sim.buyerSays(u, `第${k}条消息`), [openUid, i] as const);
    ids.push(`pdd:糖果小铺旗舰店:${openUid}:${r.id}`);
    await onStep?.(i);
  }
  return ids;
}

test('the service worker stopped three times during a burst of 60 messages: all 60 stored, none twice', async () => {
  const page = await openPdd(app.context);
  await expect(page.locator('[data-testid="kp-overlay"]')).toHaveAttribute('data-healthy', 'true');
  await page.waitForTimeout(2500);
  const ids = await burst(page, 60, async (i) => {
    if (i % 20 === 10) await stopServiceWorker(page);
    await page.waitForTimeout(15);
  });
  await expect
    .poll(async () => (await stored()).filter((e) => ids.includes(e.id)).length, { timeout: 20_000 })
    .toBe(60);
  const all = await stored();
  expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
  await page.close();
});

test('the tab reloaded right after a burst (worker stopped too): everything arrives once', async () => {
  const page = await openPdd(app.context);
  await expect(page.locator('[data-testid="kp-overlay"]')).toHaveAttribute('data-healthy', 'true');
  await page.waitForTimeout(2500);
  await stopServiceWorker(page);
  const ids = await burst(page, 25);
  await page.reload();
  await page.waitForFunction(() => (window as any).simReady === true);
  await expect
    .poll(async () => (await stored()).filter((e) => ids.includes(e.id)).length, { timeout: 40_000 })
    .toBe(25);
  const all = await stored();
  expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
  await page.close();
});

test('what a page that died left in its outbox is delivered by the next workbench page, once', async () => {
  const ts = new Date(Date.now() + 8 * 3600_000).toISOString().replace(/\.\d+Z$/, '+08:00');
  const left = [0, 1, 2].map((i) => ({ id: `pdd:糖果小铺旗舰店:8809090:orphan-${i}`, type: 'buyer_message', ts, platform: 'pdd', shop: '糖果小铺旗舰店', buyer: '8809090' }));
  await popup.evaluate(async (events) => {
    const c = (globalThis as any).chrome;
    // One copy from a page gone a minute ago, one from a page that is still alive (fresh): only the first is taken.
    await c.storage.local.set({ 'kp-outbox:dead': { at: Date.now() - 60_000, events }, 'kp-outbox:alive': { at: Date.now(), events: [] } });
  }, left);
  const page = await openPdd(app.context);
  await expect.poll(async () => (await stored()).filter((e) => e.id.includes(':orphan-')).length).toBe(3);
  const keys = await popup.evaluate(async () => Object.keys(await (globalThis as any).chrome.storage.local.get(null)).filter((k) => k.startsWith('kp-outbox:')));
  expect(keys).not.toContain('kp-outbox:dead');
  expect(keys).toContain('kp-outbox:alive');
  await page.close();
});

test('the copy of a page reloaded a moment ago (too fresh to take at once) is delivered as soon as it is old enough', async () => {
  const ts = new Date(Date.now() + 8 * 3600_000).toISOString().replace(/\.\d+Z$/, '+08:00');
  const left = [0, 1].map((i) => ({ id: `pdd:糖果小铺旗舰店:8809091:reloaded-${i}`, type: 'buyer_message', ts, platform: 'pdd', shop: '糖果小铺旗舰店', buyer: '8809091' }));
  await popup.evaluate(async (events) => {
    await (globalThis as any).chrome.storage.local.set({ 'kp-outbox:reloaded': { at: Date.now() - 5_000, events } });
  }, left);
  const page = await openPdd(app.context);
  // Not at once (it could be a live page's), but well before the minute-long periodic look.
  await expect.poll(async () => (await stored()).filter((e) => e.id.includes(':reloaded-')).length, { timeout: 20_000 }).toBe(2);
  await page.close();
});
