/**
 * Accessibility and looks: axe on every step (and on the error states), in the light and the dark theme, with a
 * full-page screenshot of each saved to test-results/screenshots/<theme>/<nn-step>.png.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/e2e-fixtures.js';
import { ROOT } from '../support/e2e-harness.js';
import {
  ensurePassphrase,
  goToStep,
  openWizard,
  STEP_IDS,
  type StepId,
  waitForSaved,
} from '../support/e2e-wizard.js';

const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
const THEMES = ['light', 'dark'] as const;

interface AxeSummary {
  theme: string;
  state: string;
  violations: { id: string; impact: string | null | undefined; nodes: number }[];
}
const summaries: AxeSummary[] = [];

async function axe(page: Page, theme: string, state: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const violations = result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  summaries.push({ theme, state, violations });
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(serious, `${theme} / ${state}`).toEqual([]);
}

async function fillTheBasics(page: Page): Promise<void> {
  await goToStep(page, 'site');
  await page.getByLabel('Company ID').fill('mymsp');
  await goToStep(page, 'client-id');
  await page.getByLabel('Technical Contact Email').fill('admin@mymsp.example');
  await page.getByLabel('Your name').fill('Alex Admin');
  await ensurePassphrase(page);
  await page.getByLabel('Client ID', { exact: true }).fill('3f2c9a10-5b7d-4e21-9c3a-1d2e3f4a5b6c');
  await goToStep(page, 'member');
  await page.getByLabel('Public key', { exact: true }).fill('Pub1icKeyTest001');
  await page.getByLabel('Private key', { exact: true }).fill('Priv4teKeyTest02');
  await goToStep(page, 'welcome');
  await waitForSaved(page);
}

for (const theme of THEMES) {
  test(`every step passes axe with no serious or critical violation, ${theme} theme (screenshots saved)`, async ({
    page,
    served,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    await openWizard(page, served);
    const dir = path.join(SHOTS, theme);
    mkdirSync(dir, { recursive: true });

    // The first visit: the passphrase panel and empty fields.
    await goToStep(page, 'client-id');
    await axe(page, theme, 'client-id, choose a passphrase');

    // Error states are part of the page too.
    await goToStep(page, 'site');
    await page.getByLabel('Company ID').fill('has spaces in it');
    await page.getByLabel('Company ID').blur();
    await page.getByLabel('Site address').fill('http://psa.example.com');
    await page.getByLabel('Site address').blur();
    await expect(page.getByLabel('Site address')).toHaveAttribute('aria-invalid', 'true');
    await axe(page, theme, 'site, with errors');
    await page.screenshot({ path: path.join(dir, '02b-site-errors.png'), fullPage: true });
    await page.getByRole('radio', { name: /Europe/ }).check();
    await page.getByRole('radio', { name: /North America/ }).check();

    await fillTheBasics(page);
    for (const [i, step] of STEP_IDS.entries()) {
      await goToStep(page, step as StepId);
      await page.waitForTimeout(300); // let a step's first call (preview, boards) settle
      await axe(page, theme, step);
      await page.screenshot({
        path: path.join(dir, `${String(i + 1).padStart(2, '0')}-${step}.png`),
        fullPage: true,
      });
    }
  });
}

test.afterAll(() => {
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(path.join(SHOTS, 'axe-summary.json'), `${JSON.stringify(summaries, null, 2)}\n`);
});
