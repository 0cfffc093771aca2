// Launches Debian's Chromium with the built extension and serves the workbench simulators at the
// real workbench URLs, so the manifest's real match patterns are what tests and the demo exercise.
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, extname, normalize } from 'node:path';
// @ts-expect-error plain ESM helper shared with the npm scripts
import { ensureChromium } from './chromium.mjs';
import { PLATFORM_METAS, platformMeta } from '../lib/adapters/registry';
import type { PlatformMeta } from '../lib/adapters/types';

export const ROOT = resolve(import.meta.dirname, '..');
export const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3');
export const SIMULATOR_DIR = join(ROOT, 'tests/simulator');
export const PDD_URL = platformMeta('pdd').workbenchUrl;

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

/** Third-party page code a simulator loads as the real page does (Kuaishou's Quill editor), under `<base>_vendor/`. */
const VENDOR: Record<string, string> = {
  'quill.js': 'node_modules/quill/dist/quill.js',
  'quill.core.css': 'node_modules/quill/dist/quill.core.css',
};

/**
 * The file of a simulator that a workbench URL names, or null (then 404). Under the platform's
 * `simulator.base`: `_kit/…` is the shared engine (tests/simulator/kit/), `_vendor/…` a library from VENDOR, a path with a file extension
 * is a file of the platform's folder, and any other path is the single-page app's index.html (Feige's
 * `/pc_seller_v2/main/workspace` has no extension).
 */
export function simulatorFile(meta: PlatformMeta, url: URL): string | null {
  const { folder, base } = meta.simulator;
  if (!url.pathname.startsWith(base)) return null;
  const rel = normalize(url.pathname.slice(base.length) || 'index.html');
  if (rel.startsWith('..') || rel.startsWith('/')) return null;
  const vendor = rel.startsWith('_vendor/') ? VENDOR[rel.slice('_vendor/'.length)] : undefined;
  const file = vendor
    ? join(ROOT, vendor)
    : rel.startsWith('_kit/')
    ? join(SIMULATOR_DIR, 'kit', rel.slice('_kit/'.length))
    : extname(rel)
      ? join(SIMULATOR_DIR, folder, rel)
      : join(SIMULATOR_DIR, folder, 'index.html');
  return existsSync(file) ? file : null;
}

/** Serve every registered platform's simulator at its workbench's real URL; nothing else leaves the browser. */
export async function routeSimulators(context: BrowserContext): Promise<void> {
  for (const meta of PLATFORM_METAS) {
    await context.route(`${new URL(meta.workbenchUrl).origin}/**`, async (route) => {
      const file = simulatorFile(meta, new URL(route.request().url()));
      if (!file) return route.fulfill({ status: 404, body: 'not simulated' });
      return route.fulfill({ status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
    });
  }
}

/** Open a platform's simulator at its real workbench URL with query options, and wait until it has rendered. */
export async function openSimulator(context: BrowserContext, platform: string, query: Record<string, string> = {}): Promise<Page> {
  const page = await context.newPage();
  await page.goto(simulatorUrl(platform, query));
  await page.waitForFunction(() => (window as unknown as { simReady?: boolean }).simReady === true);
  return page;
}

/** The workbench URL with simulator options in its query (before the hash, which PDD's router owns). */
export function simulatorUrl(platform: string, query: Record<string, string> = {}): string {
  const url = new URL(platformMeta(platform).workbenchUrl);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return url.href;
}

/** Open the PDD simulator at the real workbench URL and wait until it has rendered. */
export async function openPdd(context: BrowserContext, scenario = 'default'): Promise<Page> {
  return openSimulator(context, 'pdd', scenario === 'default' ? {} : { scenario });
}

/** The popup page of the extension, opened as a tab. */
export async function openPopup(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  return page;
}
