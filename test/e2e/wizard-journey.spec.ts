/**
 * The whole journey, as an MSP admin would go through it: ConnectWise is not reachable yet (the simulator is
 * down), every step is filled in, the page is reloaded (the draft comes back, the keys are still stored but never
 * in the page), ConnectWise comes up, validation finds a misspelled status, "Go to step" fixes it on the board
 * step, validation passes, the file is exported, and `bitagent-cw open` shows exactly what was typed.
 */
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { type Simulator, startSimulator } from '../support/cw-simulator/index.js';
import { DEMO, healthy, SUPPORT_STATUSES, variant } from '../support/cw-simulator/scenarios/healthy.js';
import { expect, test } from '../support/e2e-fixtures.js';
import { CLI, ROOT } from '../support/e2e-harness.js';
import {
  clickNext,
  ensurePassphrase,
  goToStep,
  openWizard,
  STEP_TITLES,
  stepHeading,
  waitForSaved,
} from '../support/e2e-wizard.js';

const run = promisify(execFile);
const SHOTS = path.join(ROOT, 'test-results', 'screenshots', 'journey');

/** The PSA has renamed "New (Portal)": the guide's default no longer matches, and validation must say so. */
const RENAMED = 'New (Web Portal)';
const scenario = variant({
  name: 'journey-renamed-status',
  description: 'The guide’s PSA, but its Support board calls "New (Portal)" "New (Web Portal)".',
  boards: healthy.boards.map((b) =>
    b.name === 'Support'
      ? {
          ...b,
          statuses: SUPPORT_STATUSES.map((s) => (s.name === 'New (Portal)' ? { ...s, name: RENAMED } : s)),
        }
      : b,
  ),
});

const TYPED = {
  contactName: 'Alex Admin',
  contactEmail: 'alex@demo-msp.example',
  companyId: DEMO.companyId,
  clientId: DEMO.clientId,
  publicKey: DEMO.publicKey,
  privateKey: DEMO.privateKey,
};

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A screenshot of a state the step-by-step tests cannot reach (live results), and axe on it. */
async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  expect(
    violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
    name,
  ).toEqual([]);
}

let simulator: Simulator | null = null;
test.afterEach(async () => {
  await simulator?.close();
  simulator = null;
});

