/** The vault service, on real files in a temp folder, with real crypto. */
import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../common/errors.js';
import { DEFAULT_DRAFT, type DraftPatch } from '../../common/schemas/draft.js';
import type { ValidationReport } from '../../common/schemas/validation.js';
import { silentLogger } from '../../main/log.js';
import type { KeychainSealer } from '../../main/platform/port.js';
import { delayAfter } from '../../main/vault/backoff.js';
import { VAULT_FILE_NAME } from '../../main/vault/file-format.js';
import { createVault, type Vault } from '../../main/vault/index.js';
import { fakeKeychain, TEST_SCRYPT, tempDir, testPort } from '../support/vault-fixtures.js';

const CLIENT_ID = '7a002312-3831-42a6-cff5-8cd2c8d969f1';
const PUBLIC_KEY = 'Pub1icKey0000001';
const PRIVATE_KEY = 'Pr1vateKey000001';
const PASSPHRASE = 'correct horse battery staple';

interface Opened {
  vault: Vault;
  dir: string;
  clock: { ms: number };
}

async function openVault(
  options: { dir?: string; keychain?: KeychainSealer | null; coalesceMs?: number } = {},
): Promise<Opened> {
  const dir = options.dir ?? (await tempDir());
  const clock = { ms: Date.parse('2026-12-04T10:00:00.000Z') };
  const vault = createVault({
    port: testPort(dir, options.keychain ?? null),
    log: silentLogger,
    dir,
    now: () => new Date(clock.ms),
    scryptCost: TEST_SCRYPT,
    ...(options.coalesceMs === undefined ? {} : { coalesceMs: options.coalesceMs }),
  });
  return { vault, dir, clock };
}

async function failure(promise: Promise<unknown>): Promise<AppFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('expected an AppFailure');
}

const storeBytes = (dir: string) => readFile(path.join(dir, VAULT_FILE_NAME));

describe('the draft', () => {
  it('starts from the guide defaults, saves a patch durably, and a new instance reads it back', async () => {
    const { vault, dir } = await openVault();
    expect(await vault.loadDraft()).toEqual({ draft: DEFAULT_DRAFT, savedAt: null, recovery: null });
    const { savedAt } = await vault.saveDraft({
      companyId: 'acme',
      checklist: { 'client-id-requested': true },
    });
    expect(savedAt).toBe('2026-12-04T10:00:00.000Z');
    const again = (await openVault({ dir })).vault;
    const loaded = await again.loadDraft();
    expect(loaded.draft).toEqual({
      ...DEFAULT_DRAFT,
      companyId: 'acme',
      checklist: { 'client-id-requested': true },
    });
    expect(loaded.savedAt).toBe(savedAt);
  });

  it('refuses a patch with an unknown key or a wrong type whole, naming the field, changing nothing', async () => {
    const { vault, dir } = await openVault();
    await vault.saveDraft({ companyId: 'acme' });
    const before = await storeBytes(dir);

    const unknown = await failure(vault.saveDraft({ companyId: 'other', colour: 'red' } as DraftPatch));
    expect(unknown.code).toBe('invalid-input');
    expect(unknown.field).toBe('colour');
    expect(unknown.message).toContain('colour');

    const wrongType = await failure(
      vault.saveDraft({ companyId: 'other', boardId: 'twelve' } as unknown as DraftPatch),
    );
    expect(wrongType.field).toBe('boardId');

    const nested = await failure(vault.saveDraft({ checklist: { a: 'yes' } } as unknown as DraftPatch));
    expect(nested.field).toBe('checklist.a');

    expect((await storeBytes(dir)).equals(before)).toBe(true);
    expect((await vault.loadDraft()).draft.companyId).toBe('acme');
  });

  it('coalesces a burst of 50 saves into a write or two, each resolving once its change is on disk', async () => {
    const { vault, dir, clock } = await openVault({ coalesceMs: 10 });
    // Every write reads the clock once: distinct savedAt values count the writes.
    const saves = Array.from({ length: 50 }, (_, i) => {
      clock.ms += 1;
      return vault.saveDraft({ contactName: `name ${i}` });
    });
    const results = await Promise.all(saves);
    const writes = new Set(results.map((r) => r.savedAt));
    expect(writes.size).toBeLessThanOrEqual(2);
    const onDisk = JSON.parse((await storeBytes(dir)).toString('utf8'));
    expect(onDisk.draft.contactName).toBe('name 49');
  });

  it('keeps a save that comes while a write is running for the next write', async () => {
    const { vault, dir } = await openVault({ coalesceMs: 0 });
    const first = vault.saveDraft({ contactName: 'first' });
    await new Promise((resolve) => setImmediate(resolve));
    const second = vault.saveDraft({ contactName: 'second' });
    await Promise.all([first, second]);
    expect(JSON.parse((await storeBytes(dir)).toString('utf8')).draft.contactName).toBe('second');
  });

  it('stores the last validation report with the draft', async () => {
    const { vault } = await openVault();
    const report: ValidationReport = {
      ok: true,
      checks: [{ id: 'site', status: 'pass', title: 'Site', detail: 'reachable' }],
      statuses: [{ id: 1, name: 'New' }],
      durationMs: 120,
      checkedAt: '2026-12-04T10:00:00.000Z',
    };
    await vault.saveReport(report);
    expect((await vault.loadDraft()).draft.lastReport).toEqual(report);
  });
});

