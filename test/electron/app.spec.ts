/**
 * Smoke tests of the desktop app itself, through Playwright's _electron: the real main process, preload and
 * renderer, with the hardening main/index.ts promises. They need the Electron runtime, which cannot be
 * downloaded on every machine: there they skip, and say so in one plain line (electron-runtime.ts says why).
 * CI sets BITAGENT_REQUIRE_ELECTRON=1 where it installs the runtime, so there they cannot skip silently.
 *
 * Each launch gets its own user-data folder (BITAGENT_USER_DATA_DIR, honoured by unpackaged runs only).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ElectronApplication, _electron as electron, expect, type Page, test } from '@playwright/test';
import { ELECTRON_REQUIRED, findElectronRuntime, ROOT } from './electron-runtime.js';

const runtime = findElectronRuntime();
const SKIP_MESSAGE = `Electron runtime not installed here: ${runtime.reason}`;
const APP_URL = /^app:\/\/bitagent\//;

test.describe.configure({ mode: 'serial' });

// One plain line in the output where the tests cannot run (printed when the file is loaded: Playwright runs no
// hook for a file whose tests are all skipped).
if (!runtime.available && !ELECTRON_REQUIRED) console.log(`Electron smoke tests skipped: ${runtime.reason}`);

test.beforeAll(() => {
  if (!runtime.available) throw new Error(`BITAGENT_REQUIRE_ELECTRON=1, but ${runtime.reason}`);
  if (!existsSync(path.join(ROOT, 'out', 'main', 'index.mjs'))) {
    throw new Error(
      'The app is not built: run `npm run build` (npm test does) before the Electron smoke tests.',
    );
  }
});

const userDataDirs: string[] = [];
test.afterAll(() => {
  for (const dir of userDataDirs) rmSync(dir, { recursive: true, force: true });
});

function freshUserDataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bitagent-electron-'));
  userDataDirs.push(dir);
  return dir;
}

async function launch(userDataDir: string): Promise<{ app: ElectronApplication; page: Page }> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  delete env.ELECTRON_RUN_AS_NODE;
  env.BITAGENT_USER_DATA_DIR = userDataDir;
  const app = await electron.launch({
    executablePath: runtime.executablePath as string,
    args: [ROOT],
    cwd: ROOT,
    env,
    timeout: 30_000,
  });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return { app, page };
}

/** From wherever the wizard opens, to the step that asks for the Company ID. */
async function openCompanyStep(page: Page) {
  const field = page.getByLabel(/company id/i);
  const resume = page.getByRole('button', { name: /resume/i });
  const start = page.getByRole('button', { name: /^(start|begin|get started|next|continue)\b/i }).first();
  // Wait for the wizard to settle (it restores the draft first), then go on from where it opened.
  await expect(field.or(resume).or(start).first()).toBeVisible();
  if (!(await field.isVisible())) await ((await resume.isVisible()) ? resume : start).click();
  await expect(field).toBeVisible();
  return field;
}

test.describe('the desktop app', () => {
  // Where CI requires the runtime, a missing one fails (in beforeAll) instead of skipping.
  test.skip(!runtime.available && !ELECTRON_REQUIRED, SKIP_MESSAGE);

  test('starts, shows its one window and serves the renderer from app://bitagent', async () => {
    const { app, page } = await launch(freshUserDataDir());
    try {
      expect(page.url()).toMatch(APP_URL);
      await expect(page).toHaveTitle(/BitAgent ConnectWise Onboarding/);
      await expect(page.getByTestId('app-version')).toContainText(/Version \d+\.\d+\.\d+/);
      expect(app.windows()).toHaveLength(1);
      const isPackaged = await app.evaluate(({ app: electronApp }) => electronApp.isPackaged);
      expect(isPackaged).toBe(false);
    } finally {
      await app.close();
    }
  });

  test('the window has contextIsolation and sandbox on, and no Node in the page', async () => {
    const { app, page } = await launch(freshUserDataDir());
    try {
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        // getLastWebPreferences() is what Electron's own tests use; its typings leave it out.
        const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as
          | { getLastWebPreferences?: () => Record<string, unknown> | null }
          | undefined;
        const p = contents?.getLastWebPreferences?.();
        return p
          ? {
              contextIsolation: p.contextIsolation,
              sandbox: p.sandbox,
              nodeIntegration: p.nodeIntegration,
              webSecurity: p.webSecurity,
              webviewTag: p.webviewTag,
            }
          : null;
      });
      expect(prefs).toEqual({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        webviewTag: false,
      });
      const inPage = await page.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        bridge: typeof window.bitagent,
      }));
      expect(inPage).toEqual({ require: 'undefined', process: 'undefined', bridge: 'object' });
    } finally {
      await app.close();
    }
  });

  test('refuses to navigate away', async () => {
    const { app, page } = await launch(freshUserDataDir());
    try {
      const before = page.url();
      for (const target of ['https://example.com/', 'file:///etc/hosts', 'http://127.0.0.1:9/']) {
        await page.evaluate((url) => {
          window.location.href = url;
        }, target);
        await page.waitForTimeout(500);
        expect(page.url()).toBe(before);
      }
      // Still the app, still working.
      await expect(page.getByTestId('app-version')).toContainText(/Version/);
    } finally {
      await app.close();
    }
  });

  test('refuses window.open', async () => {
    const { app, page } = await launch(freshUserDataDir());
    try {
      const opened = await page.evaluate(() => [
        window.open('https://example.com/') === null,
        window.open('app://bitagent/index.html') === null,
        window.open('about:blank') === null,
      ]);
      expect(opened).toEqual([true, true, true]);
      await page.waitForTimeout(500);
      expect(app.windows()).toHaveLength(1);
      const count = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
      expect(count).toBe(1);
    } finally {
      await app.close();
    }
  });

  test('the first two steps work: welcome, then the Company ID step', async () => {
    const { app, page } = await launch(freshUserDataDir());
    try {
      await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
      const field = await openCompanyStep(page);
      await field.fill('acme_smoke');
      await expect(field).toHaveValue('acme_smoke');
      // The step list shows the second step as the current one.
      await expect(
        page.getByRole('navigation', { name: /steps/i }).locator('[aria-current="step"]'),
      ).toHaveCount(1);
    } finally {
      await app.close();
    }
  });

  test('a draft survives a restart', async () => {
    const userDataDir = freshUserDataDir();
    const first = await launch(userDataDir);
    try {
      const field = await openCompanyStep(first.page);
      await field.fill('acme_restart');
      await field.blur();
      // Saved in main, not only typed: what draft.load answers is what the next start will read.
      await expect
        .poll(
          async () => first.page.evaluate(async () => JSON.stringify(await window.bitagent.draft.load({}))),
          {
            timeout: 10_000,
          },
        )
        .toContain('"companyId":"acme_restart"');
    } finally {
      await first.app.close();
    }
    const second = await launch(userDataDir);
    try {
      const field = await openCompanyStep(second.page);
      await expect(field).toHaveValue('acme_restart');
    } finally {
      await second.app.close();
    }
  });
});
