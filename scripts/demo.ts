// `npm run demo [-- --platform pdd|douyin]`: opens a workbench simulator at the real URL in Chromium
// with the built extension and plays a scripted shift, then opens a second workbench of another
// platform so the popup lists the buyers of both. With a display it is a window to watch and use;
// with `--headless --out DIR` (automatic when there is no display) it writes a PNG per scene and
// summary.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { launchWithExtension, openPopup } from './browser';
import { chinaDate } from '../lib/time/china';
import { PLATFORM_METAS, platformMeta } from '../lib/adapters/registry';
import { DEFAULT_PROFILES, isProfileName } from '../lib/timing/profiles';
import { DRIVERS, type Driver } from '../tests/e2e/kit/drivers';

interface Scene {
  name: string;
  title: string;
  screenshot: string | null;
  saw: Record<string, unknown>;
}

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
if (flag('--help')) {
  console.log(`usage: npm run demo [-- --platform ${PLATFORM_METAS.map((m) => m.id).join('|')}] [--headless] [--out DIR] [--lang zh-CN|en]`);
  process.exit(0);
}
const platform = value('--platform') ?? 'pdd';
if (!Object.hasOwn(DRIVERS, platform)) {
  console.error(`demo: unknown platform "${platform}" (known: ${Object.keys(DRIVERS).join(', ')})`);
  process.exit(2);
}
const driver: Driver = DRIVERS[platform as Driver['platform']];
const meta = platformMeta(platform);
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const headless = flag('--headless') || noDisplay;
const outDir = resolve(value('--out') ?? 'demo-output');
const lang = value('--lang') ?? 'zh-CN';
if (noDisplay && !flag('--headless')) console.log('demo: no display found, running headless');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Pauses are for a person watching; headless runs only wait for what the page needs. */
const pace = (ms: number) => sleep(headless ? Math.min(ms, 400) : ms);