test('the whole journey: offline fill-in, reload, validate, fix through "Go to step", export, open', async ({
  page,
  served,
  consoleErrors,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const port = await freePort();
  const site = `http://127.0.0.1:${port}`;

  await openWizard(page, served);

  // 1. Welcome.
  await page.getByRole('button', { name: /^Start/ }).click();

  // 2. Site: typed while ConnectWise is not reachable.
  await expect(stepHeading(page, 'site')).toBeFocused();
  await page.getByLabel('Company ID').fill(TYPED.companyId);
  await page.getByRole('radio', { name: /On-premise/ }).check();
  await page.getByLabel('Site address').fill(`${site}/v4_6_release/ConnectWise.aspx`);
  await page.getByLabel('Site address').blur();
  await expect(page.getByLabel('Site address')).toHaveValue(site);
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: /did not answer|not be reached|refused/i }),
  ).toBeVisible();
  await expect(page.getByTestId('online-status')).toContainText('ConnectWise was not reached');
  await clickNext(page);

  // 3. Step A.
  await expect(stepHeading(page, 'client-id')).toBeFocused();
  await page.getByLabel('Technical Contact Email').fill(TYPED.contactEmail);
  await page.getByLabel('Your name').fill(TYPED.contactName);
  await ensurePassphrase(page);
  await page.getByLabel('Client ID', { exact: true }).fill(TYPED.clientId);
  await clickNext(page);

  // 4. Step B: tick the checklist.
  await expect(stepHeading(page, 'role')).toBeFocused();
  for (const box of await page.getByRole('checkbox').all()) await box.check();
  await clickNext(page);

  // 5. Step C: the keys are stored when the user moves on.
  await expect(stepHeading(page, 'member')).toBeFocused();
  await page.getByLabel('Public key', { exact: true }).fill(TYPED.publicKey);
  await page.getByLabel('Private key', { exact: true }).fill(TYPED.privateKey);
  await clickNext(page);

  // 6. Board: ConnectWise is down, so the guide's names are kept as typed.
  await expect(stepHeading(page, 'board')).toBeFocused();
  await expect(page.getByText('Could not get the boards from ConnectWise.')).toBeVisible();
  await expect(page.getByLabel('Service board')).toHaveValue('Support');
  await clickNext(page);
  await expect(stepHeading(page, 'validate')).toBeFocused();
  await waitForSaved(page);
  for (const step of ['welcome', 'site', 'client-id', 'role', 'member', 'board'] as const)
    await expect(
      page
        .getByRole('navigation', { name: 'Steps' })
        .getByRole('button', { name: new RegExp(`^${STEP_TITLES[step].replace(/[()]/g, '\\$&')}`) }),
    ).toHaveAttribute('data-state', 'done');

  // Reload: the draft is resumed; the keys are still stored, and never in the page.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await page.getByRole('button', { name: 'Resume where you left off' }).click();
  await expect(stepHeading(page, 'validate')).toBeFocused();
  const afterReload = await page.content();
  for (const secret of [TYPED.clientId, TYPED.publicKey, TYPED.privateKey])
    expect(afterReload).not.toContain(secret);
  await goToStep(page, 'member');
  await expect(page.getByText(/^Stored \(sealed on this computer\)/)).toHaveCount(2);
  await goToStep(page, 'site');
  await expect(page.getByLabel('Company ID')).toHaveValue(TYPED.companyId);
  await expect(page.getByLabel('Site address')).toHaveValue(site);

  // ConnectWise comes up, where the admin said it was.
  simulator = await startSimulator(scenario, { port, latencyMs: 120 });
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByTestId('company-info')).toContainText('Demo MSP');
  await expect(page.getByTestId('company-info')).toContainText('On-premise');

  // 7. Validate: a live row per check, then one failure with its fix and a way to it.
  await goToStep(page, 'validate');
  await ensurePassphrase(page);
  await page.getByRole('button', { name: 'Validate now' }).click();
  await expect(page.locator('.check-row[data-status="running"]').first()).toBeVisible();
  await expect(page.getByTestId('validation-summary')).toHaveText(/1 problem to fix/, { timeout: 30_000 });
  const statuses = page.locator('.check-row[data-check="statuses"]');
  await expect(statuses).toHaveAttribute('data-status', 'fail');
  await expect(statuses).toContainText('New (Portal)');
  await expect(statuses.locator('.check-fix')).toBeVisible();
  await expect(page.locator('.check-row[data-check="keys"]')).toHaveAttribute('data-status', 'pass');
  await expect(page.getByTestId('online-status')).toContainText('ConnectWise reached');
  await shot(page, '07-validate-failing');
  await statuses.getByRole('button', { name: /Go to step: Board and statuses/ }).click();

  // 6 again: the pickers come from the live PSA; the misspelled status is flagged, the right one suggested.
  await expect(stepHeading(page, 'board')).toBeFocused();
  await expect(page.getByLabel('Service board')).toHaveValue('1'); // the live <select>, on Support
  const missing = page.getByTestId('missing-statuses');
  await expect(missing).toContainText('New (Portal)');
  const renamed = page.getByRole('checkbox', { name: new RegExp(RENAMED.replace(/[()]/g, '\\$&')) });
  await expect(renamed).not.toBeChecked();
  await expect(page.locator('.tick', { hasText: RENAMED })).toContainText('suggested');
  await shot(page, '06-board-live');
  await missing.getByRole('button', { name: 'Remove New (Portal)' }).click();
  await renamed.check();
  await expect(missing).toBeHidden();
  await clickNext(page);

  // 7 again: green.
  await expect(page.getByTestId('validation-summary')).toContainText('Validate again before you export');
  await page.getByRole('button', { name: 'Validate again' }).click();
  await expect(page.getByTestId('validation-summary')).toHaveText(/^All checks passed/, { timeout: 30_000 });
  await expect(page.locator('.check-row[data-status="fail"]')).toHaveCount(0);
  await expect(
    page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: /^Validate/ }),
  ).toHaveAttribute('data-state', 'done');
  await shot(page, '07-validate-passing');
  await clickNext(page);

  // 8. Review: everything that will be sent, keys masked; export; the fingerprint to read out.
  await expect(stepHeading(page, 'review')).toBeFocused();
  const facts = page.getByTestId('review-facts');
  await expect(facts).toContainText(TYPED.companyId);
  await expect(facts).toContainText(RENAMED);
  for (const id of ['review-client-id', 'review-public-key', 'review-private-key'])
    await expect(page.getByTestId(id)).toHaveText('••••••••');
  for (const secret of [TYPED.clientId, TYPED.publicKey, TYPED.privateKey])
    expect(await page.content()).not.toContain(secret);
  await expect(page.getByTestId('review-validation')).toContainText('Passed');
  await page.getByRole('button', { name: 'Export submission file…' }).click();
  await expect(page.getByRole('heading', { name: 'Your submission file is ready' })).toBeFocused();
  const fingerprint = (await page.getByTestId('fingerprint').textContent())?.trim() ?? '';
  const file = (await page.getByTestId('export-path').textContent())?.trim() ?? '';
  expect(fingerprint).toMatch(/^[A-Z0-9]{4}( [A-Z0-9]{4})+$/);
  expect(file).toMatch(/\.bitagent$/);
  await shot(page, '08-review-exported');

  // BitAgent's side: the file opens, and says exactly what was typed.
  const { stdout } = await run(
    process.execPath,
    [
      CLI,
      'open',
      file,
      '--key',
      path.join(ROOT, 'test', 'fixtures', 'dev-recipient.private.jwk'),
      '--json',
      '--reveal',
    ],
    { cwd: ROOT },
  );
  const opened = JSON.parse(stdout) as {
    ok: boolean;
    signer: { fingerprint: string };
    payload: {
      contact: { name: string; email: string };
      connectwise: Record<string, unknown>;
      validation: { ok?: boolean; checks?: unknown[] };
    };
  };
  expect(opened.ok).toBe(true);
  expect(opened.signer.fingerprint).toBe(fingerprint);
  expect(opened.payload.contact).toEqual({ name: TYPED.contactName, email: TYPED.contactEmail });
  expect(opened.payload.connectwise).toMatchObject({
    site,
    companyId: TYPED.companyId,
    clientId: TYPED.clientId,
    publicKey: TYPED.publicKey,
    privateKey: TYPED.privateKey,
    memberIdentifier: 'BitAgent',
    roleName: 'BitAgent API',
    board: { id: 1, name: 'Support' },
  });
  const sent = (opened.payload.connectwise.statuses as { id: number; name: string }[]).map((s) => [
    s.id,
    s.name,
  ]);
  expect(sent.sort()).toEqual(
    [
      [1, 'New'],
      [2, 'New (Email Connector)'],
      [4, '*New'],
      [5, '*New (Email Connector)'],
      [3, RENAMED],
    ].sort(),
  );
  expect(opened.payload.validation.ok).toBe(true);

  // And the offer to forget the keys now.
  await page.getByRole('button', { name: 'Forget the stored keys…' }).click();
  await page.getByRole('button', { name: 'Yes, forget the Client ID and keys' }).click();
  await expect(page.getByText('The Client ID and keys were removed from this computer.')).toBeVisible();
  const status = await page.evaluate(() => window.bitagent.secrets.status({}));
  expect(status).toMatchObject({
    ok: true,
    value: { clientId: { set: false }, publicKey: { set: false }, privateKey: { set: false } },
  });
  expect(consoleErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
});
