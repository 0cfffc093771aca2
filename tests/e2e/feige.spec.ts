import { test, expect } from './kit/fixture';
import { DRIVERS } from './kit/drivers';
import { simOf } from './kit/sim';
import QRCode from 'qrcode';
import { openPopup } from '../../scripts/browser';

// What only Feige (抖店飞鸽) has: no shop name on the page (asked once in the overlay), no buyer id on
// its list rows (nickname keys bound to the id when opened), agent messages whose id arrives late, the
// 2026-09 rebuilt frame; and a PDD tab and a Feige tab in one popup.
const feige = DRIVERS.douyin;
const pdd = DRIVERS.pdd;

test('the overlay asks once for the shop this page does not show; events carry it from then on', async ({ app, storedEvents }) => {
  const page = await feige.open(app.context);
  await expect(page.locator('[data-testid="kp-overlay"]')).toHaveAttribute('data-healthy', 'true');
  const form = page.locator('[data-testid="kp-shop-form"]');
  await expect(form).toBeVisible();
  // Until it is named, rounds are stored with an empty shop (the popup says 未命名店铺), never a guess.
  await expect.poll(async () => (await storedEvents()).length).toBeGreaterThan(0);
  expect((await storedEvents()).every((e) => e.shop === '')).toBe(true);

  await form.locator('input').fill('茶香小铺');
  await form.locator('button[type="submit"]').click();
  await expect(page.locator('[data-testid="kp-shop"]')).toContainText('茶香小铺');
  const sim = simOf(page);
  await page.waitForTimeout(2500);
  const { openUid } = await sim.state();
  await sim.buyerSays(openUid!, '请问发什么快递？');
  await expect.poll(async () => (await storedEvents()).filter((e) => e.shop === '茶香小铺').length).toBeGreaterThan(0);
  // The rounds that were open when the shop was named moved with it: each waiting buyer is listed once.
  const waiting = (await sim.state()).buyers.filter((b) => b.waiting).length;
  await expect(page.locator('[data-testid="kp-waiting"] li')).toHaveCount(waiting);

  // Kept: a reload does not ask again.
  await page.reload();
  await page.waitForFunction(() => (window as any).simReady === true);
  await expect(page.locator('[data-testid="kp-shop"]')).toContainText('茶香小铺');
  await expect(form).toHaveCount(0);
});

test('a waiting buyer keyed by nickname moves to the buyer id when opened, and one reply closes the round once', async ({ app, popup, storedEvents }) => {
  await popup.evaluate((s) => (globalThis as any).chrome.storage.local.set({ settings: s }), feige.settings);
  const page = await feige.open(app.context);
  await expect(page.locator('[data-testid="kp-overlay"]')).toHaveAttribute('data-healthy', 'true');
  const sim = simOf(page);
  const state = await sim.state();
  const names = state.buyers.map((b) => b.nickname);
  const b = state.buyers.find((x) => !x.waiting && x.uid !== state.openUid && x.group !== 'recent' && names.filter((n) => n === x.nickname).length === 1)!;
  await page.waitForTimeout(2500);
  await sim.buyerSays(b.uid, '这款茶叶有小包装吗？');
  const provisional = `~${b.nickname}`;
  await expect(page.locator(`[data-testid="kp-waiting"] li[data-buyer="${provisional}"]`)).toBeVisible();
  await expect.poll(async () => (await storedEvents()).filter((e) => e.buyer === provisional).map((e) => e.type)).toEqual(['buyer_message']);

  await page.locator(`[data-testid="kp-waiting"] li[data-buyer="${provisional}"] button.kp-open`).click();
  await expect.poll(async () => (await sim.state()).openUid).toBe(b.uid);
  // The round now waits under the buyer's id, from when the buyer wrote.
  await expect(page.locator(`[data-testid="kp-waiting"] li[data-buyer="${b.uid}"]`)).toBeVisible();
  await expect(page.locator(`[data-testid="kp-waiting"] li[data-buyer="${provisional}"]`)).toHaveCount(0);
  const [carried] = (await storedEvents()).filter((e) => e.buyer === b.uid && e.type === 'buyer_message');
  const [first] = (await storedEvents()).filter((e) => e.buyer === provisional && e.type === 'buyer_message');
  expect(carried!.ts).toBe(first!.ts);
  expect((await storedEvents()).filter((e) => e.buyer === provisional && e.type === 'buyer_excluded').map((e) => e.reason)).toEqual(['merged']);

  await page.waitForTimeout(2500);
  await feige.composer(page).fill('亲，有的，3克一小包');
  await feige.composer(page).press('Enter');
  await expect(page.locator(`[data-testid="kp-waiting"] li[data-buyer="${b.uid}"]`)).toHaveCount(0);
  // The bubble gets its page id 100–500 ms after it appears: still one human reply.
  await page.waitForTimeout(1500);
  expect((await storedEvents()).filter((e) => e.type === 'agent_message' && e.sender === 'human').map((e) => e.buyer)).toEqual([b.uid]);
  // The popup counts one round for the buyer, answered.
  const own = await openPopup(app.context, app.extensionId);
  await expect(own.locator(`[data-shop="${feige.shop}"][data-platform="douyin"] [data-figure="rounds"] dd`)).toHaveText(/^\d+\/\d+$/);
});

