/**
 * Each step of the wizard on its own, through the harness: inline errors for bad input, copy buttons that put
 * the guide's exact text on the clipboard, the external link through the safe shell, keys that are stored and
 * never shown back, and Back/Next/reload that never lose input.
 */

import { expect, test } from '../support/e2e-fixtures.js';
import { serveHarness } from '../support/e2e-harness.js';
import {
  clickNext,
  copyOf,
  ensurePassphrase,
  goToStep,
  openWizard,
  PASSPHRASE,
  STEP_TITLES,
  stepHeading,
  stepNav,
  waitForSaved,
} from '../support/e2e-wizard.js';

test('welcome says what is needed; Start moves to the site step and focuses its heading', async ({
  page,
  served,
  consoleErrors,
}) => {
  await openWizard(page, served);
  await expect(stepHeading(page, 'welcome')).toBeVisible();
  await expect(page.getByText('Admin rights in ConnectWise PSA')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'About 20 minutes' })).toContainText(
    'up to 3 business days',
  );
  await expect(page.getByText('It works offline.')).toBeVisible();
  await expect(page.getByText('Your keys stay on this computer, encrypted.')).toBeVisible();
  await expect(stepNav(page).getByRole('button', { name: /^Welcome/ })).toHaveAttribute(
    'aria-current',
    'step',
  );

  await page.getByRole('button', { name: /^Start/ }).click();
  await expect(stepHeading(page, 'site')).toBeFocused();
  await expect(stepNav(page).getByRole('button', { name: /^Your ConnectWise site/ })).toHaveAttribute(
    'aria-current',
    'step',
  );
  expect(consoleErrors).toEqual([]);
});

test('site: inline errors for a bad Company ID and address; pasted addresses are normalised', async ({
  page,
  served,
}) => {
  await openWizard(page, served);
  await goToStep(page, 'site');
  const company = page.getByLabel('Company ID');
  await company.fill('My MSP Inc');
  await company.blur();
  await expect(company).toHaveAttribute('aria-invalid', 'true');
  const describedBy = (await company.getAttribute('aria-describedby')) ?? '';
  await expect(page.locator(`[id="${describedBy.split(' ').pop()}"]`)).toContainText('no spaces');
  // Next refuses to leave with a bad value, and puts focus on it.
  await clickNext(page);
  await expect(company).toBeFocused();
  await expect(stepHeading(page, 'site')).toBeVisible();
  await company.fill('mymsp');
  await company.blur();
  await expect(company).not.toHaveAttribute('aria-invalid', 'true');

  // The default is North America.
  await expect(page.getByRole('radio', { name: /North America/ })).toBeChecked();
  const site = page.getByLabel('Site address');
  await expect(site).toHaveValue('na.myconnectwise.net');

  // Pasting a full login URL (or the API host) picks the region and keeps just the host.
  await site.fill('https://api-eu.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US');
  await site.blur();
  await expect(site).toHaveValue('eu.myconnectwise.net');
  await expect(page.getByRole('radio', { name: /Europe/ })).toBeChecked();
  await expect(page.getByTestId('site-understood')).toContainText('api-eu.myconnectwise.net');

  for (const [label, host] of [
    ['Australia (au)', 'au.myconnectwise.net'],
    ['Australia (aus)', 'aus.myconnectwise.net'],
    ['South Africa', 'za.myconnectwise.net'],
    ['Staging', 'staging.connectwisedev.com'],
  ] as const) {
    await page.getByRole('radio', { name: new RegExp(`^${label.replace(/[()]/g, '\\$&')}`) }).check();
    await expect(site).toHaveValue(host);
  }

  // On-premise: their own server; plain http only for this computer.
  await page.getByRole('radio', { name: /On-premise/ }).check();
  await expect(site).toBeFocused();
  await site.fill('http://psa.example.com/v4_6_release/');
  await site.blur();
  await expect(site).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('ConnectWise is reached over https.')).toBeVisible();
  await site.fill('https://psa.example.com/v4_6_release/ConnectWise.aspx');
  await site.blur();
  await expect(site).toHaveValue('psa.example.com');
  await expect(page.getByRole('radio', { name: /On-premise/ })).toBeChecked();
  await site.fill('not a url');
  await site.blur();
  await expect(site).toHaveAttribute('aria-invalid', 'true');
  await site.fill('na.myconnectwise.net/');
  await site.blur();
  await expect(page.getByRole('radio', { name: /North America/ })).toBeChecked();
  await expect(site).toHaveValue('na.myconnectwise.net');
});

