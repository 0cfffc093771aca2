import { test, expect, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension, type Launched } from '../../scripts/browser';
import { STARTER_TEMPLATES } from '../../lib/templates/starter';

// The templates section of the options page: starter pack, search, create / edit / delete,
// import with preview (good and broken files) and export. The tests run in order on one page and
// one storage, each building on the previous one.
test.describe.configure({ mode: 'serial' });

let app: Launched;
let page: Page;
let dir: string;

test.beforeAll(async () => {
  app = await launchWithExtension();
  dir = mkdtempSync(join(tmpdir(), 'kp-tpl-'));
  page = await app.context.newPage();
  await page.goto(`chrome-extension://${app.extensionId}/options.html`);
  await expect(page.getByTestId('kp-templates')).toBeVisible();
});
test.afterAll(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const rows = () => page.getByTestId('kp-tpl-row');
const row = (title: string) => rows().filter({ has: page.locator('.kp-tpl-title', { hasText: new RegExp(`^${title}$`) }) });

interface Stored {
  version: number;
  groups: { id: string; name: string; order: number }[];
  templates: { id: string; title: string; body: string; group: string; shortcut?: string; order: number }[];
}
const stored = () =>
  page.evaluate(async () => {
    // The options page is an extension page: it reads the extension's own storage.
    const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
    return (await api.storage.local.get('templates')).templates;
  }) as Promise<Stored | undefined>;

async function importFile(name: string, content: string | Buffer) {
  const file = join(dir, name);
  writeFileSync(file, content);
  await page.getByTestId('kp-tpl-import-file').setInputFiles(file);
}

test('empty storage offers the starter pack, which loads grouped templates', async () => {
  // The background writes the starter pack on install; wait for it, then empty the storage.
  await expect.poll(async () => (await stored())?.templates.length).toBe(STARTER_TEMPLATES.length);
  await expect(rows()).toHaveCount(STARTER_TEMPLATES.length);
  await page.evaluate(() => (globalThis as unknown as { chrome: { storage: { local: { remove(k: string): Promise<void> } } } }).chrome.storage.local.remove('templates'));
  await page.reload();
  expect(await stored()).toBeUndefined();
  await expect(rows()).toHaveCount(0);
  await expect(page.getByTestId('kp-tpl-starter')).toBeVisible();
  await page.getByRole('button', { name: '载入常用模板' }).click();
  await expect(rows()).toHaveCount(STARTER_TEMPLATES.length);
  await expect(page.getByTestId('kp-tpl-starter')).toHaveCount(0);
  const doc = (await stored())!;
  expect(doc.templates).toHaveLength(STARTER_TEMPLATES.length);
  // Groups in order, and the search keys were computed before storing.
  await expect(page.getByTestId('kp-tpl-group').first().locator('h3')).toContainText('问候');
  expect((doc.templates[0] as { search?: { initials: string } }).search?.initials).toBeTruthy();
});

test('search by pinyin initials finds the return template; by shortcut and hanzi too', async () => {
  const box = page.getByTestId('kp-tpl-search');
  await box.fill('thsx');
  await expect(rows().first().locator('.kp-tpl-title')).toHaveText('退货-首选方案');
  await box.fill('tuihuo2');
  await expect(rows().first().locator('.kp-tpl-title')).toHaveText('退货-备选方案');
  await box.fill('退货');
  await expect(rows().filter({ hasText: '退货-首选方案' })).toHaveCount(1);
  await box.fill('');
  await expect(rows()).toHaveCount(STARTER_TEMPLATES.length);
});

test('create a template with a shortcut: validation, unknown variables, then it is listed', async () => {
  await page.getByTestId('kp-tpl-new').click();
  const editor = page.getByTestId('kp-tpl-editor');
  await expect(editor).toBeVisible();
  await expect(editor).toContainText('{买家昵称}');
  // Nothing filled in: the issues are shown next to the fields and nothing is stored.
  await page.getByTestId('kp-tpl-save').click();
  await expect(page.getByTestId('kp-tpl-issue-title')).toBeVisible();
  await expect(page.getByTestId('kp-tpl-issue-body')).toBeVisible();

  await editor.getByLabel('标题').fill('测试补发');
  await editor.getByLabel('内容').fill('{买家昵称}您好，漏发的{填写:商品}今天补发，送您{优惠券}～');
  await expect(page.getByTestId('kp-tpl-unknown')).toContainText('{优惠券}');
  await editor.getByLabel('快捷编码').fill('bufa');
  await editor.getByLabel('分组').selectOption({ label: '售后' });
  await page.getByTestId('kp-tpl-save').click();
  await expect(editor).toHaveCount(0);
  await expect(page.getByTestId('kp-tpl-notice')).toContainText('已保存「测试补发」');
  await expect(row('测试补发')).toHaveCount(1);
  await expect(row('测试补发').locator('.kp-tpl-shortcut')).toHaveText('/bufa');
  await expect(rows()).toHaveCount(STARTER_TEMPLATES.length + 1);

  await page.getByTestId('kp-tpl-search').fill('bufa');
  await expect(rows().first().locator('.kp-tpl-title')).toHaveText('测试补发');
  await page.getByTestId('kp-tpl-search').fill('');
  const doc = (await stored())!;
  const saved = doc.templates.find((x) => x.shortcut === 'bufa')!;
  expect(doc.groups.find((g) => g.id === saved.group)?.name).toBe('售后');
});

test('edit, reorder and delete (with confirmation)', async () => {
  await row('测试补发').getByTestId('kp-tpl-edit').click();
  const editor = page.getByTestId('kp-tpl-editor');
  await expect(editor.getByLabel('标题')).toHaveValue('测试补发');
  await editor.getByLabel('标题').fill('测试补发（改）');
  await page.getByTestId('kp-tpl-save').click();
  await expect(row('测试补发（改）')).toHaveCount(1);
  await expect(row('测试补发')).toHaveCount(0);

  // It was appended at the end of 售后; move it up one place.
  const group = page.getByTestId('kp-tpl-group').filter({ has: page.locator('h3', { hasText: '售后' }) });
  await expect(group.getByTestId('kp-tpl-row').last().locator('.kp-tpl-title')).toHaveText('测试补发（改）');
  const inGroup = await group.getByTestId('kp-tpl-row').count();
  await row('测试补发（改）').getByRole('button', { name: '上移' }).click();
  await expect(group.getByTestId('kp-tpl-row').nth(inGroup - 2).locator('.kp-tpl-title')).toHaveText('测试补发（改）');
  const all = (await stored())!.templates;
  const groupId = all.find((y) => y.title === '测试补发（改）')!.group;
  const order = all.filter((x) => x.group === groupId).sort((a, b) => a.order - b.order);
  expect(order.at(-2)!.title).toBe('测试补发（改）');

  await row('测试补发（改）').getByTestId('kp-tpl-delete').click();
  await expect(row('测试补发（改）')).toContainText('确定删除');
  await row('测试补发（改）').getByRole('button', { name: '取消' }).click();
  await expect(row('测试补发（改）')).toHaveCount(1);
  await row('测试补发（改）').getByTestId('kp-tpl-delete').click();
  await row('测试补发（改）').getByTestId('kp-tpl-delete-confirm').click();
  await expect(row('测试补发（改）')).toHaveCount(0);
  await expect(rows()).toHaveCount(STARTER_TEMPLATES.length);
  expect((await stored())!.templates.some((x) => x.title.startsWith('测试补发'))).toBe(false);
});

test('compliance on save: a block finding needs 仍然保存; a warning is shown without blocking', async () => {
  const count = await rows().count();
  await page.getByTestId('kp-tpl-new').click();
  const editor = page.getByTestId('kp-tpl-editor');
  await editor.getByLabel('标题').fill('加微信');
  await editor.getByLabel('内容').fill('亲，加我微信 kefu888 发您优惠券');
  await page.getByTestId('kp-tpl-save').click();
  const block = page.getByTestId('kp-tpl-block');
  await expect(block).toContainText('站外联系方式');
  await expect(block.locator('mark')).toHaveText('加我微信 kefu888');
  await expect(block).toContainText('引导线下交易');
  // Not saved until the agent confirms.
  expect((await stored())!.templates.some((x) => x.title === '加微信')).toBe(false);
  await page.getByTestId('kp-tpl-save-anyway').click();
  await expect(editor).toHaveCount(0);
  await expect(row('加微信')).toHaveCount(1);

  await page.getByTestId('kp-tpl-new').click();
  await editor.getByLabel('标题').fill('最低价');
  await editor.getByLabel('内容').fill('这款是全网最低价，放心买');
  await page.getByTestId('kp-tpl-save').click();
  await expect(editor).toHaveCount(0);
  await expect(page.getByTestId('kp-tpl-notice')).toContainText('极限用语');
  await expect(page.getByTestId('kp-tpl-notice').locator('mark')).toHaveText('全网最低价');
  await expect(rows()).toHaveCount(count + 2);

  for (const title of ['加微信', '最低价']) {
    await row(title).getByTestId('kp-tpl-delete').click();
    await row(title).getByTestId('kp-tpl-delete-confirm').click();
  }
  await expect(rows()).toHaveCount(count);
});

test('groups: add, rename, delete moving the templates', async () => {
  await page.getByTestId('kp-tpl-new-group').fill('临时分组');
  await page.getByRole('button', { name: '添加分组' }).click();
  const temp = page.getByTestId('kp-tpl-group').last();
  await expect(temp.locator('h3')).toContainText('临时分组');
  await temp.getByTestId('kp-tpl-group-rename').click();
  await temp.getByTestId('kp-tpl-group-rename-input').fill('活动分组');
  await temp.getByTestId('kp-tpl-group-rename-input').press('Enter');
  await expect(temp.locator('h3')).toContainText('活动分组');

  // Delete 交接班, moving its templates into 活动分组.
  const handover = page.getByTestId('kp-tpl-group').filter({ has: page.locator('h3', { hasText: '交接班' }) });
  const n = await handover.getByTestId('kp-tpl-row').count();
  expect(n).toBeGreaterThan(0);
  await handover.getByTestId('kp-tpl-group-delete').click();
  await handover.getByTestId('kp-tpl-group-move-to').selectOption({ label: '活动分组' });
  await handover.getByTestId('kp-tpl-group-delete-confirm').click();
  await expect(page.locator('[data-testid="kp-tpl-group"] h3', { hasText: '交接班' })).toHaveCount(0);
  const moved = page.getByTestId('kp-tpl-group').filter({ has: page.locator('h3', { hasText: '活动分组' }) });
  await expect(moved.getByTestId('kp-tpl-row')).toHaveCount(n);
  await expect(rows()).toHaveCount(STARTER_TEMPLATES.length);
});

test('import a good CSV with a duplicate: preview marks it, apply adds the rest', async () => {
  const before = (await stored())!.templates.length;
  const csv = [
    '分组,快捷短语编码,标题,内容',
    '大促,dacu,大促说明,"亲，大促期间下单{填写:天数}天内发货，请放心购买～"',
    '售后,tuihuo,退货(旧),"亲，退货请在订单页面申请售后，我们收到货后尽快处理。"',
    '大促,,,"亲，活动价已自动计算，无需联系客服改价～"',
  ].join('\r\n');
  await importFile('phrases.csv', `\uFEFF${csv}\r\n`);
  const preview = page.getByTestId('kp-tpl-import-preview');
  await expect(preview).toBeVisible();
  await expect(page.getByTestId('kp-tpl-import-counts')).toContainText('共 3 条，其中 1 条与现有模板重复');
  await expect(page.getByTestId('kp-tpl-import-counts')).toContainText('新分组：大促');
  const dup = preview.locator('tbody tr[data-duplicate="shortcut"]');
  await expect(dup).toHaveCount(1);
  await expect(dup).toContainText('退货-首选方案');
  // Nothing is stored before the agent confirms.
  expect((await stored())!.templates.length).toBe(before);

  await page.getByTestId('kp-tpl-import-policy').getByLabel('跳过（保留现有）').check();
  await page.getByTestId('kp-tpl-import-apply').click();
  await expect(page.getByTestId('kp-tpl-import-summary')).toHaveText('导入完成：新增 2 条，更新 0 条，跳过 1 条');
  await expect(rows()).toHaveCount(before + 2);
  expect((await stored())!.templates.length).toBe(before + 2);
  await expect(page.locator('[data-testid="kp-tpl-group"] h3', { hasText: '大促' })).toHaveCount(1);
  // The existing return template kept its text.
  expect((await stored())!.templates.find((x) => x.shortcut === 'tuihuo')!.title).toBe('退货-首选方案');
});

test('a broken file is refused whole, naming the line; nothing changes', async () => {
  const before = JSON.stringify(await stored());
  const count = await rows().count();
  const csv = ['分组,快捷短语编码,标题,内容', '大促,ok1,好的一行,"内容没问题"', '大促,bad code,坏的一行,"快捷编码有空格"', '大促,ok2,又一行,"内容"'].join('\n');
  await importFile('broken.csv', csv);
  const errors = page.getByTestId('kp-tpl-import-errors');
  await expect(errors).toBeVisible();
  await expect(errors).toContainText('第 3 行');
  await expect(page.getByTestId('kp-tpl-import-apply')).toHaveCount(0);
  await expect(rows()).toHaveCount(count);
  expect(JSON.stringify(await stored())).toBe(before);

  // A JSON file with a syntax error names its line too.
  await importFile(
    'broken.json',
    [
      '{',
      '  "version": 2,',
      '  "groups": [{ "id": "g1", "name": "问候", "order": 0 }],',
      '  "templates": [',
      '    { "id": "t1", "title": "欢迎语", "body": "您好", "group": "g1", "createdAt": 0, "updatedAt": 0 }',
      '    { "id": "t2", "title": "再见", "body": "再见", "group": "g1", "createdAt": 0, "updatedAt": 0 }',
      '  ]',
      '}',
    ].join('\n'),
  );
  await expect(errors).toContainText('第 6 行');
  // And a document that parses but breaks the schema names the line of the bad value.
  await importFile(
    'bad-title.json',
    [
      '{',
      '  "version": 2,',
      '  "groups": [{ "id": "g1", "name": "问候", "order": 0 }],',
      '  "templates": [',
      '    { "id": "t1", "title": "欢迎语", "body": "您好", "group": "g1", "createdAt": 0, "updatedAt": 0 },',
      '    { "id": "t2", "title": "", "body": "再见", "group": "g1", "createdAt": 0, "updatedAt": 0 }',
      '  ]',
      '}',
    ].join('\n'),
  );
  await expect(errors).toContainText('第 6 行');
  await expect(errors).toContainText('bad-title.json');
  expect(JSON.stringify(await stored())).toBe(before);
  await errors.getByRole('button', { name: '关闭' }).click();
  await expect(errors).toHaveCount(0);
});

test('export JSON downloads the whole document, which imports back as the same templates', async () => {
  const doc = (await stored())!;
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('kp-tpl-export-json').click()]);
  expect(download.suggestedFilename()).toMatch(/^kefu-pilot-templates-\d{4}-\d{2}-\d{2}\.json$/);
  const path = await download.path();
  const text = readFileSync(path, 'utf8');
  const exported = JSON.parse(text) as Stored & { format: string };
  expect(exported.format).toBe('kefu-pilot-templates');
  expect(exported.version).toBe(doc.version);
  expect(exported.groups).toEqual(doc.groups);
  expect(exported.templates).toEqual(doc.templates);

  // Importing the file back: every template is recognised as the same one (by id), nothing new.
  await importFile('backup.json', text);
  await expect(page.getByTestId('kp-tpl-import-counts')).toContainText(`共 ${doc.templates.length} 条，其中 ${doc.templates.length} 条与现有模板重复`);
  await expect(page.getByTestId('kp-tpl-import-preview').locator('tbody tr[data-duplicate="id"]')).toHaveCount(Math.min(200, doc.templates.length));
  await page.getByTestId('kp-tpl-import-apply').click();
  await expect(page.getByTestId('kp-tpl-import-summary')).toHaveText(`导入完成：新增 0 条，更新 0 条，跳过 ${doc.templates.length} 条`);
  expect((await stored())!.templates).toEqual(doc.templates);

  // CSV for Excel: UTF-8 with a BOM, the Chinese headers.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('kp-tpl-export-csv').click()]);
  expect(csv.suggestedFilename()).toMatch(/^kefu-pilot-templates-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync(await csv.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes.toString('utf8')).toContain('分组,快捷短语编码,标题,内容');
});

test('unreadable storage is shown and nothing is overwritten', async () => {
  const bad = { version: 99, templates: 'not a list' };
  await page.evaluate(
    (v) => (globalThis as unknown as { chrome: { storage: { local: { set(o: object): Promise<void> } } } }).chrome.storage.local.set({ templates: v }),
    bad,
  );
  const error = page.getByTestId('kp-tpl-storage-error');
  await expect(error).toContainText('unsupported version 99');
  await expect(page.getByTestId('kp-tpl-starter')).toHaveCount(0);
  await expect(page.getByTestId('kp-tpl-new')).toBeDisabled();
  await expect(page.getByTestId('kp-tpl-import-file')).toBeDisabled();
  await page.reload();
  await expect(error).toBeVisible();
  expect(await stored()).toEqual(bad);
});
