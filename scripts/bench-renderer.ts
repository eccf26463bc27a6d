/**
 * The renderer's numbers: the initial JavaScript the wizard loads (gzip), and the time from navigation to the
 * first step being interactive (the app's `wizard-interactive` performance mark, set when the first step has
 * rendered with the saved draft) in headless Chromium through the harness, the median of several cold loads.
 * Goals (issue 6): at most 150 KB gzip; interactive within 500 ms.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import config from '../playwright.config.js';
import { serveHarness } from '../test/support/e2e-harness.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const RENDERER = path.join(ROOT, 'out', 'renderer');
const LOADS = 11;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** The scripts index.html loads up front (entry and module preloads), gzip-compressed at level 9. */
async function initialJs(): Promise<{ files: string[]; raw: number; gzip: number }> {
  const html = await readFile(path.join(RENDERER, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1] as string);
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = await readFile(path.join(RENDERER, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files, raw, gzip };
}

export async function benchRenderer(): Promise<void> {
  const js = await initialJs();
  console.log(
    `renderer: initial JS ${(js.gzip / 1024).toFixed(1)} KB gzip (${(js.raw / 1024).toFixed(0)} KB raw, ${js.files.length} file${js.files.length === 1 ? '' : 's'}); goal at most 150 KB`,
  );

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bitagent-bench-renderer-'));
  const harness = await serveHarness({ dataDir });
  const browser = await chromium.launch(config.use?.launchOptions ?? {});
  try {
    const times: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      // A new context each time: no cache, no warm JIT for the page; the first load warms the harness only.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(harness.url);
      // Inline arrows only: tsx wraps named functions in a helper the page does not have (and the CSP forbids
      // evaluating strings).
      await page.waitForFunction(() => performance.getEntriesByName('wizard-interactive').length > 0);
      const ms = await page.evaluate(
        () => performance.getEntriesByName('wizard-interactive')[0]?.startTime ?? -1,
      );
      if (i > 0) times.push(ms);
      await context.close();
    }
    console.log(
      `renderer: navigation to first step interactive: median ${median(times).toFixed(0)} ms of ${times.length} loads (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}); goal within 500 ms`,
    );
  } finally {
    await browser.close();
    await harness.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
