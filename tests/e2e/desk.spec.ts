import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './kit/fixture';
import { DRIVERS } from './kit/drivers';
import { simOf } from './kit/sim';

// One desk across workbenches: the next-buyer key (the overlay's and the desk's 下一位 button run the
// command's code), the side panel's queue of every tab, the watched tabs, and an accessibility check.

const pdd = DRIVERS.pdd;
const jd = DRIVERS.jd;

async function twoWorkbenches(app: { context: import('@playwright/test').BrowserContext }, popup: Page) {
  await popup.evaluate((s) => (globalThis as any).chrome.storage.local.set({ settings: s }), jd.settings);
  const a = await pdd.open(app.context);
  const b = await jd.open(app.context);
  for (const page of [a, b]) await expect(page.locator('[data-testid="kp-overlay"]')).toHaveAttribute('data-healthy', 'true');
  return { a, b };
}

const deskOf = async (popup: Page) => (await popup.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'waiting/all' }))) as {
  waiting: { tabId: number; buyer: string; shop: string }[];
  tabs: { tabId: number; platform: string; condition: string }[];
};

const focusedInComposer = (page: Page, selector: string) => page.evaluate((sel) => document.activeElement === document.querySelector(sel), selector);

test('the next-buyer key goes to the most urgent buyer across two tabs, then to the next, with the caret in the composer', async ({ app, popup }) => {
  const { a, b } = await twoWorkbenches(app, popup);
  const tabs = { pdd: a, jd: b } as Record<string, Page>;
  const drivers = { pdd, jd } as Record<string, typeof pdd>;
  let queue = await deskOf(popup);
  await expect.poll(async () => (queue = await deskOf(popup)).tabs.length).toBe(2);
  const platformOf = (tabId: number) => queue.tabs.find((x) => x.tabId === tabId)!.platform;
  const [first, second] = queue.waiting;
  expect(first && second).toBeTruthy();

  // Pressed from the JD tab's overlay: the most urgent buyer's tab opens that buyer.
  await b.locator('[data-testid="kp-overlay-next"] button').click();
  const p1 = platformOf(first!.tabId);
  await expect.poll(() => simOf(tabs[p1]!).state().then((s) => s.openUid)).toBe(first!.buyer);
  await expect.poll(() => focusedInComposer(tabs[p1]!, drivers[p1]!.selectors.composer)).toBe(true);

  // Pressed again: the next one down the queue (in whichever tab it waits).
  await tabs[p1]!.locator('[data-testid="kp-overlay-next"] button').click();
  const p2 = platformOf(second!.tabId);
  await expect.poll(() => simOf(tabs[p2]!).state().then((s) => s.openUid)).toBe(second!.buyer);
  await expect.poll(() => focusedInComposer(tabs[p2]!, drivers[p2]!.selectors.composer)).toBe(true);
});

test('the side panel lists both tabs’ buyers, follows a reply that clears one, and names the watched tabs', async ({ app, popup }) => {
  const { a, b } = await twoWorkbenches(app, popup);
  const desk = await app.context.newPage();
  await desk.goto(`chrome-extension://${app.extensionId}/sidepanel.html`);
  const waiting = [...(await simOf(a).state()).buyers, ...(await simOf(b).state()).buyers].filter((x) => x.waiting);
  const entries = desk.locator('[data-testid="kp-desk-queue"] li');
  await expect(entries).toHaveCount(waiting.length);
  await expect(entries.filter({ hasText: pdd.shop })).not.toHaveCount(0);
  await expect(entries.filter({ hasText: jd.shop })).not.toHaveCount(0);
  const watched = desk.locator('[data-testid="kp-watched"] li');
  await expect(watched).toHaveCount(2);
  await expect(watched.filter({ hasText: '拼多多' })).toHaveAttribute('data-condition', 'ok');
  await expect(watched.filter({ hasText: jd.shop })).toHaveAttribute('data-condition', 'ok');
  await expect(desk.getByTestId('kp-shortcut')).toContainText('Alt+Shift+J');

  // The agent answers one PDD buyer: the desk drops them without a reload.
  const sim = simOf(a);
  const uid = (await sim.state()).waiting[0]!;
  await sim.open(uid);
  await pdd.composer(a).fill('您好，已经为您查询，今天发货');
  await pdd.sendButton(a).click();
  await expect(entries).toHaveCount(waiting.length - 1);
  await expect(desk.locator(`[data-testid="kp-desk-queue"] li[data-buyer="${uid}"]`)).toHaveCount(0);

  // A click on a JD buyer brings the JD tab's conversation up.
  const jdBuyer = desk.locator('[data-testid="kp-desk-queue"] li').filter({ hasText: jd.shop }).first();
  const buyer = (await jdBuyer.getAttribute('data-buyer'))!;
  await jdBuyer.locator('button').click();
  await expect.poll(() => simOf(b).state().then((s) => s.openUid)).toBe(buyer);
});