test('Step A: copy buttons copy the exact text; the page opens through the safe shell; bad Client IDs are caught', async ({
  page,
  served,
}) => {
  await openWizard(page, served);
  await goToStep(page, 'client-id');

  expect(await copyOf(page, 'Integration Name')).toBe('BitAgent');
  expect(await copyOf(page, 'Description')).toBe('Custom API access for BitAgent');
  expect(await copyOf(page, 'Integration Type')).toBe('Private');
  expect(await copyOf(page, 'Product')).toBe('Manage');

  const email = page.getByLabel('Technical Contact Email');
  await email.fill('not-an-email');
  await email.blur();
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Enter a full email address')).toBeVisible();
  await email.fill('admin@mymsp.example');
  await email.blur();
  await expect(email).not.toHaveAttribute('aria-invalid', 'true');
  expect(await copyOf(page, 'Technical Contact Email')).toBe('admin@mymsp.example');

  // The link is never a plain <a>: it is a call to shell.openExternal, which the harness logs and the shim opens.
  const call = page.waitForRequest((r) => r.url().includes('/__harness/call/shell.openExternal'));
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: /Open developer\.connectwise\.com/ }).click();
  expect((await call).postDataJSON()).toEqual({ url: 'https://developer.connectwise.com/ClientID' });
  await (await popup).close();
  await expect(page.getByText('Opened in your browser.')).toBeVisible();
  await expect.poll(() => served.output()).toContain('https://developer.connectwise.com/ClientID');

  await expect(page.getByRole('heading', { name: 'Approval can take up to 3 business days' })).toBeVisible();
  await page.getByRole('button', { name: 'Save and come back later' }).click();
  await expect(page.getByText(/Saved\. You can close the app now/)).toBeVisible();

  await ensurePassphrase(page);
  const clientId = page.getByLabel('Client ID', { exact: true });
  await clientId.fill('vghjZiwbW3Sunp9V');
  await clientId.blur();
  await expect(clientId).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('This looks like an API key, not a Client ID.')).toBeVisible();
  await clientId.fill('7a002312-3831-42a6-cff5');
  await clientId.blur();
  await expect(page.getByText(/A Client ID looks like/)).toBeVisible();
  // A bad value keeps the user on the step (nothing typed is lost).
  await clickNext(page);
  await expect(stepHeading(page, 'client-id')).toBeVisible();
  await expect(clientId).toHaveValue('7a002312-3831-42a6-cff5');

  await clientId.fill('3f2c9a10-5b7d-4e21-9c3a-1d2e3f4a5b6c');
  await clientId.blur();
  await expect(page.getByText(/Stored just now \(sealed on this computer\)/)).toBeVisible();
  await expect(clientId).toHaveValue('');
  expect(await page.content()).not.toContain('1d2e3f4a5b6c');
  await clickNext(page);
  await expect(stepHeading(page, 'role')).toBeFocused();
});

