import { test, expect, type Page } from '@playwright/test';
import { launchWithExtension, openPopup, type Launched } from '../../scripts/browser';
import { toChinaIso } from '../../lib/time/china';

// The popup dashboard on a seeded database: today's figures against the platform lines, the misses
// with their reasons, checks and templates, and the shift handover.
let app: Launched;
let popup: Page;

test.beforeAll(async () => {
  app = await launchWithExtension();
  popup = await openPopup(app.context, app.extensionId);
});
test.afterAll(async () => {
  await app?.close();
});

/** A morning for one PDD shop from 09:00 China time on a fixed day; the popup's clock is set to 12:00. */
const NOON = Date.parse('2026-11-20T12:00:00+08:00');
function seed() {
  const base = Date.parse('2026-11-20T09:00:00+08:00');
  const at = (s: number) => toChinaIso(base + s * 1000);
  const e: Record<string, unknown>[] = [];
  let n = 0;
  const add = (o: Record<string, unknown>) => e.push({ id: `seed-${++n}`, platform: 'pdd', shop: '糖果小铺旗舰店', ...o });
  for (let i = 0; i < 8; i++) {
    add({ type: 'buyer_message', ts: at(i * 120), buyer: `fast${i}` });
    add({ type: 'agent_message', sender: 'human', ts: at(i * 120 + 20), buyer: `fast${i}` });
  }
  add({ type: 'buyer_message', ts: at(1000), buyer: 'slow1' });
  add({ type: 'agent_message', sender: 'robot', ts: at(1003), buyer: 'slow1' });
  add({ type: 'agent_message', sender: 'human', ts: at(1000 + 260), buyer: 'slow1' });
  add({ type: 'compliance', action: 'blocked', categories: ['off-platform-contact'], rules: ['contact.wechat'], ts: at(1100) });
  // A category this version does not know (an events file from elsewhere) is shown as written.
  add({ type: 'compliance', action: 'warned', categories: ['medical_claims'], rules: ['x.r1'], ts: at(1150) });
  add({ type: 'template_used', template: 'starter-tuihuo', ts: at(1200) });
  // A second platform: the popup adds a row for every shop together.
  add({ type: 'buyer_message', ts: at(3600), buyer: 'jd1', platform: 'jd', shop: '北极星数码专营店' });
  add({ type: 'agent_message', sender: 'human', ts: at(3610), buyer: 'jd1', platform: 'jd', shop: '北极星数码专营店' });
  return e;
}

test('shift: starting a shift gives a handover note that lists buyers still waiting', async () => {
  // The buyer writes while the agent is on the export tab (no refreshing there); the shift tab reads anew.
  await popup.locator('button[data-tab="data"]').click();
  const now = Date.now();
  await popup.evaluate(
    (ev) => (globalThis as any).chrome.runtime.sendMessage({ type: 'events/record', events: ev }),
    [{ id: 'shift-open-1', type: 'buyer_message', ts: toChinaIso(now - 60_000), platform: 'pdd', shop: '糖果小铺旗舰店', buyer: 'waiting1' }],
  );
  await popup.locator('button[data-tab="shift"]').click();
  await popup.locator('button[data-action="start-shift"]').click();
  await expect(popup.locator('[data-testid="kp-handover"]')).toContainText('【交接班】');
  await expect(popup.locator('[data-testid="kp-handover"]')).toContainText('waiting1');
});

// Last in the file: Playwright's clock belongs to the whole browser context once set.
test('today: figures with grades, the 4-minute round listed as a miss, checks and templates counted', async () => {
  const r = await popup.evaluate((ev) => (globalThis as any).chrome.runtime.sendMessage({ type: 'events/record', events: ev }), seed());
  expect(r.ok).toBe(true);
  // The dashboard as it looks at noon that day.
  const noon = await app.context.newPage();
  await noon.clock.setFixedTime(NOON);
  await noon.goto(`chrome-extension://${app.extensionId}/popup.html`);
  const shop = noon.locator('[data-testid="kp-today"] [data-shop="糖果小铺旗舰店"]');
  await expect(shop.locator('[data-figure="rounds"] dd')).toHaveText('9/9');
  await expect(shop.locator('[data-figure="rate-3min"] dd')).toHaveText('88.9%');
  await expect(shop.locator('[data-figure="rate-3min"]')).toHaveAttribute('data-grade', 'fair');
  await expect(shop.locator('[data-figure="effective"] dd')).toHaveText('100%');
  await expect(shop.locator('[data-figure="effective"]')).toHaveAttribute('data-grade', 'good');
  const together = noon.locator('[data-testid="kp-today"] [data-platform="*"]');
  await expect(together).toContainText('全部平台合计');
  await expect(together.locator('[data-figure="rounds"] dd')).toHaveText('10/10');
  await expect(together.locator('[data-figure="rate-3min"] dd')).toHaveText('90%');
  const miss = noon.locator('[data-testid="kp-misses"] li[data-buyer="slow1"]');
  await expect(miss).toContainText('4分20秒');
  await expect(miss).toContainText('30s / 3min');
  await expect(noon.locator('[data-testid="kp-compliance-today"] tr[data-category="off-platform-contact"]')).toContainText('拦截 1');
  await expect(noon.locator('[data-testid="kp-compliance-today"] tr[data-category="medical_claims"]')).toContainText('medical_claims');
  await expect(noon.locator('[data-testid="kp-templates-used"]')).toContainText('1');
  await noon.close();
});