test('a workbench tab that goes silent is shown as such on the desk and in the popup', async ({ app, popup }) => {
  test.setTimeout(60_000);
  const { a, b } = await twoWorkbenches(app, popup);
  // The PDD page freezes (as Chrome freezes a tab in the background): its content script stops.
  const cdp = await app.context.newCDPSession(a);
  await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
  // Three minutes pass for the background; the JD tab reports again (a buyer writes), PDD cannot.
  const worker = app.context.serviceWorkers()[0]!;
  await worker.evaluate(() => {
    const real = Date.now.bind(Date);
    Date.now = () => real() + 180_000;
  });
  // A buyer not waiting yet writes: a new round, reported at once (otherwise the 20 s heartbeat would).
  const quiet = (await simOf(b).state()).buyers.find((x) => !x.waiting) ?? (await simOf(b).state()).buyers[0]!;
  await simOf(b).buyerSays(quiet.uid, '在吗？');
  const desk = await app.context.newPage();
  await desk.goto(`chrome-extension://${app.extensionId}/sidepanel.html`);
  const watched = desk.locator('[data-testid="kp-watched"] li');
  await expect(watched.filter({ hasText: '拼多多' })).toHaveAttribute('data-condition', 'silent');
  await expect(watched.filter({ hasText: jd.shop })).toHaveAttribute('data-condition', 'ok', { timeout: 25_000 });
  await expect(desk.getByTestId('kp-watched-warning')).toContainText('1');
  await expect(desk.locator('[data-testid="kp-desk-queue"] li.kp-stale').first()).toBeVisible();
  const own = await app.context.newPage();
  await own.goto(`chrome-extension://${app.extensionId}/popup.html`);
  await expect(own.locator('[data-testid="kp-watched"] li[data-condition="silent"]')).toHaveCount(1);
  await cdp.send('Page.setWebLifecycleState', { state: 'active' });
  await worker.evaluate(() => {
    const real = Date.now.bind(Date);
    Date.now = () => real() - 180_000;
  });
});

/** axe-core's serious and critical findings, as `rule: targets` lines (empty when there are none). */
async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page });
  if (include) builder = builder.include(include);
  const r = await builder.analyze();
  // The overlay is in a shadow root: a check that saw nothing would pass for nothing.
  expect(r.passes.length).toBeGreaterThan(0);
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('accessibility: the popup, side panel, options page, overlay, template picker and guard dialog have no serious or critical axe violations', async ({ app, popup }) => {
  const { a } = await twoWorkbenches(app, popup);
  const found: Record<string, string[]> = {};
  for (const page of ['popup.html', 'sidepanel.html', 'options.html']) {
    const p = await app.context.newPage();
    await p.goto(`chrome-extension://${app.extensionId}/${page}`);
    await p.waitForTimeout(800);
    found[page] = await seriousViolations(p);
  }
  found.overlay = await seriousViolations(a, 'kefu-pilot-overlay');
  // The template picker, opened from the keyboard.
  await pdd.composer(a).click();
  await pdd.composer(a).press('/');
  await expect(a.getByTestId('kp-picker')).toBeVisible();
  found.picker = await seriousViolations(a, 'kefu-pilot-picker');
  await a.keyboard.press('Escape');
  // The guard dialog, held on Enter.
  await pdd.composer(a).fill('加我微信 abc_12345');
  await pdd.composer(a).press('Enter');
  await expect(a.getByTestId('kp-guard')).toBeVisible();
  found.guard = await seriousViolations(a, 'kefu-pilot-guard');
  expect(found).toEqual({ 'popup.html': [], 'sidepanel.html': [], 'options.html': [], overlay: [], picker: [], guard: [] });
});