test('the 2026-09 rebuilt frame (no groups, every row .recent) is read: waiting buyers get chips and a place in the panel', async ({ app, popup }) => {
  await popup.evaluate((s) => (globalThis as any).chrome.storage.local.set({ settings: s }), feige.settings);
  const page = await feige.open(app.context, { layout: '2026-09' });
  await expect(page.locator('[data-testid="kp-overlay"]')).toHaveAttribute('data-healthy', 'true');
  const waiting = (await simOf(page).state()).buyers.filter((b) => b.waiting);
  expect(waiting.length).toBeGreaterThan(0);
  await expect(page.locator('[data-testid="kp-waiting"] li')).toHaveCount(waiting.length);
  await expect.poll(() => page.locator('[data-kefu-pilot-chip]').count()).toBe(waiting.length);
});

test('a PDD tab and a Feige tab: one popup lists the waiting buyers of both, and the badge counts the late ones of both', async ({ app, popup }) => {
  await popup.evaluate((s) => (globalThis as any).chrome.storage.local.set({ settings: s }), feige.settings);
  const a = await pdd.open(app.context);
  const b = await feige.open(app.context);
  for (const page of [a, b]) await expect(page.locator('[data-testid="kp-overlay"]')).toHaveAttribute('data-healthy', 'true');
  const waiting = [...(await simOf(a).state()).buyers, ...(await simOf(b).state()).buyers].filter((x) => x.waiting);
  const late = waiting.filter((x) => (x.waitingSec ?? 0) > 180).length;
  const own = await openPopup(app.context, app.extensionId);
  const entries = own.locator('[data-testid="kp-popup-waiting"] li');
  await expect(entries).toHaveCount(waiting.length);
  await expect(entries.filter({ hasText: pdd.shop })).not.toHaveCount(0);
  await expect(entries.filter({ hasText: feige.shop })).not.toHaveCount(0);
  await expect.poll(() => popup.evaluate(() => (globalThis as any).chrome.action.getBadgeText({}))).toBe(String(late));
  // A click on a Feige buyer brings that tab forward and opens the conversation there.
  const feigeState = await simOf(b).state();
  const target = feigeState.buyers.find((x) => x.waiting && x.uid !== feigeState.openUid);
  if (target) {
    await entries.filter({ hasText: target.nickname }).first().locator('button').click();
    await expect.poll(async () => (await simOf(b).state()).openUid).toBe(target.uid);
  }
});

test('an image chosen for the preview is read: a WeChat QR code holds the preview’s own send, an ordinary picture goes', async ({ app, popup, storedEvents }) => {
  await popup.evaluate((s) => (globalThis as any).chrome.storage.local.set({ settings: s }), feige.settings);
  const page = await feige.open(app.context);
  await expect(page.locator('[data-testid="kp-overlay"]')).toHaveAttribute('data-healthy', 'true');
  const sim = simOf(page);
  const submit = page.locator('[data-qa-id="qa-send-img-popup-submit"]');
  const file = page.locator('#im-input-box input[type=file]');
  const png = async (text: string) => Buffer.from((await QRCode.toDataURL(text, { margin: 4, scale: 6 })).split(',')[1]!, 'base64');

  await file.setInputFiles({ name: 'kefu.png', mimeType: 'image/png', buffer: await png('https://u.wechat.com/kefu-demo-88') });
  await expect(submit).toBeVisible();
  // Decoded while the preview shows, before the agent clicks: the indicator says so.
  await expect(page.locator('[data-testid="kp-indicator"]')).toHaveAttribute('data-kind', 'block');
  await submit.click();
  const dialog = page.locator('[data-testid="kp-guard"]');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('li[data-category="qr-code"]')).toContainText('u.wechat.com');
  expect(await sim.call('sentImages')).toEqual([]);
  await expect.poll(async () => (await storedEvents()).filter((e) => e.type === 'compliance' && (e as any).action === 'blocked').length).toBe(1);
  // The agent insists, with a reason: the preview sends through the page.
  await dialog.locator('button[data-action="send-anyway"]').click();
  await page.locator('[data-testid="kp-guard-reason"]').fill('买家要的是我们官方公众号');
  await dialog.locator('button[data-action="confirm"]').click();
  await expect.poll(() => sim.call('sentImages')).toEqual([expect.objectContaining({ count: 1 })]);

  // A QR code of plain text (a product's batch number) and the preview sends at once.
  await file.setInputFiles({ name: 'batch.png', mimeType: 'image/png', buffer: await png('批次 20261202-A') });
  await expect(submit).toBeVisible();
  await page.waitForTimeout(600); // time for the decode: nothing may hold it afterwards either
  await submit.click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(async () => (await sim.call<unknown[]>('sentImages')).length).toBe(2);
});
