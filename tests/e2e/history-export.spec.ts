import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { launchWithExtension, openPopup, type Launched } from '../../scripts/browser';
import { chinaDate, toChinaIso } from '../../lib/time/china';

// History charts, exports and the events import on a database seeded with a few days of work.
let app: Launched;
let popup: Page;

test.beforeAll(async () => {
  app = await launchWithExtension();
  popup = await openPopup(app.context, app.extensionId);
});
test.afterAll(async () => {
  await app?.close();
});

const DAY = 86_400_000;
/** Noon (China time) of `ago` days before today. */
const noon = (ago: number) => {
  const now = Date.now();
  return now - ((now + 8 * 3600_000) % DAY) + 12 * 3600_000 - ago * DAY;
};

/** Three rounds a day on the five days before today, one of them slow, for one shop. */
function seed() {
  const events: Record<string, unknown>[] = [];
  for (let ago = 1; ago <= 5; ago++) {
    for (let i = 0; i < 3; i++) {
      const open = noon(ago) + i * 600_000;
      const buyer = `=HYPERLINK("x")${ago}-${i}`; // a buyer id a spreadsheet would run as a formula
      const base = { platform: 'pdd', shop: '糖果小铺旗舰店', buyer };
      events.push({ ...base, id: `h-${ago}-${i}-b`, type: 'buyer_message', ts: toChinaIso(open) });
      events.push({ ...base, id: `h-${ago}-${i}-a`, type: 'agent_message', sender: 'human', ts: toChinaIso(open + (i === 2 ? 240_000 : 20_000)) });
    }
  }
  return events;
}

test('history: 7 days of charts with the seeded rounds', async () => {
  const r = await popup.evaluate((ev) => (globalThis as any).chrome.runtime.sendMessage({ type: 'events/record', events: ev }), seed());
  expect(r.ok).toBe(true);
  await popup.reload();
  await popup.locator('button[data-tab="history"]').click();
  await expect(popup.locator('[data-testid="kp-chart-avg"]')).toHaveAttribute('data-points', '7');
  await expect(popup.locator('[data-testid="kp-chart-rate"] canvas')).toHaveCount(1);
  await expect(popup.locator('[data-testid="kp-history-total"]')).toContainText('15');
  await popup.locator('button[data-days="30"]').click();
  await expect(popup.locator('[data-testid="kp-chart-avg"]')).toHaveAttribute('data-points', '30');
});

test('export: the rounds CSV opens in Excel (BOM, Chinese headers) and formulas are neutralised; pseudonyms hide buyers', async () => {
  await popup.locator('button[data-tab="data"]').click();
  const [download] = await Promise.all([popup.waitForEvent('download'), popup.locator('button[data-export="rounds-csv"]').click()]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv.split('\r\n')[0]).toContain('买家');
  expect(csv).toContain(`'=HYPERLINK(""x"")1-0`);
  expect(csv.split('\r\n').filter((l) => l.includes('=HYPERLINK')).every((l) => l.includes(`'=HYPERLINK`))).toBe(true);
  await expect(popup.locator('[data-testid="kp-data-message"]')).toContainText('15');

  await popup.locator('[data-testid="kp-export-pseudo"]').check();
  const [second] = await Promise.all([popup.waitForEvent('download'), popup.locator('button[data-export="events-jsonl"]').click()]);
  const jsonl = readFileSync((await second.path())!, 'utf8');
  expect(jsonl).not.toContain('HYPERLINK');
  expect(jsonl).toContain('买家-');
  expect(jsonl.trim().split('\n').length).toBe(30);
  // Stable: another export, another file, the same pseudonym for each buyer.
  const [third] = await Promise.all([popup.waitForEvent('download'), popup.locator('button[data-export="rounds-csv"]').click()]);
  const rounds = readFileSync((await third.path())!, 'utf8');
  expect(rounds).not.toContain('HYPERLINK');
  const names = (text: string) => [...new Set(text.match(/买家-[0-9A-F]{12}/g))].sort();
  expect(names(rounds)).toHaveLength(15);
  expect(names(rounds)).toEqual(names(jsonl));
});

test('import: a broken file names its line and changes nothing; a good one adds events and skips duplicates', async () => {
  const today = chinaDate(Date.now());
  const stored = async () =>
    (await popup.evaluate((d) => (globalThis as any).chrome.runtime.sendMessage({ type: 'events/list', day: d }), today)).events.length as number;
  const before = await stored();
  const ts = toChinaIso(Date.now() - 60_000);
  const good = [1, 2, 3].map((i) => JSON.stringify({ id: `imp-${i}`, type: 'buyer_message', ts, platform: 'pdd', shop: '糖果小铺旗舰店', buyer: `imp${i}` }));
  const broken = [good[0], '{"id":"imp-x","type":"buyer_message"}', good[1]].join('\n');
  const file = popup.locator('[data-testid="kp-import-file"]');
  await file.setInputFiles({ name: 'old.jsonl', mimeType: 'application/json', buffer: Buffer.from(broken) });
  await expect(popup.locator('[data-testid="kp-data-error"]')).toContainText('old.jsonl 第 2 行');
  expect(await stored()).toBe(before);

  await file.setInputFiles({ name: 'old.jsonl', mimeType: 'application/json', buffer: Buffer.from(`${good.join('\n')}\n${good[0]}\n`) });
  await expect(popup.locator('[data-testid="kp-import-preview"]')).toContainText('4');
  await popup.locator('button[data-action="import-confirm"]').click();
  await expect(popup.locator('[data-testid="kp-data-message"]')).toContainText('已导入 3 条，重复跳过 1 条');
  expect(await stored()).toBe(before + 3);
});