test('Step B: the guide’s permission table, a Role ID that copies, and a checklist that completes the step', async ({
  page,
  served,
}) => {
  await openWizard(page, served);
  await goToStep(page, 'role');
  await expect(page.getByText('System', { exact: true }).first()).toBeVisible();
  await expect(page.locator('.click-path').first()).toHaveText('System > Security Roles > +');
  expect(await copyOf(page, 'Role ID')).toBe('BitAgent API');

  const tables = page.locator('table.permissions');
  await expect(tables).toHaveCount(2);
  const rows = async (i: number) =>
    tables
      .nth(i)
      .locator('tr')
      .evaluateAll((trs) =>
        trs.map((tr) =>
          [...tr.querySelectorAll('th,td')].slice(0, 5).map((c) => (c.textContent ?? '').trim()),
        ),
      );
  expect(await rows(0)).toEqual([
    ['Companies Module', 'Add Level', 'Edit Level', 'Delete Level', 'Inquire Level'],
    ['Company Maintenance', 'None', 'None', 'None', 'All'],
  ]);
  expect(await rows(1)).toEqual([
    ['Service Desk Module', 'Add Level', 'Edit Level', 'Delete Level', 'Inquire Level'],
    ['Service Tickets', 'All', 'All', 'None', 'All'],
  ]);
  await expect(page.getByText(/Everything else stays/)).toContainText('None');

  const role = stepNav(page).getByRole('button', { name: /^Step B: Security role/ });
  await expect(role).toHaveAttribute('data-state', 'todo');
  for (const box of await page.getByRole('checkbox').all()) await box.check();
  await expect(page.getByText('5 of 5 ticked.')).toBeVisible();
  await expect(role).toHaveAttribute('data-state', 'done');
  await expect(role).toHaveAccessibleName(/done$/);
});

