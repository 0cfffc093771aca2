import { resetExtension, test, expect } from './kit/fixture';
import { platformMeta } from '../../lib/adapters/registry';
import { anyOf } from './kit/drivers';
import type { Page } from '@playwright/test';

// Chat events from a workbench page, on every platform's simulator: what reaches the database and
// the popup, what is history, robot replies, buyers of conversations that are not open, and the
// health warning on a page that is not recognised.

/** A figure as the popup shows it. */
async function popupFigure(popup: Page, id: string): Promise<number> {
  await popup.reload();
  return Number(await popup.locator(`[data-figure="${id}"] dd`).textContent());
}

test('a buyer message and the agent reply reach the database and the popup', async ({ workbench, storedEvents, popup, driver }) => {
  const { page, sim } = await workbench();
  const { openUid: open } = await sim.state();
  expect(open).toBeTruthy();
  await page.waitForTimeout(2500); // past the history settle window
  const before = { buyer: await popupFigure(popup, 'buyer-messages'), human: await popupFigure(popup, 'human-replies') };

  await sim.buyerSays(open!, '请问今天能发货吗？');
  await expect
    .poll(async () => (await storedEvents()).filter((e) => e.buyer === open && e.type === 'buyer_message' && !/:(wait|carried):/.test(e.id)).length)
    .toBe(1);

  await driver.composer(page).fill('亲，今天下午发出哦');
  await driver.composer(page).press('Enter');
  await expect.poll(() => sim.sentTexts()).toEqual(['亲，今天下午发出哦']);
  await expect
    .poll(async () => (await storedEvents()).filter((e) => e.type === 'agent_message' && e.sender === 'human').length)
    .toBe(1);
  const events = await storedEvents();
  expect(events.every((e) => e.shop === driver.shop)).toBe(true);
  expect(events.every((e) => /\+08:00$/.test(e.ts))).toBe(true);

  expect(await popupFigure(popup, 'buyer-messages')).toBe(before.buyer + 1);
  expect(await popupFigure(popup, 'human-replies')).toBe(before.human + 1);
});

test('history on load, on switching conversations and on scroll-up is not counted', async ({ workbench, storedEvents, driver }) => {
  const { page, sim } = await workbench();
  const state = await sim.state();
  const waitingAtLoad = state.buyers.filter((b) => b.waiting);
  expect(waitingAtLoad.length).toBeGreaterThan(0);
  // What the page shows as waiting opens a round (dated by its badge); no message of the history counts.
  // (A round opened under a provisional row key and carried over to the buyer's id counts once: the
  // provisional key is excluded.)
  const onlyWaitStarts = async () => {
    const all = await storedEvents();
    const merged = new Set(all.filter((e) => e.type === 'buyer_excluded' && e.reason === 'merged').map((e) => e.buyer));
    const events = all.filter((e) => e.type !== 'buyer_excluded' && !merged.has(e.buyer));
    expect(events.every((e) => e.type === 'buyer_message' && /:(wait|carried):/.test(e.id))).toBe(true);
    return events.length;
  };
  await expect.poll(onlyWaitStarts).toBe(waitingAtLoad.length);
  const keysAtLoad = (await storedEvents()).filter((e) => e.type === 'buyer_message').map((e) => e.buyer);
  expect(keysAtLoad.length).toBeGreaterThanOrEqual(waitingAtLoad.length);
  for (const b of waitingAtLoad) expect(driver.keysOf(b).some((k) => keysAtLoad.includes(k)), b.nickname).toBe(true);

  const other = state.buyers.find((b) => b.uid !== state.openUid && !b.waiting)!;
  await page.waitForTimeout(2500);
  await sim.open(other.uid);
  await page.waitForTimeout(300);
  await sim.loadOlder();
  await page.waitForTimeout(300);
  await sim.open(state.openUid!);
  await page.waitForTimeout(2500);
  expect((await sim.state()).messages).toBeGreaterThan(0);
  expect(await onlyWaitStarts()).toBe(waitingAtLoad.length);

  // A reload reads the same waiting rows again: still one round each.
  await page.reload();
  await page.waitForFunction(() => (window as any).simReady === true);
  await expect(page.locator('[data-testid="kp-overlay"]')).toHaveAttribute('data-healthy', 'true');
  await page.waitForTimeout(1000);
  expect(await onlyWaitStarts()).toBe(waitingAtLoad.length);
});