async function main() {
  mkdirSync(outDir, { recursive: true });
  const app = await launchWithExtension({ headless, lang });
  const scenes: Scene[] = [];
  const page = await driver.open(app.context);
  const sim = <T>(fn: string, ...a: unknown[]) =>
    page.evaluate(([f, a2]) => (window as any).sim[f as string](...(a2 as unknown[])), [fn, a] as const) as Promise<T>;
  const overlay = page.locator('[data-testid="kp-overlay"]');

  async function scene(name: string, title: string, saw: () => Promise<Record<string, unknown>>, shotOf: Page = page) {
    const file = `${String(scenes.length + 1).padStart(2, '0')}-${name}.png`;
    await shotOf.screenshot({ path: join(outDir, file) });
    scenes.push({ name, title, screenshot: file, saw: await saw() });
    console.log(`demo: scene ${scenes.length} · ${title}`);
  }
  const overlayState = async () => ({
    healthy: await overlay.getAttribute('data-healthy'),
    waiting: await overlay.locator('[data-testid="kp-waiting"] li').evaluateAll((lis) =>
      lis.map((li) => ({ buyer: li.getAttribute('data-buyer'), level: li.getAttribute('data-level'), shown: li.querySelector('.kp-open')?.textContent })),
    ),
    // The countdown chips on the page's own conversation rows (one per row; a buyer may have two).
    chips: await page.evaluate(() =>
      [...document.querySelectorAll('[data-kefu-pilot-chip]')].map((h) => ({
        buyer: h.getAttribute('data-kefu-pilot-chip'),
        text: h.shadowRoot?.querySelector('[part="label"]')?.textContent ?? '',
      })),
    ),
  });

  await overlay.waitFor();
  await page.waitForSelector('[data-testid="kp-overlay"][data-healthy="true"]');
  await pace(1500);
  // A page that shows no shop name (Feige): the overlay asks once; the agent types it.
  await page.waitForTimeout(300);
  if (await page.locator('[data-testid="kp-shop-form"]').count()) {
    await scene('shop', `${meta.name}页面不显示店铺名：领航面板请客服填写一次 / ${meta.nameEn} shows no shop name: the overlay asks for it once`, async () => ({
      asked: await overlay.locator('[data-testid="kp-shop-form"] .kp-hint').textContent(),
    }));
    await nameShop(page, driver);
  }
  await scene('start', '上班打开工作台：已在等待的买家从页面显示的时间开始计时，最急的排最前 / Buyers already waiting are timed from what the page shows, most urgent first', overlayState);

  // A burst: three buyers write at once, the robot answers them a moment later.
  const robotDelayMs = 1200;
  await sim('setAutoReply', { enabled: true, delayMs: robotDelayMs, text: '亲，您好，客服马上为您服务~' });
  const state = await sim<{ buyers: { uid: string; nickname: string }[]; openUid: string | null }>('state');
  const others = state.buyers.filter((b) => b.uid !== state.openUid).slice(0, 3);
  const lines = ['这件毛衣还有M码吗？', '我的快递三天没动了', '能便宜点吗'];
  for (const [i, b] of others.entries()) {
    await sim('buyerSays', b.uid, lines[i % lines.length]);
    await pace(600);
  }
  if (state.openUid) await sim('buyerSays', state.openUid, '在吗？什么时候发货呀');
  await sleep(robotDelayMs + 800); // the robot must have answered before the picture, headless or not
  await pace(1500);
  await scene('burst', '买家集中进线，机器人自动回复后倒计时继续（机器人不算人工回复）/ A burst of buyers; the robot replies and the countdowns go on', overlayState);

  // The agent answers the open conversation by hand.
  const composer = driver.composer(page);
  await composer.click();
  await composer.pressSequentially('亲，今天下午五点前发出哦', { delay: headless ? 0 : 60 });
  await pace(800);
  await composer.press('Enter');
  await pace(1200);
  await scene('reply', '客服人工回复当前买家，该买家的倒计时消失 / A human reply clears that buyer\'s countdown', overlayState);

  // The agent picks the longest-waiting buyer from the overlay.
  const first = overlay.locator('[data-testid="kp-waiting"] li button.kp-open').first();
  if (await first.count()) {
    await first.click();
    await pace(1500);
    await composer.click();
    await composer.pressSequentially('亲，让您久等了，马上帮您查询', { delay: headless ? 0 : 60 });
    await composer.press('Enter');
    await pace(1500);
  }
  await scene('urgent', '从领航面板打开等待最久的买家并回复 / Opening the longest-waiting buyer from the overlay', overlayState);

  // A compliance hit: a disguised WeChat id is stopped before it leaves; the agent edits and sends.
  await composer.click();
  await composer.pressSequentially('亲，加我薇信 abc_12345 发你优惠券', { delay: headless ? 0 : 60 });
  await pace(600);
  await composer.press('Enter');
  const guard = page.locator('[data-testid="kp-guard"]');
  await guard.waitFor();
  await pace(1500);
  await scene('compliance', '发送前检查：变体微信号被拦下，标出原因和修改建议 / A disguised WeChat id is stopped before it is sent, with the reason and a fix', async () => ({
    composer: await driver.value(page),
    findings: await guard.locator('li').evaluateAll((lis) => lis.map((li) => ({ category: li.getAttribute('data-category'), text: li.textContent }))),
    sentSoFar: await page.evaluate(() => (window as any).sim.sent.length),
  }));
  await guard.locator('button[data-action="edit"]').click();
  await composer.fill('');
  await composer.pressSequentially('亲，优惠券在店铺首页就能领取哦', { delay: headless ? 0 : 60 });
  await composer.press('Enter');
  await pace(1000);

  // A template: /tuihuo, Enter, the buyer's nickname filled in; the agent sends it themselves.
  await composer.click();
  await composer.pressSequentially('/tuihuo', { delay: headless ? 0 : 120 });
  const pickerBox = page.locator('[data-testid="kp-picker"]');
  await pickerBox.waitFor();
  await pace(1200);
  await scene('template-picker', '输入 /tuihuo 打开快捷回复，拼音即可搜索 / Typing /tuihuo opens the quick replies, found by pinyin', async () => ({
    hits: await pickerBox.locator('li .kp-title').allTextContents(),
  }));
  await composer.press('Enter');
  await pace(1200);
  await scene('template-inserted', '模板已插入输入框，买家昵称已填好，不会自动发送 / The template is in the composer with the nickname filled in; nothing is sent by itself', async () => ({
    composer: await driver.value(page),
    sentSoFar: await page.evaluate(() => (window as any).sim.sent.length),
  }));
  await composer.press('Enter');
  await pace(800);

  // Let the background store the last events, then show the popup.
  await pace(1000);
  const popup = await openPopup(app.context, app.extensionId);
  await popup.setViewportSize({ width: 440, height: 660 });
  await popup.waitForSelector('[data-testid="kp-today"]');
  const events = await popup.evaluate(
    (day) => (globalThis as any).chrome.runtime.sendMessage({ type: 'events/list', day }),
    chinaDate(Date.now()),
  );
  const counts = await popup.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'stats/day-counts' }));
  const today = await popup.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'stats/today' }));
  const waitingAll = await popup.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'waiting/all' }));
  await scene('popup', '弹窗：所有工作台正在等待的买家，以及按平台口径计算的今日数据 / The popup: waiting buyers of every tab and today\'s figures', async () => ({ counts, today: today.days, waiting: waitingAll.waiting.map((w: any) => ({ buyer: w.buyer, shop: w.shop, level: w.level })) }), popup);

  // The history and the export the agent takes home.
  await popup.locator('button[data-tab="history"]').click();
  await popup.locator('[data-testid="kp-chart-avg"]').waitFor();
  await pace(800);
  await scene('history', '弹窗：近7天平均响应、3分钟回复率和回合数 / The popup: 7 days of average response, 3-minute rate and rounds', async () => ({
    total: await popup.locator('[data-testid="kp-history-total"]').textContent(),
  }), popup);
  await popup.locator('button[data-tab="data"]').click();
  const exports: { file: string; rows: number; head: string[] }[] = [];
  for (const kind of ['daily-csv', 'rounds-csv', 'events-jsonl']) {
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.locator(`button[data-export="${kind}"]`).click()]);
    const file = join(outDir, download.suggestedFilename());
    await download.saveAs(file);
    const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean);
    exports.push({ file: download.suggestedFilename(), rows: lines.length, head: lines.slice(0, 2) });
  }
  await scene('export', '导出：每日统计、回合明细（Excel 可直接打开）和原始事件 / Exports: daily stats, rounds (opens in Excel) and raw events', async () => ({ exports }), popup);

  // The rest of an agent's day: a second workbench of another platform in another tab; the popup
  // lists the waiting buyers of both, most urgent first.
  const otherDriver = Object.values(DRIVERS).find((d) => d.platform !== driver.platform);
  if (otherDriver) {
    const other = await otherDriver.open(app.context);
    await other.waitForSelector('[data-testid="kp-overlay"][data-healthy="true"]');
    await nameShop(other, otherDriver);
    await pace(1500);
    await popup.reload();
    await popup.locator('[data-testid="kp-popup-waiting"] li').first().waitFor();
    await pace(800);
    await scene('two-workbenches', `两个平台的工作台同时打开：弹窗按紧急程度列出${meta.name}和${platformMeta(otherDriver.platform).name}的等待买家 / Two workbenches open: the popup lists the waiting buyers of both`, async () => ({
      waiting: (await popup.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'waiting/all' }))).waiting.map((w: any) => ({
        platform: w.platform,
        shop: w.shop,
        nickname: w.nickname,
        level: w.level,
      })),
    }), popup);

    // The desk: the side panel shows both tabs' queue; the next-buyer key (its 下一位 button runs the
    // command's code) brings the most urgent buyer's tab forward with the caret in the composer.
    const desk = await app.context.newPage();
    await desk.setViewportSize({ width: 380, height: 900 });
    await desk.goto(`chrome-extension://${app.extensionId}/sidepanel.html`);
    await desk.locator('[data-testid="kp-desk-queue"] li').first().waitFor();
    await pace(1200);
    await scene('side-panel', `侧边栏：${meta.name}和${platformMeta(otherDriver.platform).name}的等待队列、监控中的工作台与今日数据 / The side panel: both workbenches' queue, the watched tabs and today's figures`, async () => ({
      queue: await desk.locator('[data-testid="kp-desk-queue"] li').evaluateAll((els) => els.map((e) => e.textContent)),
      watched: await desk.locator('[data-testid="kp-watched"] li').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-platform')}: ${e.getAttribute('data-condition')}`)),
      shortcut: await desk.getByTestId('kp-shortcut').textContent(),
    }), desk);
    const first = (await popup.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'waiting/all' }))).waiting[0];
    const from = first && first.platform === driver.platform ? other : page;
    await from.bringToFront();
    await from.locator('[data-testid="kp-overlay-next"] button').click();
    const target = first && first.platform === driver.platform ? page : other;
    await pace(1500);
    await scene('next-buyer', `按 Alt+Shift+J（下一位）：跳到另一个标签页里最急的买家，光标已在输入框 / The next-buyer key jumps to the most urgent buyer in the other tab, caret in the composer`, async () => ({
      target: first ? { platform: first.platform, shop: first.shop, nickname: first.nickname, level: first.level } : null,
      composerFocused: await target.evaluate(() => {
        const a = document.activeElement;
        return !!a && (a.tagName === 'TEXTAREA' || (a as HTMLElement).isContentEditable);
      }),
    }), target);
  }

  const summary = {
    generatedAt: new Date().toISOString(),
    platform,
    extensionId: app.extensionId,
    headless,
    scenes,
    counts,
    events: events.events,
    sent: await page.evaluate(() => (window as any).sim.sent),
  };
  // Platforms count buyers in their own hours of China time: a demo run at night shows empty figures, rightly.
  const chinaHour = new Date(Date.now() + 8 * 3600_000).getUTCHours();
  const window = isProfileName(meta.ruleProfile) ? DEFAULT_PROFILES[meta.ruleProfile].window : { from: '00:00', to: '24:00' };
  const hour = (hhmm: string) => Number(hhmm.slice(0, 2));
  const note =
    chinaHour < hour(window.from) || chinaHour >= hour(window.to)
      ? `China time is ${String(chinaHour).padStart(2, '0')}:xx, outside ${meta.nameEn}'s counted hours (${window.from}–${window.to}): today's figures in the popup stay empty by the platform's own rule; the countdowns, counts and exports still show the shift.`
      : null;
  if (note) console.log(`demo: ${note}`);
  writeFileSync(join(outDir, 'summary.json'), JSON.stringify({ ...summary, note }, null, 2));
  console.log(`demo: ${scenes.length} scenes, ${events.events.length} events stored; screenshots and summary.json in ${outDir}`);

  if (headless) {
    await app.close();
    return;
  }
  await popup.close();
  await page.bringToFront();
  console.log('demo: the window stays open for you to use the simulator; close it to finish.');
  await new Promise<void>((r) => app.context.on('close', () => r()));
}

/** If the overlay asks for the shop (the page shows none), give it the driver's name; true when it asked. */
async function nameShop(page: Page, d: Driver): Promise<boolean> {
  const form = page.locator('[data-testid="kp-shop-form"]');
  await page.waitForTimeout(300);
  if (!(await form.count())) return false;
  await form.locator('input').fill(d.shop);
  await form.locator('button[type="submit"]').click();
  await page.locator('[data-testid="kp-shop"]').waitFor();
  return true;
}

main().catch((e) => {
  console.error(`demo failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  process.exit(1);
});
