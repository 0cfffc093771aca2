import { test, expect, type Page } from '@playwright/test';
import { launchWithExtension, openPdd, openPopup, type Launched } from '../../scripts/browser';
import { chinaDate } from '../../lib/time/china';

// The pre-send check on the PDD simulator: Enter, Ctrl+Enter and the send button are held when the
// message would break a rule; warnings let it go; IME composition and normal replies are untouched.
let app: Launched;
let popup: Page;

test.beforeAll(async () => {
  app = await launchWithExtension();
  popup = await openPopup(app.context, app.extensionId);
});
test.afterAll(async () => {
  await app?.close();
});

const RISKY = '亲，加我薇信 abc_12345 给你优惠';
const dialog = (page: Page) => page.locator('[data-testid="kp-guard"]');
const sentTexts = (page: Page) => page.evaluate(() => (window as any).sim.sent.map((s: { text: string }) => s.text) as string[]);
const complianceEvents = async () => {
  const r = await popup.evaluate((day) => (globalThis as any).chrome.runtime.sendMessage({ type: 'events/list', day }), chinaDate(Date.now()));
  return (r.events as any[]).filter((e) => e.type === 'compliance');
};

async function workbench(sendKey: 'enter' | 'ctrl+enter' = 'enter'): Promise<Page> {
  const page = await openPdd(app.context);
  await expect(page.locator('[data-testid="kp-overlay"]')).toHaveAttribute('data-healthy', 'true');
  await page.evaluate((k) => (window as any).sim.setSendKey(k), sendKey);
  return page;
}

test('Enter on a disguised WeChat id is held: the dialog explains it, Edit selects the span, nothing is sent', async () => {
  const page = await workbench();
  const box = page.locator('#replyTextarea');
  await box.fill(RISKY);
  await box.press('Enter');
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(page).locator('li[data-category="off-platform-contact"]')).toContainText('站外联系方式');
  await expect(dialog(page).locator('mark')).toHaveText('加我薇信 abc_12345');
  expect(await sentTexts(page)).toEqual([]);
  expect(await box.inputValue()).toBe(RISKY);

  await dialog(page).locator('button[data-action="edit"]').click();
  await expect(dialog(page)).toHaveCount(0);
  await expect(box).toBeFocused();
  const sel = await box.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
  expect(sel).toBe('加我薇信 abc_12345');
  await expect.poll(async () => (await complianceEvents()).map((e) => `${e.action}:${e.categories.join(',')}`)).toContain('blocked:off-platform-contact');

  // Fixed, it goes.
  await box.fill('亲，有问题直接在这里留言就好');
  await box.press('Enter');
  await expect.poll(() => sentTexts(page)).toEqual(['亲，有问题直接在这里留言就好']);
  await page.close();
});

test('Ctrl+Enter (the page set to send on Ctrl+Enter) and the send button are held too', async () => {
  const page = await workbench('ctrl+enter');
  const box = page.locator('#replyTextarea');
  await box.fill('好评返现5元哦');
  await box.press('Control+Enter');
  await expect(dialog(page)).toBeVisible();
  await dialog(page).locator('button[data-action="edit"]').click();
  await page.locator('.send-btn').click();
  await expect(dialog(page)).toBeVisible();
  expect(await sentTexts(page)).toEqual([]);
  await page.close();
});

test('send anyway asks for a reason, sends through the page and logs the override', async () => {
  const page = await workbench();
  const box = page.locator('#replyTextarea');
  await box.fill(RISKY);
  await page.locator('.send-btn').click();
  await dialog(page).locator('button[data-action="send-anyway"]').click();
  await expect(dialog(page).locator('button[data-action="confirm"]')).toBeDisabled();
  await page.locator('[data-testid="kp-guard-reason"]').fill('买家要求，主管已同意');
  await dialog(page).locator('button[data-action="confirm"]').click();
  await expect.poll(() => sentTexts(page)).toEqual([RISKY]);
  await expect.poll(async () => (await complianceEvents()).filter((e) => e.action === 'overridden').map((e) => e.reason)).toContain('买家要求，主管已同意');
  // The text itself is not stored unless the agent turned that on.
  expect((await complianceEvents()).every((e) => e.text === undefined)).toBe(true);
  await page.close();
});

test('a warning lets the message go with a notice; an ordinary reply passes untouched', async () => {
  const page = await workbench();
  const box = page.locator('#replyTextarea');
  await box.fill('我们家是全网最低价哦');
  await expect(page.locator('[data-testid="kp-indicator"]')).toHaveAttribute('data-kind', 'warn');
  await box.press('Enter');
  await expect(page.locator('[data-testid="kp-toast"]')).toContainText('极限用语');
  await expect.poll(() => sentTexts(page)).toEqual(['我们家是全网最低价哦']);
  await box.fill('亲，今天下午发货，订单号 250101-123456789012345');
  await box.press('Enter');
  await expect.poll(() => sentTexts(page)).toHaveLength(2);
  await expect(dialog(page)).toHaveCount(0);
  await page.close();
});

test('while typing, a blocking finding shows in the indicator; during IME composition Enter is left alone', async () => {
  const page = await workbench();
  const box = page.locator('#replyTextarea');
  await box.click();
  await box.pressSequentially('加我v：kefu_2026');
  await expect(page.locator('[data-testid="kp-indicator"]')).toHaveAttribute('data-kind', 'block');
  await box.dispatchEvent('compositionstart');
  await box.dispatchEvent('keydown', { key: 'Enter', keyCode: 229, isComposing: true });
  await box.dispatchEvent('compositionend');
  await expect(dialog(page)).toHaveCount(0);
  expect(await sentTexts(page)).toEqual([]);
  await page.close();
});

test('the options page: a shop word blocks, a bad list file changes nothing and names its line, a severity can be raised', async () => {
  const options = await app.context.newPage();
  await options.goto(`chrome-extension://${app.extensionId}/options.html`);
  const panel = options.locator('[data-testid="kp-compliance-settings"]');
  const shop = panel.locator('[data-list="block"]');
  await shop.locator('textarea').fill('秘密通道,block\n');
  await shop.locator('button[data-action="save"]').click();
  await expect(shop.locator('h3 small')).toHaveText('(1)');

  // A broken file: the quote on line 2 is not closed.
  await shop.locator('input[type="file"]').setInputFiles({ name: 'words.csv', mimeType: 'text/csv', buffer: Buffer.from('第一个词,warn\n"没闭合,block\n') });
  await expect(options.locator('[data-testid="kp-block-error"]')).toContainText('words.csv 第 2 行');
  await expect(shop.locator('h3 small')).toHaveText('(1)');

  await panel.locator('select[data-category="absolute-claim"]').selectOption('block');

  const page = await workbench();
  const box = page.locator('#replyTextarea');
  await box.fill('走秘密通道发货');
  await box.press('Enter');
  await expect(dialog(page).locator('li[data-category="shop-word"]')).toBeVisible();
  await dialog(page).locator('button[data-action="edit"]').click();
  await box.fill('全网最低价');
  await box.press('Enter');
  await expect(dialog(page).locator('li[data-category="absolute-claim"]')).toBeVisible();
  expect(await sentTexts(page)).toEqual([]);
  await page.close();
  await options.close();
});
