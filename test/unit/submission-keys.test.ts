/** Keys and fingerprints: the recipient pair, the installation key and its store, the fingerprint format. */
import { createPublicKey } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { calculateJwkThumbprint } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../common/errors.js';
import { createLogger } from '../../main/log.js';
import {
  createFileKeyStore,
  createInstallationKey,
  fingerprintOf,
  generateRecipientKeyPair,
  generateSigningKey,
  type InstallationKeyStore,
  isDevelopmentRecipient,
  parseRecipientPrivateJwk,
  parseRecipientPublicJwk,
  serializeSigningKey,
  signingKeyFromJwk,
} from '../../main/submission/index.js';
import { devPrivateJwk, devPublicJwk } from '../support/dev-recipient.js';

/** An independent base32 (RFC 4648) via BigInt, to check the fingerprint against. */
function base32Reference(bytes: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let n = BigInt(`0x${bytes.toString('hex')}`);
  let out = '';
  for (let i = 0; i < (bytes.length * 8) / 5; i++) {
    out = alphabet[Number(n & 31n)] + out;
    n >>= 5n;
  }
  return out;
}

describe('fingerprintOf', () => {
  it('groups the first 160 bits of the thumbprint in base32, 8 groups of 4 (RFC 8037 example key)', async () => {
    // RFC 8037 appendix A.3: this key's RFC 7638 thumbprint.
    const thumbprint = await calculateJwkThumbprint({
      kty: 'OKP',
      crv: 'Ed25519',
      x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
    });
    expect(thumbprint).toBe('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
    const fingerprint = fingerprintOf(thumbprint);
    expect(fingerprint).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    const expected = base32Reference(Buffer.from(thumbprint, 'base64url').subarray(0, 20));
    expect(fingerprint.replaceAll(' ', '')).toBe(expected);
  });

  it('is the same for the same key and differs between keys', async () => {
    const a = await generateSigningKey();
    const b = await generateSigningKey();
    expect(fingerprintOf(a.signer.thumbprint)).toBe(a.signer.fingerprint);
    expect(a.signer.fingerprint).not.toBe(b.signer.fingerprint);
  });

  it.each([
    '',
    'abc',
    'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k=',
    'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4l',
    'kPrK+qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k',
  ])('refuses %j, which is not a canonical SHA-256 thumbprint', (value) => {
    expect(() => fingerprintOf(value)).toThrow(AppFailure);
  });
});

describe('recipient keys', () => {
  it('the shipped public key is the development key, public only, and the test private key is its other half', () => {
    const publicJwk = devPublicJwk();
    expect(publicJwk.kid).toMatch(/^dev-/);
    expect(isDevelopmentRecipient(publicJwk)).toBe(true);
    expect(publicJwk).not.toHaveProperty('d');
    expect(parseRecipientPublicJwk(publicJwk).x).toBe(publicJwk.x);
    const privateJwk = parseRecipientPrivateJwk(devPrivateJwk());
    expect(privateJwk.kid).toBe(publicJwk.kid);
    const derived = createPublicKey({ key: { ...privateJwk }, format: 'jwk' }).export({ format: 'jwk' });
    expect(derived.x).toBe(publicJwk.x);
  });

  it('isDevelopmentRecipient only for a string kid starting "dev-"', () => {
    expect(isDevelopmentRecipient({ kid: 'dev-x' })).toBe(true);
    expect(isDevelopmentRecipient({ kid: 'bitagent-dev-x' })).toBe(false);
    expect(isDevelopmentRecipient({ kid: 'DEV-x' })).toBe(false);
    expect(isDevelopmentRecipient({})).toBe(false);
    expect(isDevelopmentRecipient(null)).toBe(false);
    expect(isDevelopmentRecipient({ kid: 7 })).toBe(false);
  });

  it('keygen pairs: kid from the prefix and thumbprint, halves that match', async () => {
    const prod = await generateRecipientKeyPair();
    const dev = await generateRecipientKeyPair({ development: true });
    const thumbprint = await calculateJwkThumbprint({ kty: 'OKP', crv: 'X25519', x: prod.publicJwk.x });
    expect(prod.publicJwk.kid).toBe(`bitagent-${thumbprint}`);
    expect(dev.publicJwk.kid).toMatch(/^dev-[A-Za-z0-9_-]{43}$/);
    expect(prod.publicJwk).not.toHaveProperty('d');
    expect(prod.privateJwk).toMatchObject({ ...prod.publicJwk, d: expect.any(String) });
    expect(parseRecipientPrivateJwk(prod.privateJwk)).toBeTruthy();
  });

  it('refuses a private key given as the public one, and keys of the wrong kind', async () => {
    const { privateJwk, publicJwk } = await generateRecipientKeyPair();
    expect(() => parseRecipientPublicJwk(privateJwk)).toThrow(/private key/);
    expect(() => parseRecipientPublicJwk({ ...publicJwk, crv: 'Ed25519' })).toThrow(/"crv"/);
    expect(() => parseRecipientPublicJwk({ ...publicJwk, kid: undefined })).toThrow(/"kid"/);
    expect(() => parseRecipientPublicJwk({ ...publicJwk, x: `${publicJwk.x}A` })).toThrow(/"x"/);
    expect(() => parseRecipientPrivateJwk(publicJwk)).toThrow(/"d"/);
    expect(() => parseRecipientPrivateJwk('nonsense')).toThrow(AppFailure);
    // The message names the field, never the key material.
    try {
      parseRecipientPrivateJwk({ ...privateJwk, kid: '' });
    } catch (error) {
      expect((error as Error).message).not.toContain(privateJwk.d);
    }
  });
});

describe('the installation signing key', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'bitagent-key-test-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips through its serialised form and refuses a damaged one', async () => {
    const key = await generateSigningKey();
    const again = await signingKeyFromJwk(JSON.parse(serializeSigningKey(key)));
    expect(again.signer).toEqual(key.signer);
    const other = await generateSigningKey();
    await expect(signingKeyFromJwk({ ...key.privateJwk, x: other.publicJwk.x })).rejects.toThrow(
      /does not match/,
    );
    await expect(signingKeyFromJwk({ ...key.privateJwk, crv: 'X25519' })).rejects.toThrow(AppFailure);
  });

  it('the file store writes mode 0600 atomically and reads back; a missing file is null', async () => {
    const file = path.join(dir, 'nested', 'installation-key.jwk');
    const store = createFileKeyStore(file);
    expect(await store.load()).toBeNull();
    await store.save('{"k":1}');
    expect(await store.load()).toBe('{"k":1}');
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    await store.save('{"k":2}');
    expect(await readFile(file, 'utf8')).toBe('{"k":2}');
  });

  it('is created once, even when asked for twice at the same moment, and then loaded', async () => {
    const file = path.join(dir, 'installation-key.jwk');
    let saves = 0;
    const fileStore = createFileKeyStore(file);
    const store: InstallationKeyStore = {
      load: fileStore.load,
      save: async (v) => {
        saves++;
        await fileStore.save(v);
      },
    };
    const get = createInstallationKey(
      store,
      createLogger(() => {}),
    );
    const [a, b] = await Promise.all([get(), get()]);
    expect(saves).toBe(1);
    expect(a.signer).toEqual(b.signer);
    const later = await createInstallationKey(
      store,
      createLogger(() => {}),
    )();
    expect(later.signer).toEqual(a.signer);
    expect(saves).toBe(1);
  });

  it('replaces an unreadable stored key, and says so in the log', async () => {
    const file = path.join(dir, 'installation-key.jwk');
    await writeFile(file, 'not json');
    const lines: string[] = [];
    const key = await createInstallationKey(
      createFileKeyStore(file),
      createLogger((l) => lines.push(l)),
    )();
    expect(lines.some((l) => l.includes('warn') && l.includes('unreadable'))).toBe(true);
    expect((await signingKeyFromJwk(JSON.parse(await readFile(file, 'utf8')))).signer).toEqual(key.signer);
  });

  it('does not remember a failed load (a locked vault): the next call tries again', async () => {
    let fail = true;
    const saved: string[] = [];
    const store: InstallationKeyStore = {
      load: async () => {
        if (fail) throw new AppFailure('locked', 'The vault is locked.');
        return saved[0] ?? null;
      },
      save: async (v) => {
        saved.push(v);
      },
    };
    const get = createInstallationKey(
      store,
      createLogger(() => {}),
    );
    await expect(get()).rejects.toMatchObject({ code: 'locked' });
    fail = false;
    await expect(get()).resolves.toHaveProperty('signer');
  });
});