describe('a damaged store', () => {
  it('is moved aside as *.corrupt-<timestamp>, what validates is recovered, and the wizard is told', async () => {
    const { vault, dir } = await openVault();
    await vault.saveDraft({ companyId: 'acme', site: 'eu.myconnectwise.net', board: 'Help Desk' });
    const good = (await storeBytes(dir)).toString('utf8');
    const damaged = good.slice(0, good.indexOf('"board"'));
    await writeFile(path.join(dir, VAULT_FILE_NAME), damaged);

    const restarted = (await openVault({ dir })).vault;
    const loaded = await restarted.loadDraft();
    expect(loaded.recovery).not.toBeNull();
    const movedTo = loaded.recovery?.movedTo ?? '';
    expect(path.basename(movedTo)).toBe(`${VAULT_FILE_NAME}.corrupt-2026-12-04T10-00-00-000Z`);
    expect(await readFile(movedTo, 'utf8')).toBe(damaged); // never silently replaced: the bytes are kept
    expect(loaded.recovery?.recoveredFields).toEqual(expect.arrayContaining(['companyId', 'site']));
    expect(loaded.recovery?.recoveredFields).not.toContain('board');
    expect(loaded.draft).toMatchObject({ companyId: 'acme', site: 'eu.myconnectwise.net', board: 'Support' });

    // Still reported on the start after that (the wizard may not have shown it), until a save follows a load.
    const third = (await openVault({ dir })).vault;
    expect((await third.loadDraft()).recovery?.movedTo).toBe(movedTo);
    await third.saveDraft({ board: 'Help Desk' });
    expect((await (await openVault({ dir })).vault.loadDraft()).recovery).toBeNull();
  });

  it('keeps an earlier copy moved aside when a second one is moved the same instant', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, VAULT_FILE_NAME), 'not json');
    await (await openVault({ dir })).vault.loadDraft();
    await writeFile(path.join(dir, VAULT_FILE_NAME), 'still not json');
    await (await openVault({ dir })).vault.loadDraft();
    const aside = readdirSync(dir).filter((n) => n.includes('.corrupt-'));
    expect(aside).toHaveLength(2);
  });

  it('refuses a tampered or swapped sealed secret as store-corrupt, naming it', async () => {
    const { vault, dir } = await openVault();
    await vault.unlock(PASSPHRASE);
    await vault.setSecrets({ clientId: CLIENT_ID, publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY });
    const raw = JSON.parse((await storeBytes(dir)).toString('utf8'));
    raw.sealed.secrets.privateKey = raw.sealed.secrets.publicKey;
    await writeFile(path.join(dir, VAULT_FILE_NAME), JSON.stringify(raw));
    const restarted = (await openVault({ dir })).vault;
    await restarted.unlock(PASSPHRASE);
    const error = await failure(restarted.readValidationInput());
    expect(error.code).toBe('store-corrupt');
    expect(error.field).toBe('privateKey');
  });
});

