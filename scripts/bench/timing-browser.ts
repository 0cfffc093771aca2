// Browser half of `npm run bench:timing`: a burst of 500 buyer messages across 50 conversations on the
// PDD simulator, with the extension and without it (the peer, same run, same page), and the countdown
// tick with 200 waiting buyers. Reads the page's long tasks and the extension's own performance
// measures (`kefu-pilot:scan`, `kefu-pilot:tick`).
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { launchWithExtension, routeSimulators, simulatorUrl } from '../browser';
import { platformArg } from './platform-arg';
// @ts-expect-error plain ESM helper shared with the npm scripts
import { ensureChromium } from '../chromium.mjs';

const platform = platformArg();
const BUYERS = 50;
const MESSAGES = 500;

interface Run {
  longTasks: number[];
  scans: number[];
  ticks: number[];
}

async function burst(context: BrowserContext): Promise<Run> {
  const page: Page = await context.newPage();
  await page.goto(simulatorUrl(platform.id, { scenario: 'empty' }));
  await page.waitForFunction(() => (window as any).simReady === true);
  await page.evaluate((n) => {
    const sim = (window as any).sim;
    for (let i = 0; i < n; i++) sim.addBuyer({ uid: `77${String(i).padStart(5, '0')}`, nickname: `测试买家${i}` });
    (window as any).__long = [];
    new PerformanceObserver((l) => (window as any).__long.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: false });
  }, BUYERS);
  await page.evaluate(() => (window as any).sim.open('7700000'));
  // A page that shows no shop name asks for it in the overlay; the burst does not wait for an answer.
  await page.waitForTimeout(2500);
  performanceClear(page);
  // 500 messages in 20 waves of 25, 50 ms apart: a busy minute squeezed into one second.
  await page.evaluate(
    async ([n, buyers]) => {
      const sim = (window as any).sim;
      for (let w = 0; w < n / 25; w++) {
        for (let i = 0; i < 25; i++) {
          const k = w * 25 + i;
          sim.buyerSays(`77${String(k % buyers).padStart(5, '0')}`, `第${k}条：请问什么时候发货`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    [MESSAGES, BUYERS] as const,
  );
  await page.waitForTimeout(3000); // every buyer now waits; let the countdown tick a few times
  const out = await page.evaluate(() => ({
    longTasks: (window as any).__long as number[],
    scans: performance.getEntriesByName('kefu-pilot:scan').map((e) => e.duration),
    ticks: performance.getEntriesByName('kefu-pilot:tick').map((e) => e.duration),
  }));
  await page.close();
  return out;
}

function performanceClear(page: Page) {
  return page.evaluate(() => performance.clearMeasures());
}

const q = (xs: number[], p: number) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const f = (n: number) => n.toFixed(2);

async function main() {
  const ext = await launchWithExtension();
  const withExt = await burst(ext.context);
  await ext.close();

  const plain = await chromium.launchPersistentContext('', {
    executablePath: ensureChromium({ quiet: true }),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await routeSimulators(plain);
  const without = await burst(plain);
  await plain.close();

  const maxLong = (r: Run) => (r.longTasks.length ? Math.max(...r.longTasks) : 0);
  console.log(`burst: ${MESSAGES} buyer messages across ${BUYERS} conversations on the ${platform.meta.nameEn} simulator`);
  console.log(`  page alone (peer):   long tasks ${without.longTasks.length}, longest ${f(maxLong(without))} ms`);
  console.log(`  with Kefu Pilot:     long tasks ${withExt.longTasks.length}, longest ${f(maxLong(withExt))} ms (target: none of ours > 50 ms)`);
  console.log(`  our scans:           ${withExt.scans.length}, p50 ${f(q(withExt.scans, 50))} ms, p99 ${f(q(withExt.scans, 99))} ms, max ${f(Math.max(0, ...withExt.scans))} ms`);
  console.log(`  our countdown ticks (${BUYERS} waiting, chips on ${platform.driver.rowsPerWaitingBuyer} row(s) each): p50 ${f(q(withExt.ticks, 50))} ms, max ${f(Math.max(0, ...withExt.ticks))} ms`);
  console.log(
    JSON.stringify({
      burst_messages: MESSAGES,
      scan_max_ms: +f(Math.max(0, ...withExt.scans)),
      scan_p50_ms: +f(q(withExt.scans, 50)),
      tick_browser_p50_ms: +f(q(withExt.ticks, 50)),
      long_tasks_with: withExt.longTasks.length,
      long_tasks_without: without.longTasks.length,
      longest_task_with_ms: +f(maxLong(withExt)),
      longest_task_without_ms: +f(maxLong(without)),
    }),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
