import { defineConfig } from '@playwright/test';

/**
 * Two projects:
 * - e2e: the real renderer in Debian's Chromium, through the harness (`bitagent-cw serve`).
 * - electron: the packaged-app smoke tests through Playwright's _electron; they need the Electron runtime and
 *   skip, saying so, where it is absent (test/electron/electron-runtime.ts).
 */
export default defineConfig({
  testDir: 'test',
  outputDir: 'test-results/playwright',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'e2e', testMatch: 'e2e/**/*.spec.ts' },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' },
  ],
});
