import { test, expect } from './kit/fixture';
import { DRIVERS } from './kit/drivers';
import { simOf } from './kit/sim';
import { openPopup } from '../../scripts/browser';

// What only Kuaishou (快语客服) has: the shop name in the page's own state only (read by a read-only
// probe), its own countdown on every card (a check on ours), cards whose name first shows as a number,
// a Quill editor whose send button stays disabled until Quill's model has text; and a Kuaishou tab in
// one popup with the tabs of other platforms.
const ks = DRIVERS.kuaishou;
const jd = DRIVERS.jd;

test('the shop comes from the page’s own state: nothing is asked, every event carries it', async ({ app, storedEvents }) => {
  const page = await ks.open(app.context);
  await expect(page.locator('[data-testid="kp-overlay"]')).toHaveAttribute('data-healthy', 'true');
  await expect(page.locator('[data-testid="kp-shop"]')).toContainText(ks.shop);
  await expect(page.locator('[data-testid="kp-shop-form"]')).toHaveCount(0);
  await expect.poll(async () => (await storedEvents()).length).toBeGreaterThan(0);
  expect((await storedEvents()).every((e) => e.shop === ks.shop)).toBe(true);
  // The probe only read: no page method was called.
  expect(await simOf(page).call<unknown[]>('sdkCalls')).toEqual([]);
});

test('without the page’s state the overlay asks once for the shop, never guessing it', async ({ app, storedEvents }) => {
  const page = await ks.open(app.context, { sdk: 'absent' });
  await expect(page.locator('[data-testid="kp-overlay"]')).toHaveAttribute('data-healthy', 'true');
  const form = page.locator('[data-testid="kp-shop-form"]');
  await expect(form).toBeVisible();
  await expect.poll(async () => (await storedEvents()).length).toBeGreaterThan(0);
  expect((await storedEvents()).every((e) => e.shop === '')).toBe(true);
  await form.locator('input').fill('竹影二店');
  await form.locator('button[type="submit"]').click();
  await expect(page.locator('[data-testid="kp-shop"]')).toContainText('竹影二店');
});

test('where the page’s countdown and ours disagree, the panel says so; where they agree it says nothing', async ({ app }) => {
  const agree = await ks.open(app.context);
  await expect(agree.locator('[data-testid="kp-waiting"] li')).not.toHaveCount(0);
  await agree.waitForTimeout(2500);
  await expect(agree.locator('[data-testid="kp-clock-diff"]')).toHaveCount(0);
  await agree.close();

  // The page's countdown says 20 s more than the buyer's real wait (a page clock off, or a message we
  // saw late). Buyers we first see on the list are timed from the page itself; the open conversation is
  // timed from the message's arrival, so there the two clocks meet: 0 s by ours, 20 s by the page.
  const page = await ks.open(app.context, { clockSkew: '20' });
  const sim = simOf(page);
  const { openUid, buyers } = await sim.state();
  const b = buyers.find((x) => x.uid === openUid)!;
  await page.waitForTimeout(2500); // the open conversation's history settles
  await ks.composer(page).click();
  await ks.composer(page).pressSequentially('亲，在的');
  await ks.composer(page).press('Enter');
  await expect.poll(() => sim.sentTexts()).toEqual(['亲，在的']);
  await sim.buyerSays(b.uid, '在吗？');
  const diff = page.locator('[data-testid="kp-clock-diff"]');
  await expect(diff).toBeVisible();
  await expect(diff).toContainText(b.nickname);
});

test('a card that first shows a number keeps its countdown when the name appears, and the panel shows the name', async ({ app }) => {
  const page = await ks.open(app.context);
  const ajie = (await simOf(page).state()).buyers.find((b) => b.nickname === '阿杰')!;
  const entry = page.locator(`[data-testid="kp-waiting"] li[data-buyer="~${ajie.uid}"]`);
  await expect(entry).toBeVisible();
  await expect(entry).toContainText('阿杰');
  await expect(page.locator(`[data-kefu-pilot-chip="~${ajie.uid}"]`)).toHaveCount(1);
});

test('a template inserted into Quill enables the page’s send button, and the button sends exactly that text', async ({ app }) => {
  const page = await ks.open(app.context);
  // As an agent would: the overlay is there (the composer is watched) before typing starts.
  await expect(page.locator('[data-testid="kp-overlay"]')).toHaveAttribute('data-healthy', 'true');
  const sim = simOf(page);
  const button = ks.sendButton(page);
  await expect(button).toBeDisabled();
  const box = ks.composer(page);
  await box.click();
  await box.pressSequentially('/tuihuo');
  await expect(page.locator('[data-testid="kp-picker"]')).toBeVisible();
  await box.press('Enter');
  await expect.poll(() => ks.value(page)).toContain('退货');
  await expect(button).toBeEnabled();
  const text = await ks.value(page);
  await button.click();
  await expect.poll(() => sim.sentTexts()).toEqual([text]);
  await expect(button).toBeDisabled();
});

test('a JD tab and a Kuaishou tab: one popup lists the waiting buyers of both', async ({ app, popup }) => {
  await popup.evaluate((s) => (globalThis as any).chrome.storage.local.set({ settings: s }), jd.settings);
  const a = await jd.open(app.context);
  const b = await ks.open(app.context);
  for (const page of [a, b]) await expect(page.locator('[data-testid="kp-overlay"]')).toHaveAttribute('data-healthy', 'true');
  const waiting = [...(await simOf(a).state()).buyers, ...(await simOf(b).state()).buyers].filter((x) => x.waiting);
  const own = await openPopup(app.context, app.extensionId);
  const entries = own.locator('[data-testid="kp-popup-waiting"] li');
  await expect(entries).toHaveCount(waiting.length);
  await expect(entries.filter({ hasText: jd.shop })).not.toHaveCount(0);
  await expect(entries.filter({ hasText: ks.shop })).not.toHaveCount(0);
});