test('a robot auto-reply is recorded as robot, not as a human reply', async ({ workbench, storedEvents }) => {
  const { page, sim } = await workbench();
  const { openUid: open } = await sim.state();
  await page.waitForTimeout(2500);
  await sim.setAutoReply({ enabled: true, delayMs: 300, text: '亲，您好，客服马上为您服务~' });
  await sim.buyerSays(open!, '有人吗');
  // Chat events of this buyer only (a template use of an earlier test's page may still be arriving).
  const fresh = async () =>
    (await storedEvents()).filter((e) => e.buyer === open && /^(buyer|agent)_message$/.test(e.type) && !/:(wait|carried):/.test(e.id));
  await expect.poll(async () => (await fresh()).map((e) => `${e.type}:${e.sender ?? ''}`).sort()).toEqual(['agent_message:robot', 'buyer_message:']);
});

test('a buyer writing in a conversation that is not open is counted and listed as waiting', async ({ workbench, storedEvents, driver }) => {
  const { page, sim } = await workbench();
  const state = await sim.state();
  const nicknames = state.buyers.map((b) => b.nickname);
  // A buyer whose nickname no one else has (equal nicknames are keyed apart on Feige).
  const quiet = state.buyers.find((b) => b.uid !== state.openUid && !b.waiting && nicknames.filter((n) => n === b.nickname).length === 1)!;
  const keys = driver.keysOf(quiet);
  await page.waitForTimeout(2500);
  await sim.buyerSays(quiet.uid, '这个颜色还有吗');
  const entry = page.locator(`[data-testid="kp-waiting"] li:is(${anyOf('data-buyer', keys)})`);
  await expect(entry).toContainText(quiet.nickname);
  const ofQuiet = async () => (await storedEvents()).filter((e) => keys.includes(e.buyer));
  await expect.poll(async () => (await ofQuiet()).map((e) => e.type)).toEqual(['buyer_message']);
  const [fromList] = await ofQuiet();
  // Dated by the page's own badge or timer: within a few seconds of when the buyer wrote.
  expect(Math.abs(Date.parse(fromList!.ts) - Date.now())).toBeLessThan(10_000);

  // The page re-renders its rows (new nodes, same data): nothing is counted twice.
  await sim.rerenderList();
  await page.waitForTimeout(600);
  expect(await ofQuiet()).toHaveLength(1);

  // Clicking the overlay entry opens that conversation on the page.
  await entry.locator('button.kp-open').click();
  await expect.poll(async () => (await sim.state()).openUid).toBe(quiet.uid);
});

test('an unrecognised page shows the health warning and sending still works', async ({ workbench, storedEvents, driver }) => {
  const { page, sim } = await workbench({ scenario: 'broken' }, { healthy: false });
  const warning = page.locator('[data-testid="kp-health-warning"]');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('此页面结构已变化，适配器需要更新');
  await driver.composer(page).fill('亲，已经为您备注了');
  await driver.composer(page).press('Enter');
  await expect.poll(() => sim.sentTexts()).toEqual(['亲，已经为您备注了']);
  await driver.composer(page).fill('还有什么可以帮您？');
  await driver.sendButton(page).click();
  await expect.poll(() => sim.sentTexts()).toEqual(['亲，已经为您备注了', '还有什么可以帮您？']);
  expect(await storedEvents()).toEqual([]);
});

test('where robots are told by nickname, the agent’s own list decides, and the panel shows who counted as what', async ({ workbench, storedEvents, driver, popup }) => {
  const meta = platformMeta(driver.platform);
  test.skip(!meta.robotNicknames, 'this workbench marks robot replies itself');
  await resetExtension(popup, { ...driver.settings, robotNicknames: { [driver.platform]: ['店小助'] } });
  const { page, sim } = await workbench({ robotNick: '店小助' });
  const { openUid: open } = await sim.state();
  await page.waitForTimeout(2500);
  await sim.setAutoReply({ enabled: true, delayMs: 300, text: '亲，您好，客服马上为您服务~' });
  await sim.buyerSays(open!, '有人吗');
  const fresh = async () =>
    (await storedEvents()).filter((e) => e.buyer === open && /^(buyer|agent)_message$/.test(e.type) && !/:(wait|carried):/.test(e.id));
  await expect.poll(async () => (await fresh()).map((e) => `${e.type}:${e.sender ?? ''}`).sort()).toEqual(['agent_message:robot', 'buyer_message:']);
  await expect(page.locator('[data-testid="kp-our-side"]')).toContainText('店小助（机器人）');
});
