/** The foundation end to end: the built renderer in Chromium, through the harness, talking to main/ services. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ROOT, type ServedHarness, serveHarness } from '../support/e2e-harness.js';

const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

let served: ServedHarness;
test.beforeAll(async () => {
  served = await serveHarness();
});
test.afterAll(async () => {
  await served.stop();
});

test('the renderer loads through the harness and shows the version from app.info', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') violations.push(message.text());
  });
  await page.goto(served.url);
  await expect(page.getByTestId('app-version')).toContainText(`Version ${version}`);
  // The strict CSP holds with the shim in place: nothing was blocked, nothing failed.
  expect(violations).toEqual([]);
});

test('window.bitagent is exactly the contract, frozen, with result envelopes', async ({ page }) => {
  await page.goto(served.url);
  const shape = await page.evaluate(async () => {
    const api = window.bitagent as unknown as Record<string, unknown>;
    const namespaces = Object.keys(api).sort();
    const bad = await window.bitagent.shell.openExternal({ url: 'https://evil.example/' });
    const malformed = await (window.bitagent.app.info as (input: unknown) => Promise<unknown>)({ extra: 1 });
    return { namespaces, frozen: Object.isFrozen(api), bad, malformed };
  });
  expect(shape.namespaces).toEqual([
    'app',
    'connectwise',
    'draft',
    'on',
    'secrets',
    'shell',
    'submission',
    'validation',
    'vault',
  ]);
  expect(shape.frozen).toBe(true);
  expect(shape.bad).toMatchObject({ ok: false, error: { code: 'url-not-allowed' } });
  expect(shape.malformed).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'extra' } });
});

test('a page without the token cannot call the app', async ({ page }) => {
  await page.goto(served.origin);
  const result = await page.evaluate(() => window.bitagent.app.info({}));
  expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
});
