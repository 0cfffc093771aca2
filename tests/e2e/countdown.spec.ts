import { test, expect, type Page } from '@playwright/test';
import { launchWithExtension, openPdd, openPopup, type Launched } from '../../scripts/browser';

// The live countdown on the PDD simulator: chips beside waiting rows, the ranked panel, levels that
// follow the clock, the extension badge and a notification for a tab the agent is not looking at.
let app: Launched;
let popup: Page;

test.beforeAll(async () => {
  app = await launchWithExtension();
  popup = await openPopup(app.context, app.extensionId);
});
test.afterAll(async () => {
  await app?.close();
});

const sim = <T = unknown>(page: Page, fn: string, ...args: unknown[]) =>
  page.evaluate(([f, a]) => (window as any).sim[f as string](...(a as unknown[])), [fn, args] as const) as Promise<T>;

interface SimState {
  openUid: string | null;
  buyers: { uid: string; nickname: string; waiting: boolean }[];
}

/** The chip on a buyer's rows (the page lists a waiting buyer twice), read through its shadow root. */
const chips = (page: Page, uid: string) =>
  page.evaluate((u) => {
    return [...document.querySelectorAll(`[data-kefu-pilot-chip="${u}"]`)].map((h) => {
      const label = h.shadowRoot!.querySelector('[part="label"]')!;
      return { text: label.textContent ?? '', level: label.className.split(' ')[0] };
    });
  }, uid);

const panelEntry = (page: Page, uid: string) => page.locator(`[data-testid="kp-waiting"] li[data-buyer="${uid}"]`);

async function freshPage(): Promise<{ page: Page; state: SimState }> {
  const page = await openPdd(app.context);
  await expect(page.locator('[data-testid="kp-overlay"]')).toHaveAttribute('data-healthy', 'true');
  return { page, state: await sim<SimState>(page, 'state') };
}

test('buyers the page shows waiting get a chip on each of their rows; history starts no timer', async () => {
  const { page, state } = await freshPage();
  const waiting = state.buyers.filter((b) => b.waiting);
  const quiet = state.buyers.filter((b) => !b.waiting);
  expect(waiting.length).toBeGreaterThan(0);
  for (const b of waiting) {
    await expect.poll(async () => (await chips(page, b.uid)).length).toBe(2);
    await expect(panelEntry(page, b.uid)).toContainText(b.nickname);
  }
  for (const b of quiet) expect(await chips(page, b.uid)).toEqual([]);
  // The one waiting 4 minutes is late and ranks first.
  await expect(page.locator('[data-testid="kp-waiting"] li').first()).toHaveAttribute('data-level', 'late');
  await page.close();
});

test('the level follows the clock: soon before 3 minutes, late after, and the chip survives a row re-render', async () => {
  const { page, state } = await freshPage();
  const b = state.buyers.find((x) => !x.waiting && x.uid !== state.openUid)!;
  await sim(page, 'open', b.uid);
  await page.waitForTimeout(2500);
  // The buyer wrote 175 s ago (the page's own message time): 5 s left to the 3-minute target.
  await sim(page, 'buyerSays', b.uid, '在吗，急', { at: Date.now() - 175_000 });
  await expect.poll(async () => (await chips(page, b.uid)).map((c) => c.level)).toEqual(['soon', 'soon']);
  expect((await chips(page, b.uid))[0]!.text).toMatch(/^2:5\d · 距3min还剩0:0\d$/);
  await expect.poll(async () => (await chips(page, b.uid)).map((c) => c.level), { timeout: 10_000 }).toEqual(['late', 'late']);
  await expect(panelEntry(page, b.uid)).toHaveAttribute('data-level', 'late');

  await sim(page, 'rerenderList');
  await expect.poll(async () => (await chips(page, b.uid)).map((c) => c.level)).toEqual(['late', 'late']);
  await page.close();
});

test('a robot reply does not clear the countdown; a human reply does', async () => {
  const { page, state } = await freshPage();
  const open = state.openUid!;
  await expect.poll(async () => (await chips(page, open)).length).toBe(2);
  await page.waitForTimeout(2500);
  await sim(page, 'robotSays', open, '亲，您好，客服马上为您服务~');
  await page.waitForTimeout(1500);
  expect((await chips(page, open)).length).toBe(2);
  await expect(panelEntry(page, open)).toBeVisible();

  await page.locator('#replyTextarea').fill('亲，在的，请说');
  await page.locator('#replyTextarea').press('Enter');
  await expect.poll(async () => (await chips(page, open)).length).toBe(0);
  await expect(panelEntry(page, open)).toHaveCount(0);
  await page.close();
});

