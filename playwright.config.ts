import { defineConfig } from '@playwright/test';
import { PLATFORM_METAS } from './lib/adapters/registry';
import type { KitOptions } from './tests/e2e/kit/fixture';

/**
 * Specs that drive a workbench page through the adapter run on every registered platform (one
 * project each, with that platform's driver); the background-only specs (delivery, alerts, popup,
 * options, exports) run once.
 */
const ADAPTER_SPECS = /[\\/](workbench|countdown|guard|templates)\.spec\.ts$/;

export default defineConfig<KitOptions>({
  testDir: 'tests/e2e',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  // One persistent Chromium with the extension per worker; workers in parallel would compete for
  // two cores and make waits flaky.
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  projects: [
    ...PLATFORM_METAS.map((meta) => ({ name: meta.id, testMatch: ADAPTER_SPECS, use: { platform: meta.id as KitOptions['platform'] } })),
    { name: 'extension', testIgnore: ADAPTER_SPECS },
  ],
});
