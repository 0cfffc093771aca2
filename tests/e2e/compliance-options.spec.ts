import { test, expect } from './kit/fixture';
import type { Page } from '@playwright/test';

// The compliance settings of the options page, applied on the workbench: shop words, a list file
// that is refused whole, a raised severity. Options behaviour: run once (PDD).

const dialog = (page: Page) => page.locator('[data-testid="kp-guard"]');

test('the options page: a shop word blocks, a bad list file changes nothing and names its line, a severity can be raised', async ({ app, workbench, driver }) => {
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

  const { page, sim } = await workbench();
  const box = driver.composer(page);
  await box.fill('走秘密通道发货');
  await box.press('Enter');
  await expect(dialog(page).locator('li[data-category="shop-word"]')).toBeVisible();
  await dialog(page).locator('button[data-action="edit"]').click();
  await box.fill('全网最低价');
  await box.press('Enter');
  await expect(dialog(page).locator('li[data-category="absolute-claim"]')).toBeVisible();
  expect(await sim.sentTexts()).toEqual([]);
});

test('with extension storage full, a settings change says it was not saved and the page shows what is stored', async ({ app, popup }) => {
  // Fill storage.local to its quota (10 MB without unlimitedStorage) with one filler value.
  const fill = () =>
    popup.evaluate(async () => {
      const chrome = (globalThis as any).chrome;
      // Pieces of halving size until not even a few bytes fit.
      let stored = 0;
      for (let size = 8 * 1024 * 1024, n = 0; size >= 8; size = Math.floor(size / 2)) {
        for (;;) {
          try {
            await chrome.storage.local.set({ [`zz-filler-${n}`]: 'x'.repeat(size) });
            n++;
            stored += size;
          } catch {
            break; // does not fit: try a smaller piece
          }
        }
      }
      return stored;
    });
  const filled = await fill();
  expect(filled).toBeGreaterThan(0);
  try {
    const options = await app.context.newPage();
    await options.goto(`chrome-extension://${app.extensionId}/options.html`);
    await options.locator('#quiet-enabled').click(); // (the page goes back at once: not check(), which insists)
    await expect(options.locator('[data-testid="kp-save-error"]')).toContainText('设置未能保存');
    await expect(options.locator('#quiet-enabled')).not.toBeChecked();
    // The shop's word list: never 已保存 for a list that was not stored.
    const shop = options.locator('[data-testid="kp-compliance-settings"] [data-list="block"]');
    await shop.locator('textarea').fill('秘密通道,block\n');
    await shop.locator('button[data-action="save"]').click();
    await expect(options.locator('[data-testid="kp-block-error"]')).toContainText('未能保存');
    await expect(shop.locator('.kp-saved')).toHaveCount(0);
    await expect(shop.locator('h3 small')).toHaveText('(0)');
    await options.reload();
    await expect(options.locator('#quiet-enabled')).not.toBeChecked();
    await expect(shop.locator('h3 small')).toHaveText('(0)');
  } finally {
    await popup.evaluate(async () => {
      const chrome = (globalThis as any).chrome;
      await chrome.storage.local.remove(Object.keys(await chrome.storage.local.get(null)).filter((k) => k.startsWith('zz-filler-')));
    });
  }
});

test('the learned reader holds a veiled threat no rule lists, and lets it go once turned off in the options', async ({ app, workbench, driver }) => {
  const threat = '你等着，收货地址我可记着呢';
  const { page, sim } = await workbench();
  const box = driver.composer(page);
  await box.fill(threat);
  await box.press('Enter');
  const item = dialog(page).locator('li[data-category="abuse"]');
  await expect(item).toBeVisible();
  await expect(item).toContainText('模型');
  expect(await sim.sentTexts()).toEqual([]);
  await dialog(page).locator('button[data-action="edit"]').click();

  const options = await app.context.newPage();
  await options.goto(`chrome-extension://${app.extensionId}/options.html`);
  const learned = options.locator('[data-testid="kp-learned"]');
  await expect(learned).toBeChecked();
  await learned.uncheck();
  await expect(learned).not.toBeChecked();

  await page.bringToFront();
  await box.fill(threat);
  await box.press('Enter');
  await expect.poll(() => sim.sentTexts()).toEqual([threat]);
  await expect(dialog(page)).toBeHidden();
});
