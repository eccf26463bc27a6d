/**
 * Helpers for driving the wizard in the end-to-end tests: open it through the harness, move between steps the
 * way a user does, set the passphrase the harness asks for, read the clipboard.
 */
import { type BrowserContext, expect, type Locator, type Page } from '@playwright/test';
import type { BitAgentApi } from '../../common/bridge.js';
import type { ServedHarness } from './e2e-harness.js';

/**
 * This file is also type-checked for Node (tsconfig.node.json, no DOM): what runs in the page reaches the
 * browser's globals through these.
 */
type PageGlobals = {
  bitagent: BitAgentApi;
  navigator: { clipboard: { readText(): Promise<string>; writeText(text: string): Promise<void> } };
};

export const STEP_TITLES = {
  welcome: 'Welcome',
  site: 'Your ConnectWise site',
  'client-id': 'Step A: Client ID',
  role: 'Step B: Security role',
  member: 'Step C: API member and keys',
  board: 'Board and statuses',
  validate: 'Validate',
  review: 'Review and export',
} as const;
export type StepId = keyof typeof STEP_TITLES;
export const STEP_IDS = Object.keys(STEP_TITLES) as StepId[];

export const PASSPHRASE = 'correct horse battery staple';

/** Opens the wizard and waits until its first step is on screen and the draft is loaded. */
export async function openWizard(page: Page, served: ServedHarness): Promise<void> {
  await page.goto(served.url);
  await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
  await expect(page.locator('[data-step]')).toBeVisible();
}

export function stepNav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Steps' });
}

export function stepHeading(page: Page, step: StepId): Locator {
  return page.getByRole('heading', { level: 2, name: STEP_TITLES[step], exact: true });
}

/** Goes to a step through the step list, and checks the step is shown and focused. */
export async function goToStep(page: Page, step: StepId): Promise<void> {
  const link = stepNav(page).getByRole('button', { name: new RegExp(`^${escapeRegExp(STEP_TITLES[step])}`) });
  const already = (await link.getAttribute('aria-current')) === 'step';
  await link.click();
  await expect(stepHeading(page, step)).toBeVisible();
  if (!already) await expect(stepHeading(page, step)).toBeFocused();
}

export async function clickNext(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Next:/ }).click();
}

/** Chooses (first time) or enters the vault passphrase when the harness asks for one. */
export async function ensurePassphrase(page: Page, passphrase = PASSPHRASE): Promise<void> {
  const status = await page.evaluate(() => (globalThis as unknown as PageGlobals).bitagent.vault.status({}));
  if (!status.ok) throw new Error(`vault.status failed: ${status.error.code}`);
  const { protection, passphraseRequired } = status.value;
  if (protection === 'none-yet' && passphraseRequired) {
    const choose = page.getByRole('heading', { name: 'Choose a passphrase to seal your keys' });
    await expect(choose).toBeVisible();
    await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await page.getByLabel('Passphrase again').fill(passphrase);
    await page.getByRole('button', { name: 'Set passphrase' }).click();
    await expect(choose).toBeHidden();
  } else if (protection === 'locked') {
    const enter = page.getByRole('heading', { name: 'Enter your passphrase' });
    await expect(enter).toBeVisible();
    await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(enter).toBeHidden();
  }
}

/** Waits until autosave has written everything typed so far. */
export async function waitForSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveText(/^Saved/, { timeout: 10_000 });
}

export async function grantClipboard(context: BrowserContext, served: ServedHarness): Promise<void> {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: served.origin });
}

export async function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).navigator.clipboard.readText());
}

/** Clicks the copy button of a value and returns what landed on the clipboard. */
export async function copyOf(page: Page, what: string): Promise<string> {
  await page.evaluate(() =>
    (globalThis as unknown as PageGlobals).navigator.clipboard.writeText('(nothing copied)'),
  );
  const button = page.getByRole('button', { name: `Copy ${what}`, exact: true });
  await button.click();
  await expect(page.getByRole('button', { name: `Copied ${what}`, exact: true })).toBeVisible();
  return readClipboard(page);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