describe('secrets with a passphrase (no keychain)', () => {
  it('reports none-yet, refuses to seal before a passphrase is chosen, then seals and reports only set/wellFormed', async () => {
    const { vault, dir } = await openVault();
    expect(await vault.status()).toEqual({
      protection: 'none-yet',
      passphraseRequired: true,
      retryAfterSeconds: 0,
    });
    expect((await failure(vault.setSecrets({ clientId: CLIENT_ID }))).code).toBe('locked');

    expect((await vault.unlock(PASSPHRASE)).protection).toBe('passphrase');
    const status = await vault.setSecrets({
      clientId: CLIENT_ID,
      publicKey: 'short',
      privateKey: PRIVATE_KEY,
    });
    expect(status).toEqual({
      clientId: { set: true, wellFormed: true },
      publicKey: { set: true, wellFormed: false },
      privateKey: { set: true, wellFormed: true },
    });
    const file = (await storeBytes(dir)).toString('utf8');
    expect(file).not.toContain(CLIENT_ID);
    expect(file).not.toContain(PRIVATE_KEY);
  });

  it('is locked after a restart: status still says which are set, reading them needs the passphrase', async () => {
    const { vault, dir } = await openVault();
    await vault.unlock(PASSPHRASE);
    await vault.setSecrets({ clientId: CLIENT_ID, publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY });
    await vault.saveDraft({ companyId: 'acme', site: 'na.myconnectwise.net' });

    const restarted = (await openVault({ dir })).vault;
    expect((await restarted.status()).protection).toBe('locked');
    expect((await restarted.secretsStatus()).privateKey).toEqual({ set: true, wellFormed: true });
    expect((await failure(restarted.readValidationInput())).code).toBe('locked');
    expect((await failure(restarted.setSecrets({ clientId: CLIENT_ID }))).code).toBe('locked');

    await restarted.unlock(PASSPHRASE);
    expect(await restarted.readValidationInput()).toEqual({
      site: 'na.myconnectwise.net',
      companyId: 'acme',
      clientId: CLIENT_ID,
      publicKey: PUBLIC_KEY,
      privateKey: PRIVATE_KEY,
      board: DEFAULT_DRAFT.board,
      statuses: DEFAULT_DRAFT.statuses,
    });
    const submission = await restarted.readSubmissionInput();
    expect(submission.secrets).toEqual({
      clientId: CLIENT_ID,
      publicKey: PUBLIC_KEY,
      privateKey: PRIVATE_KEY,
    });
    expect(submission.draft.companyId).toBe('acme');
  });

  it('names the missing secret, and removes one on null or an empty string', async () => {
    const { vault } = await openVault();
    await vault.unlock(PASSPHRASE);
    await vault.setSecrets({ clientId: CLIENT_ID, publicKey: PUBLIC_KEY });
    const missing = await failure(vault.readValidationInput());
    expect(missing.code).toBe('secret-missing');
    expect(missing.field).toBe('privateKey');
    expect(missing.message).toContain('private key');

    await vault.setSecrets({ privateKey: PRIVATE_KEY });
    const status = await vault.setSecrets({ clientId: null, publicKey: '' });
    expect(status.clientId).toEqual({ set: false, wellFormed: null });
    expect(status.publicKey).toEqual({ set: false, wellFormed: null });
    expect(status.privateKey.set).toBe(true);
  });

  it('on a wrong passphrase: a clear error, the store byte for byte unchanged, a delay that grows after 5 failures', async () => {
    const { vault, dir } = await openVault();
    await vault.unlock(PASSPHRASE);
    await vault.setSecrets({ clientId: CLIENT_ID });
    const reopened = await openVault({ dir });
    const before = await storeBytes(dir);
    const listing = readdirSync(dir);

    for (let attempt = 1; attempt <= 4; attempt++) {
      const error = await failure(reopened.vault.unlock(`wrong passphrase ${attempt}`));
      expect(error.code).toBe('wrong-passphrase');
      expect(error.field).toBe('passphrase');
      expect(error.retryAfterSeconds).toBeUndefined();
    }
    const fifth = await failure(reopened.vault.unlock('wrong passphrase 5'));
    expect(fifth.code).toBe('wrong-passphrase');
    expect(fifth.retryAfterSeconds).toBe(30);
    expect(fifth.message).toContain('30 seconds');

    // During the wait even the right passphrase is not tried.
    const early = await failure(reopened.vault.unlock(PASSPHRASE));
    expect(early.code).toBe('retry-later');
    expect(early.retryAfterSeconds).toBe(30);
    reopened.clock.ms += 10_000;
    expect((await reopened.vault.status()).retryAfterSeconds).toBe(20);

    reopened.clock.ms += 20_000;
    expect((await failure(reopened.vault.unlock('wrong passphrase 6'))).retryAfterSeconds).toBe(60);
    reopened.clock.ms += 60_000;
    expect((await reopened.vault.unlock(PASSPHRASE)).protection).toBe('passphrase');
    expect((await reopened.vault.status()).retryAfterSeconds).toBe(0);

    expect((await storeBytes(dir)).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(listing);
  });

  it('serialises parallel guesses, so they cannot dodge the delay', async () => {
    const { vault, dir } = await openVault();
    await vault.unlock(PASSPHRASE);
    const reopened = (await openVault({ dir })).vault;
    const guesses = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => reopened.unlock(`parallel guess ${i}`)),
    );
    const codes = guesses.map((g) => (g.status === 'rejected' ? (g.reason as AppFailure).code : 'ok'));
    expect(codes.filter((c) => c === 'wrong-passphrase')).toHaveLength(5);
    expect(codes.filter((c) => c === 'retry-later')).toHaveLength(3);
  });

  it('grows the delay from 30 s, doubling, to at most 15 minutes', () => {
    expect([4, 5, 6, 7, 20].map(delayAfter)).toEqual([0, 30_000, 60_000, 120_000, 900_000]);
  });

  it('refuses a passphrase shorter than 10 characters, naming the field', async () => {
    const { vault } = await openVault();
    const error = await failure(vault.unlock('short'));
    expect(error.code).toBe('invalid-input');
    expect(error.field).toBe('passphrase');
    expect((await vault.status()).protection).toBe('none-yet');
  });
});

