/**
 * `test` with a fresh harness (its own data folder) for every test, and the clipboard granted to its origin.
 */
import { test as base } from '@playwright/test';
import { type ServedHarness, serveHarness } from './e2e-harness.js';
import { grantClipboard } from './e2e-wizard.js';

export const test = base.extend<{ served: ServedHarness; consoleErrors: string[] }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies destructured.
  served: async ({}, use) => {
    const served = await serveHarness();
    try {
      await use(served);
    } finally {
      await served.stop();
    }
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    await use(errors);
  },
  context: async ({ context, served }, use) => {
    await grantClipboard(context, served);
    await use(context);
  },
});

export { expect } from '@playwright/test';
