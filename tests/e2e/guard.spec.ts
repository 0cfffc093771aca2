import { test, expect, type StoredEvent } from './kit/fixture';
import type { Page } from '@playwright/test';
import QRCode from 'qrcode';
import { enterDuringComposition } from './kit/ime';

// The pre-send check on every platform's simulator: the page's send key and the send control are
// held when the message would break a rule; warnings let it go; IME composition, newlines and normal
// replies are untouched.

const RISKY = '亲，加我薇信 abc_12345 给你优惠';
const dialog = (page: Page) => page.locator('[data-testid="kp-guard"]');
const compliance = (events: StoredEvent[]) => events.filter((e) => e.type === 'compliance');

test('Enter on a disguised WeChat id is held: the dialog explains it, Edit selects the span, nothing is sent', async ({ workbench, driver, storedEvents }) => {
  const { page, sim } = await workbench();
  const box = driver.composer(page);
  await box.fill(RISKY);
  await box.press('Enter');
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(page).locator('li[data-category="off-platform-contact"]')).toContainText('站外联系方式');
  await expect(dialog(page).locator('mark')).toHaveText('加我薇信 abc_12345');
  expect(await sim.sentTexts()).toEqual([]);
  expect(await driver.value(page)).toBe(RISKY);

  await dialog(page).locator('button[data-action="edit"]').click();
  await expect(dialog(page)).toHaveCount(0);
  await expect(box).toBeFocused();
  const sel = await driver.selectedText(page);
  expect(sel).toBe('加我薇信 abc_12345');
  await expect.poll(async () => compliance(await storedEvents()).map((e) => `${e.action}:${e.categories!.join(',')}`)).toContain('blocked:off-platform-contact');

  // Fixed, it goes.
  await box.fill('亲，有问题直接在这里留言就好');
  await box.press('Enter');
  await expect.poll(() => sim.sentTexts()).toEqual(['亲，有问题直接在这里留言就好']);
});

test('the send control is held too, and Shift+Enter still types a newline', async ({ workbench, driver }) => {
  const { page, sim } = await workbench();
  const box = driver.composer(page);
  await box.fill('好评返现5元哦');
  await box.press('Shift+Enter');
  await expect(dialog(page)).toHaveCount(0);
  expect(await driver.value(page)).toBe('好评返现5元哦\n');
  await driver.sendButton(page).click();
  await expect(dialog(page)).toBeVisible();
  expect(await sim.sentTexts()).toEqual([]);
});

test('with the page set to send on Ctrl+Enter, Ctrl+Enter is held and a plain Enter types a newline', async ({ workbench, driver }) => {
  test.skip(!driver.hasCtrlEnterMode, 'this workbench has no Ctrl+Enter setting');
  const { page, sim } = await workbench({ sendKey: 'ctrl+enter' });
  const box = driver.composer(page);
  await box.fill('好评返现5元哦');
  // Enter is a newline on this page: the check does not take it for a send.
  await box.press('Enter');
  await expect(dialog(page)).toHaveCount(0);
  expect(await driver.value(page)).toBe('好评返现5元哦\n');
  await box.press('Control+Enter');
  await expect(dialog(page)).toBeVisible();
  await dialog(page).locator('button[data-action="edit"]').click();
  await driver.sendButton(page).click();
  await expect(dialog(page)).toBeVisible();
  expect(await sim.sentTexts()).toEqual([]);
});

test('send anyway asks for a reason, sends through the page and logs the override', async ({ workbench, driver, storedEvents }) => {
  const { page, sim } = await workbench();
  const box = driver.composer(page);
  await box.fill(RISKY);
  await driver.sendButton(page).click();
  await dialog(page).locator('button[data-action="send-anyway"]').click();
  await expect(dialog(page).locator('button[data-action="confirm"]')).toBeDisabled();
  await page.locator('[data-testid="kp-guard-reason"]').fill('买家要求，主管已同意');
  await dialog(page).locator('button[data-action="confirm"]').click();
  await expect.poll(() => sim.sentTexts()).toEqual([RISKY]);
  await expect.poll(async () => compliance(await storedEvents()).filter((e) => e.action === 'overridden').map((e) => e.reason)).toContain('买家要求，主管已同意');
  // The text itself is not stored unless the agent turned that on.
  expect(compliance(await storedEvents()).every((e) => e.text === undefined)).toBe(true);
});

