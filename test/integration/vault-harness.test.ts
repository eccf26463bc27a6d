/**
 * The vault's calls through the harness's HTTP path: the real server, the real dispatcher and handler table,
 * a Node port (no keychain: passphrase mode) on a temp folder, and the production scrypt cost.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../../cli/harness/server.js';
import { findProjectPaths } from '../../cli/paths.js';
import { DEFAULT_DRAFT } from '../../common/schemas/draft.js';
import { createDispatcher } from '../../main/dispatch.js';
import { createHandlers } from '../../main/handlers.js';
import { createLogger } from '../../main/log.js';
import { createNodePort } from '../../main/platform/node-port.js';
import { VAULT_FILE_NAME } from '../../main/vault/file-format.js';
import { type HarnessFixture, startHarnessFixture } from '../support/harness-fixture.js';

const SECRETS = {
  clientId: '7a002312-3831-42a6-cff5-8cd2c8d969f1',
  publicKey: 'HarnessPubKey001',
  privateKey: 'HarnessPrvKey002',
};
const PASSPHRASE = 'harness passphrase, long enough';

let fx: HarnessFixture;
const bodies: string[] = [];

beforeAll(async () => {
  fx = await startHarnessFixture();
});
afterAll(async () => {
  await fx.close();
});

type Answer = { ok: true; value: Record<string, unknown> } | { ok: false; error: Record<string, unknown> };

async function callVia(harness: Harness, channel: string, input: unknown): Promise<Answer> {
  const response = await fetch(`${harness.origin}/__harness/call/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-bitagent-token': harness.token },
    body: JSON.stringify(input),
  });
  const text = await response.text();
  bodies.push(text);
  expect(response.status).toBe(200);
  return JSON.parse(text) as Answer;
}

/** The same data folder served by a second harness: the app restarted. */
async function restart(logLines: string[]): Promise<Harness> {
  const paths = findProjectPaths();
  const log = createLogger((line) => logLines.push(line));
  const port = createNodePort({ userDataDir: fx.dataDir, packageJsonPath: paths.packageJson });
  return startHarness({
    rendererDir: paths.rendererDir,
    shimFile: paths.shimFile,
    dispatch: createDispatcher(createHandlers({ port, log }), log),
    log,
  });
}

describe('the vault through the harness', () => {
  it('saves and loads the draft, refuses bad patches whole, seals secrets behind a chosen passphrase', async () => {
    const call = (channel: string, input: unknown) => callVia(fx.harness, channel, input);
    expect(await call('vault.status', {})).toEqual({
      ok: true,
      value: { protection: 'none-yet', passphraseRequired: true, retryAfterSeconds: 0 },
    });
    expect(await call('draft.load', {})).toEqual({
      ok: true,
      value: { draft: DEFAULT_DRAFT, savedAt: null, recovery: null },
    });

    const saved = await call('draft.save', { companyId: 'acme', currentStep: 'site' });
    expect(saved.ok && typeof saved.value.savedAt).toBe('string');

    const wrongType = await call('draft.save', { companyId: 5, site: 'changed.example' });
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'companyId' } });
    const unknownKey = await call('draft.save', { site: 'changed.example', favouriteColour: 'red' });
    expect(unknownKey).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'favouriteColour' },
    });
    const loaded = await call('draft.load', {});
    expect(loaded.ok && loaded.value.draft).toEqual({
      ...DEFAULT_DRAFT,
      companyId: 'acme',
      currentStep: 'site',
    });

    expect(await call('secrets.set', { clientId: SECRETS.clientId })).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
    expect(await call('vault.unlock', { passphrase: PASSPHRASE })).toMatchObject({
      ok: true,
      value: { protection: 'passphrase' },
    });
    const set = await call('secrets.set', SECRETS);
    expect(set).toEqual({
      ok: true,
      value: {
        clientId: { set: true, wellFormed: true },
        publicKey: { set: true, wellFormed: true },
        privateKey: { set: true, wellFormed: true },
      },
    });
    expect(await call('secrets.status', {})).toEqual(set);
  });

  it('after a restart: locked; a wrong passphrase changes nothing; the right one unlocks; forget wipes all', async () => {
    const logLines: string[] = [];
    const restarted = await restart(logLines);
    const call = (channel: string, input: unknown) => callVia(restarted, channel, input);
    try {
      expect(await call('vault.status', {})).toMatchObject({ ok: true, value: { protection: 'locked' } });
      expect(await call('secrets.status', {})).toMatchObject({
        ok: true,
        value: { privateKey: { set: true } },
      });

      const file = path.join(fx.dataDir, VAULT_FILE_NAME);
      const before = await readFile(file);
      const wrong = await call('vault.unlock', { passphrase: 'not the passphrase at all' });
      expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong-passphrase', field: 'passphrase' } });
      expect((await readFile(file)).equals(before)).toBe(true);
      expect(await call('vault.status', {})).toMatchObject({ ok: true, value: { protection: 'locked' } });

      expect(await call('vault.unlock', { passphrase: PASSPHRASE })).toMatchObject({
        ok: true,
        value: { protection: 'passphrase' },
      });

      expect(await call('vault.forget', {})).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      expect(await call('vault.forget', { confirm: true })).toEqual({
        ok: true,
        value: { protection: 'none-yet', passphraseRequired: true, retryAfterSeconds: 0 },
      });
      expect(await call('draft.load', {})).toEqual({
        ok: true,
        value: { draft: DEFAULT_DRAFT, savedAt: null, recovery: null },
      });
      expect(await call('secrets.status', {})).toMatchObject({
        ok: true,
        value: { clientId: { set: false }, publicKey: { set: false }, privateKey: { set: false } },
      });

      // No response and no log line ever carried a secret or the passphrase.
      for (const text of [...bodies, ...logLines, ...fx.logLines]) {
        for (const secret of [...Object.values(SECRETS), PASSPHRASE]) expect(text).not.toContain(secret);
      }
    } finally {
      await restarted.close();
    }
  });
});