describe('secrets with the OS keychain', () => {
  it('seals through the keychain with no passphrase, and needs none after a restart', async () => {
    const keychain = fakeKeychain();
    const { vault, dir } = await openVault({ keychain });
    expect(await vault.status()).toEqual({
      protection: 'keychain',
      passphraseRequired: false,
      retryAfterSeconds: 0,
    });
    await vault.setSecrets({ clientId: CLIENT_ID, publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY });
    expect(keychain.sealCalls).toBe(3);
    expect((await storeBytes(dir)).toString('utf8')).not.toContain(PRIVATE_KEY);
    expect((await failure(vault.unlock(PASSPHRASE))).code).toBe('not-available');

    const restarted = (await openVault({ dir, keychain })).vault;
    expect((await restarted.status()).protection).toBe('keychain');
    expect((await restarted.readValidationInput()).privateKey).toBe(PRIVATE_KEY);
  });

  it('where that keychain is missing (the harness on the same computer): locked, explained, nothing replaced', async () => {
    const { vault, dir } = await openVault({ keychain: fakeKeychain('gnome_libsecret') });
    await vault.setSecrets({ clientId: CLIENT_ID });
    const before = await storeBytes(dir);
    const harness = (await openVault({ dir, keychain: null })).vault;
    expect(await harness.status()).toEqual({
      protection: 'locked',
      passphraseRequired: true,
      retryAfterSeconds: 0,
    });
    expect((await harness.secretsStatus()).clientId.set).toBe(true);
    const error = await failure(harness.unlock(PASSPHRASE));
    expect(error.code).toBe('locked');
    expect(error.message).toContain('gnome_libsecret');
    expect((await failure(harness.setSecrets({ clientId: CLIENT_ID }))).code).toBe('locked');
    expect((await storeBytes(dir)).equals(before)).toBe(true);
  });

  it('a store sealed with a passphrase stays so where a keychain appears: locked until the passphrase', async () => {
    const { vault, dir } = await openVault();
    await vault.unlock(PASSPHRASE);
    await vault.setSecrets({ privateKey: PRIVATE_KEY });
    const app = (await openVault({ dir, keychain: fakeKeychain() })).vault;
    expect(await app.status()).toEqual({
      protection: 'locked',
      passphraseRequired: false,
      retryAfterSeconds: 0,
    });
    await app.unlock(PASSPHRASE);
    expect((await app.status()).protection).toBe('passphrase');
  });
});

