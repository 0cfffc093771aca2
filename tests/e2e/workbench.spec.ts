import { test, expect, type Page } from '@playwright/test';
import { launchWithExtension, openPdd, openPopup, type Launched } from '../../scripts/browser';
import { chinaDate } from '../../lib/time/china';

// One Chromium with the built extension for this file; each test opens its own simulator tab, and
// the event store is cleared between tests.
let app: Launched;
let popup: Page;

test.beforeAll(async () => {
  app = await launchWithExtension();
  popup = await openPopup(app.context, app.extensionId);
});
test.afterAll(async () => {
  await app?.close();
});
test.beforeEach(async () => {
  // The popup is an extension page: same origin as the background, so it reaches the same database.
  // Ask the background first, so its database exists (with its tables) before we open it here.
  await popup.evaluate(async () => {
    await (globalThis as any).chrome.runtime.sendMessage({ type: 'stats/day-counts' });
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open('kefu-pilot');
      req.onsuccess = () => {
        const db = req.result;
        try {
          const tx = db.transaction('events', 'readwrite');
          tx.objectStore('events').clear();
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => (db.close(), reject(tx.error));
        } catch (e) {
          db.close();
          reject(e);
        }
      };
      req.onerror = () => reject(req.error);
    });
  });
});

interface StoredEvent {
  id: string;
  type: string;
  buyer: string;
  sender?: string;
  shop: string;
  ts: string;
}

/** What the background has stored today, asked the way the popup asks. */
async function storedEvents(): Promise<StoredEvent[]> {
  const r = await popup.evaluate(
    (day) => (globalThis as any).chrome.runtime.sendMessage({ type: 'events/list', day }),
    chinaDate(Date.now()),
  );
  expect(r.ok).toBe(true);
  return r.events;
}

const sim = <T = unknown>(page: Page, fn: string, ...args: unknown[]) =>
  page.evaluate(([f, a]) => (window as any).sim[f as string](...(a as unknown[])), [fn, args] as const) as Promise<T>;

interface SimState {
  openUid: string | null;
  buyers: { uid: string; nickname: string; waiting: boolean }[];
}

async function healthyOverlay(page: Page) {
  await expect(page.locator('[data-testid="kp-overlay"]')).toHaveAttribute('data-healthy', 'true');
}

/** A figure as the popup shows it. */
async function popupFigure(id: string): Promise<number> {
  await popup.reload();
  return Number(await popup.locator(`[data-figure="${id}"] dd`).textContent());
}

test('a buyer message and the agent reply reach the database and the popup', async () => {
  const page = await openPdd(app.context);
  await healthyOverlay(page);
  const { openUid: open } = await sim<SimState>(page, 'state');
  expect(open).toBeTruthy();
  await page.waitForTimeout(2500); // past the history settle window
  const before = { buyer: await popupFigure('buyer-messages'), human: await popupFigure('human-replies') };

  const r = await sim<{ id: string }>(page, 'buyerSays', open, '请问今天能发货吗？');
  await expect.poll(async () => (await storedEvents()).filter((e) => e.id.endsWith(`:${r.id}`)).map((e) => e.type)).toEqual(['buyer_message']);

  await page.locator('#replyTextarea').fill('亲，今天下午发出哦');
  await page.locator('#replyTextarea').press('Enter');
  await expect
    .poll(async () => (await storedEvents()).filter((e) => e.type === 'agent_message' && e.sender === 'human').length)
    .toBe(1);
  const events = await storedEvents();
  expect(events.every((e) => e.shop === '糖果小铺旗舰店')).toBe(true);
  expect(events.every((e) => /\+08:00$/.test(e.ts))).toBe(true);

  expect(await popupFigure('buyer-messages')).toBe(before.buyer + 1);
  expect(await popupFigure('human-replies')).toBe(before.human + 1);
  await page.close();
});

