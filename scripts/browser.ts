// Launches Debian's Chromium with the built extension and serves the workbench simulators at the
// real workbench URLs, so the manifest's real match patterns are what tests and the demo exercise.
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, extname, normalize } from 'node:path';
// @ts-expect-error plain ESM helper shared with the npm scripts
import { ensureChromium } from './chromium.mjs';

export const ROOT = resolve(import.meta.dirname, '..');
export const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3');
export const SIMULATOR_DIR = join(ROOT, 'tests/simulator');
export const PDD_URL = 'https://mms.pinduoduo.com/chat-merchant/index.html#/';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface Launched {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  close(): Promise<void>;
}

export async function launchWithExtension(opts: { headless?: boolean; lang?: string } = {}): Promise<Launched> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension at ${EXTENSION_DIR}: run \`npm run build\` first.`);
  }
  const executablePath: string = ensureChromium({ quiet: true });
  const userDataDir = mkdtempSync(join(tmpdir(), 'kefu-pilot-'));
  const lang = opts.lang ?? 'zh-CN';
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: opts.headless ?? true,
    locale: lang,
    viewport: { width: 1280, height: 800 },
    // On Linux Chromium takes its UI language, and so the extension's i18n locale, from the environment.
    env: { ...process.env, LANGUAGE: lang.replace('-', '_'), LANG: `${lang.replace('-', '_')}.UTF-8` },
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      `--lang=${lang}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  await routeSimulators(context);
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Serve tests/simulator/<platform>/ at each workbench's real URL; nothing else leaves the browser. */
export async function routeSimulators(context: BrowserContext): Promise<void> {
  const sites: [string, string, string][] = [['https://mms.pinduoduo.com/**', '/chat-merchant/', 'pdd']];
  for (const [pattern, prefix, folder] of sites) {
    await context.route(pattern, async (route) => {
      const url = new URL(route.request().url());
      if (!url.pathname.startsWith(prefix)) return route.fulfill({ status: 404, body: 'not simulated' });
      const rel = normalize(url.pathname.slice(prefix.length) || 'index.html');
      const file = join(SIMULATOR_DIR, folder, rel);
      if (rel.startsWith('..') || !existsSync(file)) return route.fulfill({ status: 404, body: 'not simulated' });
      return route.fulfill({ status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
    });
  }
}

/** Open the PDD simulator at the real workbench URL and wait until it has rendered. */
export async function openPdd(context: BrowserContext, scenario = 'default'): Promise<Page> {
  const page = await context.newPage();
  const url = scenario === 'default' ? PDD_URL : PDD_URL.replace('index.html', `index.html?scenario=${scenario}`);
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { simReady?: boolean }).simReady === true);
  return page;
}

/** The popup page of the extension, opened as a tab. */
export async function openPopup(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  return page;
}
