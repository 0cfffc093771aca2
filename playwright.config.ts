import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  // One persistent Chromium with the extension per test file; files in parallel would compete for
  // two cores and make waits flaky.
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
});
