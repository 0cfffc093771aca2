import { test, expect, type Page } from '@playwright/test';
import { launchWithExtension, openPdd, openPopup, type Launched } from '../../scripts/browser';
import { chinaDate } from '../../lib/time/china';

// Templated replies on the PDD simulator: the picker opened by `/`, `／` and the shortcut, keyboard
// choice, insertion the page's framework sees, suggestions, and never a send.
let app: Launched;
let popup: Page;

test.beforeAll(async () => {
  app = await launchWithExtension();
  popup = await openPopup(app.context, app.extensionId);
  // The starter pack is written on install; wait for it.
  await expect
    .poll(() => popup.evaluate(async () => ((await (globalThis as any).chrome.storage.local.get('templates')).templates?.templates ?? []).length))
    .toBeGreaterThan(20);
});
test.afterAll(async () => {
  await app?.close();
});

const picker = (page: Page) => page.locator('[data-testid="kp-picker"]');

/** The open workbench with a counter of the input events the page's own code received. */
async function workbench(): Promise<Page> {
  const page = await openPdd(app.context);
  await expect(page.locator('[data-testid="kp-overlay"]')).toHaveAttribute('data-healthy', 'true');
  await page.evaluate(() => {
    (window as any).__inputs = 0;
    document.querySelector('#replyTextarea')!.addEventListener('input', () => (window as any).__inputs++);
  });
  return page;
}
const value = (page: Page) => page.locator('#replyTextarea').inputValue();
const sent = (page: Page) => page.evaluate(() => (window as any).sim.sent.length as number);

test('typing /tuihuo and Enter inserts the return template with the buyer nickname, and sends nothing', async () => {
  const page = await workbench();
  const box = page.locator('#replyTextarea');
  await box.click();
  await box.pressSequentially('/tuihuo');
  await expect(picker(page)).toBeVisible();
  await expect(picker(page).locator('li').first()).toContainText('/tuihuo');
  const before = await page.evaluate(() => (window as any).__inputs);
  await box.press('Enter');
  await expect(picker(page)).toHaveCount(0);
  expect(await value(page)).toMatch(/^小雨点您好，支持七天无理由退货的/);
  expect(await page.evaluate(() => (window as any).__inputs)).toBeGreaterThan(before);
  expect(await sent(page)).toBe(0);
  // The cursor sits where the template's {光标} was: typing goes on from there.
  await box.pressSequentially('～');
  expect(await value(page)).toMatch(/～$/);
  // The use is counted.
  await expect
    .poll(async () => {
      const r = await popup.evaluate((day) => (globalThis as any).chrome.runtime.sendMessage({ type: 'events/list', day }), chinaDate(Date.now()));
      return r.events.filter((e: any) => e.type === 'template_used').length;
    })
    .toBeGreaterThan(0);
  await page.close();
});

test('the full-width ／ of a Chinese IME opens the picker; arrows move the choice; Escape closes it', async () => {
  const page = await workbench();
  const box = page.locator('#replyTextarea');
  await box.click();
  await page.keyboard.insertText('／');
  await box.pressSequentially('tuihuo');
  await expect(picker(page)).toBeVisible();
  const items = picker(page).locator('li');
  expect(await items.count()).toBeGreaterThan(1);
  const second = await items.nth(1).getAttribute('data-template');
  await box.press('ArrowDown');
  await expect(items.nth(1)).toHaveAttribute('aria-selected', 'true');
  await box.press('Escape');
  await expect(picker(page)).toHaveCount(0);
  expect(await value(page)).toBe('／tuihuo');
  // Reopen and choose the second one.
  await box.press('Backspace');
  await box.pressSequentially('o');
  await box.press('ArrowDown');
  await box.press('Enter');
  const chosen: string = await popup.evaluate(
    async (id) => ((await (globalThis as any).chrome.storage.local.get('templates')).templates.templates as any[]).find((t) => t.id === id).body,
    second,
  );
  // A template with fill-in fields asks for them first.
  if (/\{填写:/.test(chosen)) {
    await expect(page.locator('[data-testid="kp-picker-fields"]')).toBeVisible();
    for (const input of await page.locator('[data-testid="kp-picker-fields"] input').all()) await input.fill('5');
    await page.keyboard.press('Enter');
  }
  await expect(picker(page)).toHaveCount(0);
  expect(await value(page)).toBe(chosen.replace('{买家昵称}', '小雨点').replace('{光标}', '').replace(/\{填写:[^}]+\}/g, '5'));
  expect(await sent(page)).toBe(0);
  await page.close();
});

test('the shortcut opens a search box; pinyin initials find the template; it goes in at the cursor, keeping the text', async () => {
  const page = await workbench();
  const box = page.locator('#replyTextarea');
  await box.fill('亲，');
  await box.press('End');
  await box.press('Alt+k');
  await expect(page.locator('[data-testid="kp-picker-search"]')).toBeFocused();
  await page.keyboard.type('thyf');
  await expect(picker(page).locator('li').first()).toContainText('运费');
  await page.keyboard.press('Enter');
  await expect(picker(page)).toHaveCount(0);
  expect(await value(page)).toMatch(/^亲，.*运费/);
  await expect(box).toBeFocused();
  expect(await sent(page)).toBe(0);
  await page.close();
});

test('during IME composition Enter neither picks nor sends', async () => {
  const page = await workbench();
  const box = page.locator('#replyTextarea');
  await box.click();
  await box.pressSequentially('/tuihuo');
  await expect(picker(page)).toBeVisible();
  await box.dispatchEvent('compositionstart');
  await box.dispatchEvent('keydown', { key: 'Enter', keyCode: 229, isComposing: true });
  await box.dispatchEvent('compositionend');
  await expect(picker(page)).toBeVisible();
  expect(await value(page)).toBe('/tuihuo');
  expect(await sent(page)).toBe(0);
  await page.close();
});

test('suggestions follow the buyer’s last message and one click inserts', async () => {
  const page = await workbench();
  await page.waitForTimeout(2500);
  const { openUid } = await page.evaluate(() => (window as any).sim.state());
  await page.evaluate((u) => (window as any).sim.buyerSays(u, '我想退货，怎么操作'), openUid);
  const chips = page.locator('[data-testid="kp-suggestions"] button');
  await expect(chips.first()).toBeVisible();
  expect(await chips.count()).toBeLessThanOrEqual(3);
  const titles = await chips.allTextContents();
  expect(titles.some((t) => t.includes('退货'))).toBe(true);
  await chips.filter({ hasText: '退货' }).first().click();
  expect(await value(page)).toContain('退货');
  expect(await sent(page)).toBe(0);
  await page.close();
});
