import { test, expect } from './kit/fixture';
import { openPopup } from '../../scripts/browser';

// Across tabs: the extension badge counts late buyers, the popup lists them, a tab the agent is not
// looking at gets a notification, quiet hours hold it back. Background behaviour: run once (PDD).

test('the badge counts late buyers across tabs, and the popup lists them; a hidden tab gets a notification', async ({ workbench, popup, app, driver }) => {
  const notes = () => popup.evaluate(() => new Promise<Record<string, unknown>>((r) => (globalThis as any).chrome.notifications.getAll(r)));
  const { page, sim } = await workbench();
  const state = await sim.state();
  const badge = () => popup.evaluate(() => (globalThis as any).chrome.action.getBadgeText({}));
  await expect.poll(badge).toBe('1');
  // One buyer is late, but the agent is looking at this tab: no notification.
  await page.waitForTimeout(1500);
  expect(await notes()).toEqual({});

  // Another buyer goes late while the agent looks at another tab.
  const b = state.buyers.find((x) => !x.waiting && x.uid !== state.openUid)!;
  await sim.open(b.uid);
  await page.waitForTimeout(2500);
  // Playwright makes every page think it has focus; turn that off and look at another tab.
  const cdp = await app.context.newCDPSession(page);
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
  await popup.bringToFront();
  await expect.poll(() => page.evaluate(() => document.hasFocus())).toBe(false);
  await sim.buyerSays(b.uid, '还在吗', { at: Date.now() - 178_000 });
  await expect.poll(badge, { timeout: 15_000 }).toBe('2');
  await expect.poll(async () => Object.keys(await notes()).filter((id) => id.includes(`|${b.uid}|`)), { timeout: 15_000 }).toEqual([
    expect.stringMatching(/\|late$/),
  ]);

  const listed = await popup.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'waiting/all' }));
  expect(listed.waiting.slice(0, 2).map((w: any) => w.level)).toEqual(['late', 'late']);
  expect(listed.waiting.every((w: any) => w.shop === driver.shop)).toBe(true);
  await page.close();
  await expect.poll(badge).toBe('');
});

test('the popup lists waiting buyers of every workbench tab by urgency; clicking one opens that tab and buyer', async ({ workbench, app, driver }) => {
  const { page, sim } = await workbench();
  const state = await sim.state();
  const own = await openPopup(app.context, app.extensionId);
  const entries = own.locator('[data-testid="kp-popup-waiting"] li');
  const waiting = state.buyers.filter((b) => b.waiting);
  await expect(entries).toHaveCount(waiting.length);
  await expect(entries.first()).toHaveAttribute('data-level', 'late');
  await expect(entries.first()).toContainText(driver.shop);
  const target = waiting.find((b) => b.uid !== state.openUid)!;
  await own.locator(`[data-testid="kp-popup-waiting"] li[data-buyer="${target.uid}"] button`).click();
  await expect.poll(async () => (await sim.state()).openUid).toBe(target.uid);
});

test('quiet hours set in the options page hold back notifications; the badge still counts', async ({ workbench, popup, app }) => {
  const notes = () => popup.evaluate(() => new Promise<Record<string, unknown>>((r) => (globalThis as any).chrome.notifications.getAll(r)));
  const options = await app.context.newPage();
  await options.goto(`chrome-extension://${app.extensionId}/options.html`);
  const hhmm = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(11, 16);
  await options.locator('#quiet-enabled').check();
  await options.locator('#quiet-from').fill(hhmm(Date.now() - 3600_000));
  await options.locator('#quiet-to').fill(hhmm(Date.now() + 3600_000));
  await expect(options.locator('[data-testid="kp-saved"]')).not.toBeEmpty();

  const { page } = await workbench();
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
});
