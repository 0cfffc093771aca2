import { test, expect, type Workbench } from './kit/fixture';
import { anyOf } from './kit/drivers';
import type { Page } from '@playwright/test';
import type { SimBuyer } from './kit/sim';

// The live countdown on every platform's simulator: chips beside waiting rows, the ranked panel,
// levels that follow the clock, robot replies that leave it running, a human reply that clears it.

/** The chips on a buyer's rows, read through their shadow roots. */
const chips = (page: Page, keys: string[]) =>
  page.evaluate((sel) => {
    return [...document.querySelectorAll(sel)].map((h) => {
      const label = h.shadowRoot!.querySelector('[part="label"]')!;
      return { text: label.textContent ?? '', level: label.className.split(' ')[0] };
    });
  }, anyOf('data-kefu-pilot-chip', keys));

const panelEntry = (page: Page, keys: string[]) => page.locator(`[data-testid="kp-waiting"] li:is(${anyOf('data-buyer', keys)})`);

/** A buyer not waiting, not open and with a nickname nobody else has. */
function quietBuyer(state: { buyers: SimBuyer[]; openUid: string | null }): SimBuyer {
  const names = state.buyers.map((b) => b.nickname);
  return state.buyers.find((b) => !b.waiting && b.uid !== state.openUid && names.filter((n) => n === b.nickname).length === 1)!;
}

async function fresh(workbench: (q?: Record<string, string>) => Promise<Workbench>) {
  const wb = await workbench();
  return { ...wb, state: await wb.sim.state() };
}

test('buyers the page shows waiting get a chip on each of their rows; history starts no timer', async ({ workbench, driver }) => {
  const { page, state } = await fresh(workbench);
  const waiting = state.buyers.filter((b) => b.waiting);
  // (A quiet buyer who shares a waiting buyer's nickname is keyed like them until opened on Feige.)
  const quiet = state.buyers.filter((b) => !b.waiting && !waiting.some((w) => w.nickname === b.nickname));
  expect(waiting.length).toBeGreaterThan(0);
  for (const b of waiting) {
    await expect.poll(async () => (await chips(page, driver.keysOf(b))).length, b.nickname).toBe(driver.rowsPerWaitingBuyer);
    await expect(panelEntry(page, driver.keysOf(b))).toContainText(b.nickname);
  }
  for (const b of quiet) expect(await chips(page, driver.keysOf(b))).toEqual([]);
  // The one waiting longest (past 3 minutes: late; JD's 留言 from the early morning: breached) ranks first.
  await expect(page.locator('[data-testid="kp-waiting"] li').first()).toHaveAttribute('data-level', /^(late|breached)$/);
});

test('the level follows the clock: soon before 3 minutes, late after, and the chip survives a row re-render', async ({ workbench, driver }) => {
  const { page, sim, state } = await fresh(workbench);
  const b = quietBuyer(state);
  await sim.open(b.uid);
  await page.waitForTimeout(2500);
  // The buyer wrote 175 s ago (the page's own message time): 5 s left to the 3-minute target.
  await sim.buyerSays(b.uid, '在吗，急', { at: Date.now() - 175_000 });
  const levels = async () => (await chips(page, driver.keysOf(b))).map((c) => c.level);
  const all = (level: string) => Array(driver.rowsPerWaitingBuyer).fill(level);
  await expect.poll(levels).toEqual(all('soon'));
  // (The page re-renders its rows every second; a chip is back on the new row within a frame.)
  await expect.poll(async () => (await chips(page, driver.keysOf(b)))[0]?.text ?? '').toMatch(/^2:5\d · 距3min还剩0:0\d$/);
  await expect.poll(levels, { timeout: 10_000 }).toEqual(all('late'));
  await expect(panelEntry(page, driver.keysOf(b))).toHaveAttribute('data-level', 'late');

  await sim.rerenderList();
  await expect.poll(levels).toEqual(all('late'));
});

test('a robot reply does not clear the countdown; a human reply does', async ({ workbench, driver }) => {
  const { page, sim, state } = await fresh(workbench);
  const open = state.buyers.find((b) => b.uid === state.openUid)!;
  expect(open.waiting).toBe(true);
  const keys = driver.keysOf(open);
  await expect.poll(async () => (await chips(page, keys)).length).toBe(driver.rowsPerWaitingBuyer);
  await page.waitForTimeout(2500);
  await sim.robotSays(open.uid, '亲，您好，客服马上为您服务~');
  await page.waitForTimeout(1500);
  expect((await chips(page, keys)).length).toBe(driver.rowsPerWaitingBuyer);
  await expect(panelEntry(page, keys)).toBeVisible();

  await driver.composer(page).fill('亲，在的，请说');
  await driver.composer(page).press('Enter');
  await expect.poll(async () => (await chips(page, keys)).length).toBe(0);
  await expect(panelEntry(page, keys)).toHaveCount(0);
});

test('clicking a panel entry opens that conversation; marking a buyer as advertising takes them out', async ({ workbench, driver, storedEvents }) => {
  const { page, sim, state } = await fresh(workbench);
  const other = state.buyers.find((b) => b.waiting && b.uid !== state.openUid)!;
  const keys = driver.keysOf(other);
  await panelEntry(page, keys).locator('button.kp-open').click();
  await expect.poll(async () => (await sim.state()).openUid).toBe(other.uid);

  await panelEntry(page, keys).locator('button.kp-more').click();
  await panelEntry(page, keys).locator('button[data-reason="advertising"]').click();
  await expect(panelEntry(page, keys)).toHaveCount(0);
  await expect.poll(async () => (await chips(page, keys)).length).toBe(0);
  const events = await storedEvents();
  expect(events.filter((e) => e.type === 'buyer_excluded' && keys.includes(e.buyer) && e.reason !== 'merged')).toMatchObject([{ reason: 'advertising' }]);
});