test('history on load, on switching conversations and on scroll-up is not counted', async () => {
  const page = await openPdd(app.context);
  await healthyOverlay(page);
  const state = await sim<SimState & { buyers: { uid: string; waitingSec: number | null }[] }>(page, 'state');
  const waitingAtLoad = state.buyers.filter((b) => b.waiting).map((b) => b.uid).sort();
  expect(waitingAtLoad.length).toBeGreaterThan(0);
  // What the page shows as waiting opens a round (dated by its badge); no message of the history counts.
  const onlyWaitStarts = async () => {
    const events = await storedEvents();
    expect(events.every((e) => e.type === 'buyer_message' && e.id.includes(':wait:'))).toBe(true);
    return events.map((e) => e.buyer).sort();
  };
  await expect.poll(onlyWaitStarts).toEqual(waitingAtLoad);

  const other = state.buyers.find((b) => b.uid !== state.openUid)!;
  await page.waitForTimeout(2500);
  await sim(page, 'open', other.uid);
  await page.waitForTimeout(300);
  await sim(page, 'loadOlder');
  await page.waitForTimeout(300);
  await sim(page, 'open', state.openUid);
  await page.waitForTimeout(2500);
  expect(await page.locator('li.onemsg').count()).toBeGreaterThan(0);
  expect(await onlyWaitStarts()).toEqual(waitingAtLoad);

  // A reload reads the same waiting rows again: still one round each.
  await page.reload();
  await page.waitForFunction(() => (window as any).simReady === true);
  await healthyOverlay(page);
  await page.waitForTimeout(1000);
  expect(await onlyWaitStarts()).toEqual(waitingAtLoad);
  await page.close();
});

test('a robot auto-reply is recorded as robot, not as a human reply', async () => {
  const page = await openPdd(app.context);
  await healthyOverlay(page);
  const { openUid: open } = await sim<SimState>(page, 'state');
  await page.waitForTimeout(2500);
  await sim(page, 'setAutoReply', { enabled: true, delayMs: 300, text: '亲，您好，客服马上为您服务~' });
  await sim(page, 'buyerSays', open, '有人吗');
  const fresh = async () => (await storedEvents()).filter((e) => !e.id.includes(':wait:'));
  await expect.poll(async () => (await fresh()).map((e) => `${e.type}:${e.sender ?? ''}`).sort()).toEqual([
    'agent_message:robot',
    'buyer_message:',
  ]);
  await page.close();
});

test('a buyer writing in a conversation that is not open is counted and listed as waiting', async () => {
  const page = await openPdd(app.context);
  await healthyOverlay(page);
  const state = await sim<SimState>(page, 'state');
  const quiet = state.buyers.find((b) => b.uid !== state.openUid && !b.waiting)!;
  await page.waitForTimeout(2500);
  await sim(page, 'buyerSays', quiet.uid, '这个颜色还有吗');
  const entry = page.locator(`[data-testid="kp-waiting"] li[data-buyer="${quiet.uid}"]`);
  await expect(entry).toContainText(quiet.nickname);
  await expect.poll(async () => (await storedEvents()).filter((e) => e.buyer === quiet.uid).map((e) => e.type)).toEqual(['buyer_message']);
  const [fromList] = (await storedEvents()).filter((e) => e.buyer === quiet.uid);
  // Dated by the page's badge: within a few seconds of when the buyer wrote.
  expect(Math.abs(Date.parse(fromList!.ts) - Date.now())).toBeLessThan(10_000);

  // The page re-renders its rows (new nodes, same data): nothing is counted twice.
  await sim(page, 'rerenderList');
  await page.waitForTimeout(600);
  expect((await storedEvents()).filter((e) => e.buyer === quiet.uid)).toHaveLength(1);

  // Clicking the overlay entry opens that conversation on the page.
  await entry.locator('button.kp-open').click();
  await expect.poll(async () => (await sim<SimState>(page, 'state')).openUid).toBe(quiet.uid);
  await page.close();
});

test('an unrecognised page shows the health warning and sending still works', async () => {
  const page = await openPdd(app.context, 'broken');
  const warning = page.locator('[data-testid="kp-health-warning"]');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('此页面结构已变化，适配器需要更新');
  await page.locator('#replyTextarea').fill('亲，已经为您备注了');
  await page.locator('#replyTextarea').press('Enter');
  const sentTexts = () => page.evaluate(() => (window as any).sim.sent.map((s: { text: string }) => s.text));
  await expect.poll(sentTexts).toEqual(['亲，已经为您备注了']);
  await page.locator('#replyTextarea').fill('还有什么可以帮您？');
  await page.locator('.send-btn').click();
  await expect.poll(sentTexts).toEqual(['亲，已经为您备注了', '还有什么可以帮您？']);
  expect(await storedEvents()).toEqual([]);
  await page.close();
});