test('clicking a panel entry opens that conversation; marking a buyer as advertising takes them out', async () => {
  const { page, state } = await freshPage();
  const other = state.buyers.find((b) => b.waiting && b.uid !== state.openUid)!;
  await panelEntry(page, other.uid).locator('button.kp-open').click();
  await expect.poll(async () => (await sim<SimState>(page, 'state')).openUid).toBe(other.uid);

  await panelEntry(page, other.uid).locator('button.kp-more').click();
  await panelEntry(page, other.uid).locator('button[data-reason="advertising"]').click();
  await expect(panelEntry(page, other.uid)).toHaveCount(0);
  await expect.poll(async () => (await chips(page, other.uid)).length).toBe(0);
  const events = await popup.evaluate(async () => {
    const { chinaDate } = { chinaDate: (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10) };
    return (await (globalThis as any).chrome.runtime.sendMessage({ type: 'events/list', day: chinaDate(Date.now()) })).events;
  });
  expect(events.filter((e: any) => e.type === 'buyer_excluded' && e.buyer === other.uid)).toMatchObject([{ reason: 'advertising' }]);
  await page.close();
});

test('the badge counts late buyers across tabs, and the popup lists them; a hidden tab gets a notification', async () => {
  const notes = () => popup.evaluate(() => new Promise<Record<string, unknown>>((r) => (globalThis as any).chrome.notifications.getAll(r)));
  // Start from an empty notification centre (earlier tests' tabs may have left some).
  await popup.evaluate(async (ids) => Promise.all(ids.map((id) => (globalThis as any).chrome.notifications.clear(id))), Object.keys(await notes()));
  const { page, state } = await freshPage();
  const badge = () => popup.evaluate(() => (globalThis as any).chrome.action.getBadgeText({}));
  await expect.poll(badge).toBe('1');
  // One buyer is late, but the agent is looking at this tab: no notification.
  await page.waitForTimeout(1500);
  expect(await notes()).toEqual({});

  // Another buyer goes late while the agent looks at another tab.
  const b = state.buyers.find((x) => !x.waiting && x.uid !== state.openUid)!;
  await sim(page, 'open', b.uid);
  await page.waitForTimeout(2500);
  // Playwright makes every page think it has focus; turn that off and look at another tab.
  const cdp = await app.context.newCDPSession(page);
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
  await popup.bringToFront();
  await expect.poll(() => page.evaluate(() => document.hasFocus())).toBe(false);
  await sim(page, 'buyerSays', b.uid, '还在吗', { at: Date.now() - 178_000 });
  await expect.poll(badge, { timeout: 15_000 }).toBe('2');
  await expect.poll(async () => Object.keys(await notes()).filter((id) => id.includes(`|${b.uid}|`)), { timeout: 15_000 }).toEqual([
    expect.stringMatching(/\|late$/),
  ]);


  const listed = await popup.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'waiting/all' }));
  expect(listed.waiting.slice(0, 2).map((w: any) => w.level)).toEqual(['late', 'late']);
  expect(listed.waiting.every((w: any) => w.shop === '糖果小铺旗舰店')).toBe(true);
  await page.close();
  await expect.poll(badge).toBe('');
});

test('the popup lists waiting buyers of every workbench tab by urgency; clicking one opens that tab and buyer', async () => {
  const { page, state } = await freshPage();
  const own = await openPopup(app.context, app.extensionId);
  const entries = own.locator('[data-testid="kp-popup-waiting"] li');
  const waiting = state.buyers.filter((b) => b.waiting);
  await expect(entries).toHaveCount(waiting.length);
  await expect(entries.first()).toHaveAttribute('data-level', 'late');
  await expect(entries.first()).toContainText('糖果小铺旗舰店');
  const target = waiting.find((b) => b.uid !== state.openUid)!;
  await own.locator(`[data-testid="kp-popup-waiting"] li[data-buyer="${target.uid}"] button`).click();
  await expect.poll(async () => (await sim<SimState>(page, 'state')).openUid).toBe(target.uid);
  await page.close();
});

test('quiet hours set in the options page hold back notifications; the badge still counts', async () => {
  const notes = () => popup.evaluate(() => new Promise<Record<string, unknown>>((r) => (globalThis as any).chrome.notifications.getAll(r)));
  await popup.evaluate(async (ids) => Promise.all(ids.map((id) => (globalThis as any).chrome.notifications.clear(id))), Object.keys(await notes()));
  const options = await app.context.newPage();
  await options.goto(`chrome-extension://${app.extensionId}/options.html`);
  const hhmm = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(11, 16);
  await options.locator('#quiet-enabled').check();
  await options.locator('#quiet-from').fill(hhmm(Date.now() - 3600_000));
  await options.locator('#quiet-to').fill(hhmm(Date.now() + 3600_000));
  await expect(options.locator('[data-testid="kp-saved"]')).not.toBeEmpty();

  const { page } = await freshPage();
  const cdp = await app.context.newCDPSession(page);
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
  await options.bringToFront();
  await expect.poll(() => page.evaluate(() => document.hasFocus())).toBe(false);
  await expect.poll(() => popup.evaluate(() => (globalThis as any).chrome.action.getBadgeText({}))).toBe('1');
  await page.waitForTimeout(2000);
  expect(await notes()).toEqual({});

  // Quiet hours off again: the late buyer is notified.
  await options.locator('#quiet-enabled').uncheck();
  await expect.poll(async () => Object.keys(await notes()).length, { timeout: 15_000 }).toBe(1);
  await page.close();
  await options.close();
});

