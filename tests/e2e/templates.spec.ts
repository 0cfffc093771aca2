import { test, expect, type Workbench } from './kit/fixture';
import type { Page } from '@playwright/test';
import { enterDuringComposition } from './kit/ime';

// Templated replies on every platform's simulator: the picker opened by `/`, `／` and the shortcut,
// keyboard choice, insertion the page's framework sees (the simulator's own state is what it sends),
// suggestions, and never a send.

const picker = (page: Page) => page.locator('[data-testid="kp-picker"]');

/** The open workbench with a counter of the input events the page's own code received. */
async function counted(workbench: () => Promise<Workbench>) {
  const wb = await workbench();
  await wb.driver.composer(wb.page).evaluate((el) => {
    (window as any).__inputs = 0;
    el.addEventListener('input', () => (window as any).__inputs++);
  });
  const st = await wb.sim.state();
  const nickname = st.buyers.find((b) => b.uid === st.openUid)!.nickname;
  return { ...wb, nickname, box: wb.driver.composer(wb.page), value: () => wb.driver.value(wb.page) };
}

test('typing /tuihuo and Enter inserts the return template with the buyer nickname, and sends nothing', async ({ workbench, storedEvents }) => {
  const { page, sim, box, value, nickname } = await counted(workbench);
  await box.click();
  await box.pressSequentially('/tuihuo');
  await expect(picker(page)).toBeVisible();
  await expect(picker(page).locator('li').first()).toContainText('/tuihuo');
  const before = await page.evaluate(() => (window as any).__inputs);
  await box.press('Enter');
  await expect(picker(page)).toHaveCount(0);
  expect(await value()).toMatch(new RegExp(`^${nickname}您好，支持七天无理由退货的`));
  expect(await page.evaluate(() => (window as any).__inputs)).toBeGreaterThan(before);
  expect(await sim.sentTexts()).toEqual([]);
  // The cursor sits where the template's {光标} was: typing goes on from there.
  await box.pressSequentially('～');
  expect(await value()).toMatch(/～$/);
  // What the page itself would send is what the agent sees (its own state saw the insertion).
  await box.press('Enter');
  await expect.poll(() => sim.sentTexts()).toEqual([expect.stringMatching(/～$/)]);
  // The use is counted.
  await expect.poll(async () => (await storedEvents()).filter((e) => e.type === 'template_used').length).toBeGreaterThan(0);
});

test('the full-width ／ of a Chinese IME opens the picker; arrows move the choice; Escape closes it', async ({ workbench, popup }) => {
  const { page, sim, box, value, nickname } = await counted(workbench);
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
  expect(await value()).toBe('／tuihuo');
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
  expect(await value()).toBe(chosen.replace('{买家昵称}', nickname).replace('{光标}', '').replace(/\{填写:[^}]+\}/g, '5'));
  expect(await sim.sentTexts()).toEqual([]);
});

test('the shortcut opens a search box; pinyin initials find the template; it goes in at the cursor, keeping the text', async ({ workbench }) => {
  const { page, sim, box, value } = await counted(workbench);
  await box.fill('亲，');
  await box.press('End');
  await box.press('Alt+k');
  await expect(page.locator('[data-testid="kp-picker-search"]')).toBeFocused();
  await page.keyboard.type('thyf');
  await expect(picker(page).locator('li').first()).toContainText('运费');
  await page.keyboard.press('Enter');
  await expect(picker(page)).toHaveCount(0);
  expect(await value()).toMatch(/^亲，.*运费/);
  await expect(box).toBeFocused();
  expect(await sim.sentTexts()).toEqual([]);
});

test('during IME composition Enter neither picks nor sends', async ({ workbench }) => {
  const { page, sim, box, value } = await counted(workbench);
  await box.click();
  await box.pressSequentially('/tuihuo');
  await expect(picker(page)).toBeVisible();
  await enterDuringComposition(page, '退');
  expect(await value()).toBe('/tuihuo退');
  expect(await sim.sentTexts()).toEqual([]);
  // The Enter that committed the candidate chose no template.
  await expect(picker(page)).toBeVisible();
});

test('suggestions follow the buyer’s last message and one click inserts', async ({ workbench }) => {
  const { page, sim, value } = await counted(workbench);
  await page.waitForTimeout(2500);
  const { openUid } = await sim.state();
  await sim.buyerSays(openUid!, '我想退货，怎么操作');
  const chips = page.locator('[data-testid="kp-suggestions"] button');
  await expect(chips.first()).toBeVisible();
  expect(await chips.count()).toBeLessThanOrEqual(3);
  const titles = await chips.allTextContents();
  expect(titles.some((t) => t.includes('退货'))).toBe(true);
  await chips.filter({ hasText: '退货' }).first().click();
  expect(await value()).toContain('退货');
  expect(await sim.sentTexts()).toEqual([]);
});

test('the suggestion chips never cover a control of the page', async ({ workbench }) => {
  const { page, sim } = await counted(workbench);
  await page.waitForTimeout(2500);
  const { openUid } = await sim.state();
  await sim.buyerSays(openUid!, '什么时候发货？');
  const chips = page.locator('[data-testid="kp-suggestions"] button');
  await expect(chips.first()).toBeVisible();
  // Every control of the page (buttons, tool icons, menus, the send control) against every chip.
  const overlaps = await page.evaluate(() => {
    const host = document.querySelector('kefu-pilot-picker')!;
    const chipRects = [...host.shadowRoot!.querySelectorAll('[data-testid="kp-suggestions"] > *')].map((el) => el.getBoundingClientRect());
    const controls = [...document.querySelectorAll('button, [role=button], select, input, a, label, [class*="tool"], [class*="btn"], [title]')].filter(
      (el) => !el.closest('[data-kefu-pilot-chip]') && el.getBoundingClientRect().width > 0,
    );
    const hit = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    return controls.filter((el) => chipRects.some((r) => hit(r, el.getBoundingClientRect()))).map((el) => `${el.tagName}.${el.className} ${el.textContent?.slice(0, 10)}`);
  });
  expect(overlaps).toEqual([]);
});