test('Step C: member values copy; keys are masked, revealable while typed, checked for mix-ups, never shown back', async ({
  page,
  served,
}) => {
  await openWizard(page, served);
  await goToStep(page, 'member');
  expect(await copyOf(page, 'Member ID')).toBe('BitAgent');
  expect(await copyOf(page, 'Member Name')).toBe('BitAgent');
  expect(await copyOf(page, 'Role ID')).toBe('BitAgent API');
  expect(await copyOf(page, 'Level')).toBe('Corporate (Level 1)');
  expect(await copyOf(page, 'Location')).toBe('Support');
  expect(await copyOf(page, 'Business Unit')).toBe('Professional Services');
  expect(await copyOf(page, 'Default Territory')).toBe('Support');
  expect(await copyOf(page, 'Time Zone')).toBe('US Mountain');
  expect(await copyOf(page, 'Description')).toBe('BitAgent API');
  await expect(page.getByText('Save the member first')).toBeVisible();
  await expect(page.getByText('The private key is shown only once.')).toBeVisible();
  await expect(page.getByText(/not Save & Close/)).toBeVisible();

  await ensurePassphrase(page);
  const pub = page.getByLabel('Public key', { exact: true });
  const priv = page.getByLabel('Private key', { exact: true });
  await expect(pub).toHaveAttribute('type', 'password');

  // Mix-ups: the Client ID pasted as a key, a key copied with the other one's label, the same key twice.
  await pub.fill('7a002312-3831-42a6-cff5-8cd2c8d969f1');
  await pub.blur();
  await expect(pub).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('This looks like the Client ID, not an API key.')).toBeVisible();
  await pub.fill('Private Key: Priv4teKeyTest02');
  await pub.blur();
  await expect(page.getByText(/look swapped/)).toBeVisible();
  await pub.fill('Pub1icKeyTest001');
  await priv.fill('Pub1icKeyTest001');
  await priv.blur();
  await expect(page.getByText('The public and private keys are the same.')).toBeVisible();

  // Reveal shows what is being typed, and only that.
  await priv.fill('Priv4teKeyTest02');
  await page.getByRole('button', { name: 'Reveal Private key' }).click();
  await expect(priv).toHaveAttribute('type', 'text');
  await expect(page.getByRole('button', { name: 'Hide Private key' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.getByRole('button', { name: 'Hide Private key' }).click();
  await expect(priv).toHaveAttribute('type', 'password');

  // A malformed key is warned about, and stored anyway (the check will tell).
  await pub.fill('Pub1icKeyTest00');
  await expect(page.getByText(/usually 16 letters and digits; this one has 15/)).toBeVisible();
  await pub.fill('Pub1icKeyTest001');
  await pub.blur();
  await priv.focus();
  await priv.blur();
  await expect(page.getByText(/Stored just now \(sealed on this computer\)/)).toHaveCount(2);
  await expect(pub).toHaveValue('');
  await expect(priv).toHaveValue('');
  await expect(page.getByRole('button', { name: 'Reveal Public key' })).toBeDisabled();

  await page.reload();
  await goToStep(page, 'member');
  await expect(page.getByText(/^Stored \(sealed on this computer\)/)).toHaveCount(2);
  const html = await page.content();
  expect(html).not.toContain('Pub1icKeyTest001');
  expect(html).not.toContain('Priv4teKeyTest02');
});

test('board and statuses: the guide’s defaults, chips to add and remove, inline errors', async ({
  page,
  served,
}) => {
  await openWizard(page, served);
  await goToStep(page, 'board');
  const board = page.getByLabel('Service board');
  await expect(board).toHaveValue('Support');
  const chips = page.getByRole('list', { name: 'Chosen statuses' }).locator('.chip-text');
  await expect(chips).toHaveText([
    'New',
    'New (Email Connector)',
    'New (Portal)',
    '*New',
    '*New (Email Connector)',
  ]);

  const add = page.getByLabel('Add a status');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(add).toHaveAttribute('aria-invalid', 'true');
  await add.fill('New');
  await add.press('Enter');
  await expect(page.getByText('“New” is already in the list.')).toBeVisible();
  await add.fill('>New (Phone)');
  await add.press('Enter');
  await expect(chips).toHaveCount(6);
  await expect(chips.last()).toHaveText('>New (Phone)');
  await page.getByRole('button', { name: 'Remove >New (Phone)' }).click();
  await expect(chips).toHaveCount(5);

  await board.fill('');
  await board.blur();
  await expect(board).toHaveAttribute('aria-invalid', 'true');
  await clickNext(page);
  await expect(stepHeading(page, 'board')).toBeVisible();
  await page.getByRole('button', { name: 'Use the guide’s board and statuses' }).click();
  await expect(board).toHaveValue('Support');
  for (const name of ['New', 'New (Email Connector)', 'New (Portal)', '*New', '*New (Email Connector)'])
    await page.getByRole('button', { name: `Remove ${name}`, exact: true }).click();
  await clickNext(page);
  await expect(page.getByText('Add at least one ticket status.')).toBeVisible();
});

test('validate, offline: says what will be checked once online', async ({ page, served, context }) => {
  await openWizard(page, served);
  await goToStep(page, 'validate');
  await context.setOffline(true);
  await expect(page.getByText('You are offline.')).toBeVisible();
  await expect(page.getByTestId('online-status')).toContainText('Offline');
  await expect(page.getByRole('button', { name: 'Validate now' })).toBeDisabled();
  for (const what of [
    'Company ID',
    'Client ID',
    'API keys',
    'Permissions',
    'Service board',
    'Ticket statuses',
  ])
    await expect(page.locator('.check-title', { hasText: what }).first()).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByRole('button', { name: 'Validate now' })).toBeEnabled();
});

test('Back/Next and reload never lose input; a saved draft offers to resume', async ({ page, served }) => {
  await openWizard(page, served);
  await page.getByRole('button', { name: /^Start/ }).click();
  await page.getByLabel('Company ID').fill('MyMsp');
  await clickNext(page);
  await page.getByLabel('Technical Contact Email').fill('admin@mymsp.example');
  await page.getByLabel('Your name').fill('Alex Admin');
  await page.getByRole('button', { name: /^Back/ }).click();
  await expect(page.getByLabel('Company ID')).toHaveValue('MyMsp');
  await clickNext(page);
  await expect(page.getByLabel('Technical Contact Email')).toHaveValue('admin@mymsp.example');
  await waitForSaved(page);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Welcome back' })).toBeVisible();
  await expect(page.getByText(/You were at/)).toContainText(STEP_TITLES['client-id']);
  await page.getByRole('button', { name: 'Resume where you left off' }).click();
  await expect(stepHeading(page, 'client-id')).toBeFocused();
  await expect(page.getByLabel('Technical Contact Email')).toHaveValue('admin@mymsp.example');
  await expect(page.getByLabel('Your name')).toHaveValue('Alex Admin');
  await goToStep(page, 'site');
  await expect(page.getByLabel('Company ID')).toHaveValue('MyMsp');
});

test('coming back after the app restarted: the passphrase is asked for, wrong ones are refused', async ({
  page,
  served,
}) => {
  await openWizard(page, served);
  await goToStep(page, 'client-id');
  await ensurePassphrase(page);
  await page.getByLabel('Client ID', { exact: true }).fill('3f2c9a10-5b7d-4e21-9c3a-1d2e3f4a5b6c');
  await page.getByLabel('Client ID', { exact: true }).blur();
  await expect(page.getByText(/Stored just now/)).toBeVisible();
  await waitForSaved(page);

  // The app restarts (same data folder): the vault is locked until the passphrase is entered.
  const again = await serveHarness({ dataDir: served.dataDir });
  try {
    await page.goto(again.url);
    await page.getByRole('button', { name: 'Resume where you left off' }).click();
    await expect(stepHeading(page, 'client-id')).toBeFocused();
    const panel = page.getByRole('region', { name: 'Enter your passphrase' });
    await expect(panel).toBeVisible();
    await expect(page.getByText(/^Stored \(sealed on this computer\)/)).toBeVisible();
    await panel.getByLabel('Passphrase', { exact: true }).fill('short');
    await panel.getByRole('button', { name: 'Unlock' }).click();
    await expect(panel.getByText('Use at least 10 characters.')).toBeVisible();
    await expect(panel.getByLabel('Passphrase', { exact: true })).toBeFocused();
    await panel.getByLabel('Passphrase', { exact: true }).fill('not the right passphrase');
    await panel.getByRole('button', { name: 'Unlock' }).click();
    await expect(panel.getByRole('alert')).toContainText('That passphrase is not the right one.');
    await panel.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await panel.getByRole('button', { name: 'Unlock' }).click();
    await expect(panel).toBeHidden();
  } finally {
    await again.stop();
  }
});

test('keyboard only: skip link, Start, typing, and a visible focus ring', async ({ page, served }) => {
  await openWizard(page, served);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the current step' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  const start = page.getByRole('button', { name: /^Start/ });
  for (let i = 0; i < 20 && !(await start.evaluate((el) => el === el.ownerDocument.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(start).toBeFocused();
  const outline = await start.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe('solid');
  await page.keyboard.press('Enter');
  await expect(stepHeading(page, 'site')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Company ID')).toBeFocused();
  await page.keyboard.type('mymsp');
  await expect(page.getByLabel('Company ID')).toHaveValue('mymsp');
});

test('forget everything, from the welcome step, after a confirmation', async ({ page, served }) => {
  await openWizard(page, served);
  await goToStep(page, 'site');
  await page.getByLabel('Company ID').fill('mymsp');
  await waitForSaved(page);
  await goToStep(page, 'welcome');
  await page.getByRole('button', { name: 'Forget everything on this computer…' }).click();
  await expect(page.getByRole('group', { name: /This removes your saved progress/ })).toBeVisible();
  await page.getByRole('button', { name: 'Yes, forget everything' }).click();
  await expect(page.getByText('Everything was removed from this computer.')).toBeVisible();
  await goToStep(page, 'site');
  await expect(page.getByLabel('Company ID')).toHaveValue('');
});