test('a warning lets the message go with a notice; an ordinary reply passes untouched', async ({ workbench, driver }) => {
  const { page, sim } = await workbench();
  const box = driver.composer(page);
  await box.fill('我们家是全网最低价哦');
  await expect(page.locator('[data-testid="kp-indicator"]')).toHaveAttribute('data-kind', 'warn');
  await box.press('Enter');
  await expect(page.locator('[data-testid="kp-toast"]')).toContainText('极限用语');
  await expect.poll(() => sim.sentTexts()).toEqual(['我们家是全网最低价哦']);
  await box.fill('亲，今天下午发货，订单号 250101-123456789012345');
  await box.press('Enter');
  await expect.poll(() => sim.sentTexts()).toHaveLength(2);
  await expect(dialog(page)).toHaveCount(0);
});

test('while typing, a blocking finding shows in the indicator; during IME composition Enter is left alone', async ({ workbench, driver }) => {
  const { page, sim } = await workbench();
  const box = driver.composer(page);
  await box.click();
  await box.pressSequentially('加我v：kefu_2026');
  await expect(page.locator('[data-testid="kp-indicator"]')).toHaveAttribute('data-kind', 'block');
  await enterDuringComposition(page, '你好');
  await expect(dialog(page)).toHaveCount(0);
  expect(await sim.sentTexts()).toEqual([]);
  expect(await driver.value(page)).toBe('加我v：kefu_2026你好');
  // Composition over, Enter is a send again: held.
  await box.press('Enter');
  await expect(dialog(page)).toBeVisible();
});

test('the page takes the overlay out of its body: the check puts it back, and never holds a send it cannot show', async ({ workbench, driver }) => {
  const { page, sim } = await workbench();
  const box = driver.composer(page);
  const hosts = () => page.evaluate(() => ['kefu-pilot-guard', 'kefu-pilot-overlay', 'kefu-pilot-picker'].filter((n) => document.querySelector(n)?.isConnected));
  // Another script empties the body's extras (as a page re-render or another extension might).
  await page.evaluate(() => document.querySelectorAll('kefu-pilot-guard, kefu-pilot-overlay, kefu-pilot-picker').forEach((el) => el.remove()));
  await box.fill(RISKY);
  await box.press('Enter');
  // Held behind a dialog the agent can see.
  await expect(dialog(page)).toBeVisible();
  expect(await sim.sentTexts()).toEqual([]);
  // The panel is back too within a second.
  await expect.poll(hosts).toEqual(['kefu-pilot-guard', 'kefu-pilot-overlay', 'kefu-pilot-picker']);
  await expect(page.locator('[data-testid="kp-overlay"]')).toBeVisible();

  // The page moves our host into a container of its own that it hides, while the dialog is open: the
  // next Enter finds no dialog on screen and puts it back where it shows, still holding the send.
  await page.evaluate(() => {
    const hidden = document.createElement('div');
    hidden.style.display = 'none';
    document.body.prepend(hidden);
    hidden.append(document.querySelector('kefu-pilot-guard')!);
  });
  await expect(dialog(page)).toBeHidden();
  await box.press('Enter');
  await expect(dialog(page)).toBeVisible();
  expect(await sim.sentTexts()).toEqual([]);
  // The agent is never stuck: the dialog's own way out still works.
  await dialog(page).locator('button[data-action="edit"]').click();
  await box.fill('亲，有问题直接在这里留言就好');
  await box.press('Enter');
  await expect.poll(() => sim.sentTexts()).toEqual(['亲，有问题直接在这里留言就好']);
});