describe('extra sealed items', () => {
  it('seal with the active protection, survive a restart, and are wiped by forget', async () => {
    const { vault, dir } = await openVault();
    const item = vault.sealedItem('signing-key');
    expect((await failure(item.save('{"kty":"OKP"}'))).code).toBe('locked');
    await vault.unlock(PASSPHRASE);
    expect(await item.load()).toBeNull();
    await item.save('{"kty":"OKP","d":"c2VjcmV0LXNpZ25pbmcta2V5"}');
    expect((await storeBytes(dir)).toString('utf8')).not.toContain('c2VjcmV0LXNpZ25pbmcta2V5');

    const restarted = (await openVault({ dir })).vault;
    expect((await failure(restarted.sealedItem('signing-key').load())).code).toBe('locked');
    await restarted.unlock(PASSPHRASE);
    expect(await restarted.sealedItem('signing-key').load()).toBe(
      '{"kty":"OKP","d":"c2VjcmV0LXNpZ25pbmcta2V5"}',
    );
    await restarted.forget();
    expect(await restarted.sealedItem('signing-key').load()).toBeNull();
    expect(() => vault.sealedItem('../escape')).toThrow(TypeError);
  });

  it('work with the keychain', async () => {
    const keychain = fakeKeychain();
    const { vault, dir } = await openVault({ keychain });
    await vault.sealedItem('signing-key').save('jwk');
    expect(await (await openVault({ dir, keychain })).vault.sealedItem('signing-key').load()).toBe('jwk');
  });
});

describe('forget', () => {
  it('wipes the draft, the secrets, the copies moved aside and the key in memory', async () => {
    const { vault, dir } = await openVault();
    await writeFile(path.join(dir, VAULT_FILE_NAME), '{ damaged');
    await vault.loadDraft();
    await vault.unlock(PASSPHRASE);
    await vault.setSecrets({ clientId: CLIENT_ID });
    await vault.saveDraft({ companyId: 'acme' });
    await writeFile(path.join(dir, 'unrelated.txt'), 'not ours');

    const pending = vault.saveDraft({ contactName: 'typed just before' });
    const status = await vault.forget();
    await pending;
    expect(status).toEqual({ protection: 'none-yet', passphraseRequired: true, retryAfterSeconds: 0 });
    expect(readdirSync(dir)).toEqual(['unrelated.txt']);
    expect(await vault.loadDraft()).toEqual({ draft: DEFAULT_DRAFT, savedAt: null, recovery: null });
    expect((await vault.secretsStatus()).clientId.set).toBe(false);
    expect((await failure(vault.setSecrets({ clientId: CLIENT_ID }))).code).toBe('locked');

    // A fresh start after forget is a fresh vault, and a new passphrase may be chosen.
    await vault.saveDraft({ companyId: 'new' });
    expect(existsSync(path.join(dir, VAULT_FILE_NAME))).toBe(true);
    expect((await vault.unlock('another passphrase')).protection).toBe('passphrase');
  });
});
