/**
 * The submission calls through the real handler table and dispatcher (what ipc.ts and the harness bind), with
 * the real vault on a temp folder (passphrase mode, as in plain Node): the draft and secrets the wizard saves
 * become a file in the harness's downloads folder that the development key opens.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../common/errors.js';
import { SECRET_MASK } from '../../common/schemas/submission.js';
import { createDispatcher, type Dispatcher } from '../../main/dispatch.js';
import { createHandlers } from '../../main/handlers.js';
import { createLogger } from '../../main/log.js';
import { createNodePort, type NodePort } from '../../main/platform/node-port.js';
import { openSubmission } from '../../main/submission/index.js';
import { CANARY, canaryLeaks, devPrivateJwk, ROOT } from '../support/dev-recipient.js';

let dir: string;
let port: NodePort;
let dispatch: Dispatcher;
const logLines: string[] = [];
const answers: string[] = [];
const ctx = { runtime: 'harness' as const, emit() {} };

async function call(channel: string, input: unknown = {}): Promise<Result<Record<string, unknown>>> {
  const result = (await dispatch(channel, input, ctx)) as Result<Record<string, unknown>>;
  answers.push(JSON.stringify(result));
  return result;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bitagent-submission-harness-'));
  port = createNodePort({ userDataDir: dir, packageJsonPath: path.join(ROOT, 'package.json') });
  const log = createLogger((line) => logLines.push(line));
  dispatch = createDispatcher(createHandlers({ port, log }), log);
  expect((await call('vault.unlock', { passphrase: 'a passphrase for the submission test' })).ok).toBe(true);
  expect((await call('secrets.set', { ...CANARY })).ok).toBe(true);
  const saved = await call('draft.save', {
    contactName: 'Ada Lovelace',
    contactEmail: 'ada@example.com',
    companyId: 'acme',
  });
  expect(saved.ok).toBe(true);
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('submission calls, wired', () => {
  it('submission.recipient: the shipped development key, flagged', async () => {
    expect(await call('submission.recipient')).toEqual({
      ok: true,
      value: { kid: expect.stringMatching(/^dev-/), development: true },
    });
  });

  it('submission.preview: masked, complete, with the signer fingerprint', async () => {
    const preview = await call('submission.preview');
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.value).toMatchObject({
      missing: [],
      recipient: { development: true },
      payload: { connectwise: { clientId: SECRET_MASK, publicKey: SECRET_MASK, privateKey: SECRET_MASK } },
      signer: { fingerprint: expect.stringMatching(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/) },
    });
  });

  it('submission.export: refuses extra input and a missing reason, then writes a file the key opens', async () => {
    expect(await call('submission.export', { bogus: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await call('submission.export', {})).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'unvalidatedReason' },
    });
    const preview = await call('submission.preview');
    const exported = await call('submission.export', { unvalidatedReason: 'Testing the wiring' });
    expect(exported.ok).toBe(true);
    if (!exported.ok || !preview.ok) return;
    const file = exported.value.path as string;
    expect(path.dirname(file)).toBe(port.downloadsDir);
    expect(exported.value.signer).toEqual(preview.value.signer);
    const opened = await openSubmission(await readFile(file), devPrivateJwk());
    expect(opened.payload.connectwise).toMatchObject({ ...CANARY, companyId: 'acme' });
    expect(opened.signer).toEqual(exported.value.signer);
    // The installation key is sealed in the vault, not left in a file of its own.
    expect(canaryLeaks(await readFile(file, 'utf8'))).toEqual([]);
  });

  it('"forget everything" forgets the installation key too: the next export has a new fingerprint', async () => {
    const before = await call('submission.preview');
    expect((await call('vault.forget', { confirm: true })).ok).toBe(true);
    expect((await call('vault.unlock', { passphrase: 'another passphrase, also long' })).ok).toBe(true);
    expect((await call('secrets.set', { ...CANARY })).ok).toBe(true);
    await call('draft.save', { contactName: 'Ada', contactEmail: 'ada@example.com', companyId: 'acme' });
    const after = await call('submission.preview');
    expect(before.ok && after.ok).toBe(true);
    if (!before.ok || !after.ok) return;
    expect(after.value.signer).not.toEqual(before.value.signer);
  });

  it('no answer and no log line holds a piece of a secret', () => {
    expect(canaryLeaks(answers.join('\n'))).toEqual([]);
    expect(canaryLeaks(logLines.join('\n'))).toEqual([]);
  });
});

describe('submission calls before every secret is entered', () => {
  it('preview lists the missing secrets and export refuses, naming them', async () => {
    const freshDir = await mkdtemp(path.join(os.tmpdir(), 'bitagent-submission-missing-'));
    try {
      const freshPort = createNodePort({
        userDataDir: freshDir,
        packageJsonPath: path.join(ROOT, 'package.json'),
      });
      const log = createLogger(() => {});
      const fresh = createDispatcher(createHandlers({ port: freshPort, log }), log);
      expect((await fresh('vault.unlock', { passphrase: 'another passphrase, long enough' }, ctx)).ok).toBe(
        true,
      );
      expect((await fresh('secrets.set', { clientId: CANARY.clientId }, ctx)).ok).toBe(true);
      const preview = await fresh('submission.preview', {}, ctx);
      expect(preview).toMatchObject({
        ok: true,
        value: { missing: expect.arrayContaining(['publicKey', 'privateKey']) },
      });
      const exported = await fresh('submission.export', { unvalidatedReason: 'testing' }, ctx);
      expect(exported).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      if (!exported.ok) expect(exported.error.message).toMatch(/public key/i);
    } finally {
      await rm(freshDir, { recursive: true, force: true });
    }
  }, 30_000);
});