test('a page script cannot act as the agent: a synthetic click on 仍然发送 or a typed reason does nothing', async ({ workbench, driver, storedEvents }) => {
  const { page, sim } = await workbench();
  const box = driver.composer(page);
  await box.fill(RISKY);
  await box.press('Enter');
  await expect(dialog(page)).toBeVisible();
  await page.evaluate(() => {
    const root = document.querySelector('kefu-pilot-guard')!.shadowRoot!;
    (root.querySelector('[data-action="send-anyway"]') as HTMLElement).click();
  });
  await expect(page.locator('[data-testid="kp-guard-reason"]')).toHaveCount(0);
  // The agent asks to send anyway; a script then types a reason and submits.
  await dialog(page).locator('button[data-action="send-anyway"]').click();
  await page.evaluate(() => {
    const root = document.querySelector('kefu-pilot-guard')!.shadowRoot!;
    const input = root.querySelector('[data-testid="kp-guard-reason"]') as HTMLInputElement;
    input.value = '脚本替客服填写的理由';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    (root.querySelector('form') as HTMLFormElement).requestSubmit();
  });
  await page.waitForTimeout(500);
  expect(await sim.sentTexts()).toEqual([]);
  await expect(dialog(page).locator('button[data-action="confirm"]')).toBeDisabled();
  expect((await storedEvents()).filter((e) => e.type === 'compliance' && e.action === 'overridden')).toEqual([]);
});

test('a WeChat id sent in three pieces (微, 信, the id) is held on the third, highlighted in the draft', async ({ workbench, driver }) => {
  const { page, sim } = await workbench();
  const box = driver.composer(page);
  for (const piece of ['微', '信']) {
    await box.fill(piece);
    await box.press('Enter');
    await expect(dialog(page)).toHaveCount(0);
  }
  await expect.poll(() => sim.sentTexts()).toEqual(['微', '信']);
  await box.fill('kefu2024');
  await box.press('Enter');
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(page).locator('li[data-category="off-platform-contact"]')).toBeVisible();
  // The highlight is the part in this message; the earlier pieces are already gone.
  await expect(dialog(page).locator('mark')).toHaveText('kefu2024');
  expect(await sim.sentTexts()).toEqual(['微', '信']);
  expect(await driver.value(page)).toBe('kefu2024');
});

test('an agent declining to give a contact passes, and so does a masked number read back', async ({ workbench, driver }) => {
  const { page, sim } = await workbench();
  const box = driver.composer(page);
  const replies = ['不好意思亲，平台规定不能加微信哦，有问题在这里说就好', '您留的收货电话是138****5678，快递员会提前联系您'];
  for (const reply of replies) {
    await box.fill(reply);
    await box.press('Enter');
    await expect(dialog(page)).toHaveCount(0);
  }
  await expect.poll(() => sim.sentTexts()).toEqual(replies);
});

/** Paste an image (a data URL) into the composer as the clipboard would hand it to the page. */
async function pasteImage(page: Page, selector: string, dataUrl: string): Promise<void> {
  await page.locator(selector).evaluate(async (el, url) => {
    const blob = await (await fetch(url)).blob();
    const data = new DataTransfer();
    data.items.add(new File([blob], 'paste.png', { type: 'image/png' }));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, dataUrl);
}

test('a pasted QR code of a WeChat link is held on an editor composer, with the reason', async ({ workbench, driver }) => {
  test.skip(!driver.editor, 'this workbench’s composer holds no images');
  const { page, sim } = await workbench();
  const box = driver.composer(page);
  await box.click();
  await pasteImage(page, driver.selectors.composer, await QRCode.toDataURL('https://u.wechat.com/kefu-demo-88', { margin: 4, scale: 6 }));
  await expect(page.locator(`${driver.selectors.composer} img`)).toHaveCount(1);
  // Decoded off the keystroke path: the indicator turns to a block once the code is read.
  await expect(page.locator('[data-testid="kp-indicator"]')).toHaveAttribute('data-kind', 'block');
  await box.press('Enter');
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(page).locator('li[data-category="qr-code"]')).toContainText('二维码');
  expect(await sim.sentTexts()).toEqual([]);
});
