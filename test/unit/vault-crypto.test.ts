/** Passphrase sealing and keychain sealing, with real node:crypto. */
import { describe, expect, it } from 'vitest';
import { KdfSchema } from '../../main/vault/file-format.js';
import { openWithKeychain, sealWithKeychain } from '../../main/vault/keychain-seal.js';
import {
  checkOpens,
  deriveMasterKey,
  newKdf,
  openWithKey,
  PRODUCTION_SCRYPT_COST,
  sealCheck,
  sealWithKey,
} from '../../main/vault/passphrase-crypto.js';
import { fakeKeychain, TEST_SCRYPT } from '../support/vault-fixtures.js';

const PRIVATE_KEY = 'Zq8v0P3kLm2Nx7Rt';

describe('passphrase sealing', () => {
  it('round-trips, with a fresh salt and nonce on every write', async () => {
    const key = await deriveMasterKey('a long passphrase', newKdf(TEST_SCRYPT));
    const one = sealWithKey(key, 1, 'secret/privateKey', PRIVATE_KEY);
    const two = sealWithKey(key, 1, 'secret/privateKey', PRIVATE_KEY);
    expect(openWithKey(key, 'secret/privateKey', one)).toBe(PRIVATE_KEY);
    expect(openWithKey(key, 'secret/privateKey', two)).toBe(PRIVATE_KEY);
    expect(one.salt).not.toBe(two.salt);
    expect(one.nonce).not.toBe(two.nonce);
    expect(one.data).not.toBe(two.data);
    expect(Buffer.from(one.salt, 'base64')).toHaveLength(32);
    expect(Buffer.from(one.nonce, 'base64')).toHaveLength(12);
  });

  it('refuses another passphrase, another item name, another format version, and any changed byte', async () => {
    const kdf = newKdf(TEST_SCRYPT);
    const key = await deriveMasterKey('a long passphrase', kdf);
    const other = await deriveMasterKey('a long passphrasE', kdf);
    const blob = sealWithKey(key, 1, 'secret/privateKey', PRIVATE_KEY);
    expect(openWithKey(other, 'secret/privateKey', blob)).toBeNull();
    // Bound as associated data: a sealed private key copied over the client ID does not open as one.
    expect(openWithKey(key, 'secret/clientId', blob)).toBeNull();
    expect(openWithKey(key, 'secret/privateKey', { ...blob, v: 2 })).toBeNull();
    const data = Buffer.from(blob.data, 'base64');
    data[0] = (data[0] ?? 0) ^ 1;
    expect(openWithKey(key, 'secret/privateKey', { ...blob, data: data.toString('base64') })).toBeNull();
    const tag = Buffer.from(blob.tag, 'base64');
    expect(
      openWithKey(key, 'secret/privateKey', { ...blob, tag: tag.subarray(0, 8).toString('base64') }),
    ).toBeNull();
  });

  it('tells the right passphrase from a wrong one by its check item', async () => {
    const kdf = newKdf(TEST_SCRYPT);
    const check = sealCheck(await deriveMasterKey('the right one!', kdf), 1);
    expect(checkOpens(await deriveMasterKey('the right one!', kdf), check)).toBe(true);
    expect(checkOpens(await deriveMasterKey('the wrong one!', kdf), check)).toBe(false);
  });

  it('treats a passphrase typed composed or decomposed (NFC) as the same', async () => {
    const kdf = newKdf(TEST_SCRYPT);
    const composed = await deriveMasterKey('caf\u00e9 au lait, bitte', kdf);
    const decomposed = await deriveMasterKey('cafe\u0301 au lait, bitte', kdf);
    expect(composed.equals(decomposed)).toBe(true);
  });

  it('runs at the production cost (N=2^16, r=8, p=1) and stays within reach of the 100-250 ms budget', async () => {
    expect(PRODUCTION_SCRYPT_COST).toEqual({ N: 2 ** 16, r: 8, p: 1 });
    const kdf = newKdf(PRODUCTION_SCRYPT_COST);
    expect(KdfSchema.safeParse(kdf).success).toBe(true);
    const started = performance.now();
    const key = await deriveMasterKey('a long passphrase', kdf);
    const ms = performance.now() - started;
    console.log(`scrypt N=2^16 r=8 p=1: ${ms.toFixed(0)} ms`);
    expect(key).toHaveLength(32);
    // ~165 ms measured here; the bound is loose because two cores are shared with other test files.
    expect(ms).toBeGreaterThan(30);
    expect(ms).toBeLessThan(3000);
    const blob = sealWithKey(key, 1, 'secret/clientId', 'x');
    expect(openWithKey(await deriveMasterKey('a long passphrase', kdf), 'secret/clientId', blob)).toBe('x');
  });

  it('refuses stored scrypt parameters that would exhaust memory or are not powers of two', () => {
    const salt = Buffer.alloc(16).toString('base64');
    expect(KdfSchema.safeParse({ name: 'scrypt', N: 2 ** 20, r: 8, p: 1, salt }).success).toBe(false);
    expect(KdfSchema.safeParse({ name: 'scrypt', N: 2 ** 18, r: 16, p: 1, salt }).success).toBe(false);
    expect(KdfSchema.safeParse({ name: 'scrypt', N: 3000, r: 8, p: 1, salt }).success).toBe(false);
    expect(KdfSchema.safeParse({ name: 'scrypt', N: 2 ** 16, r: 8, p: 1, salt }).success).toBe(true);
  });
});

describe('keychain sealing', () => {
  it('round-trips through the keychain and binds the item name and version', () => {
    const keychain = fakeKeychain();
    const blob = sealWithKeychain(keychain, 1, 'secret/publicKey', PRIVATE_KEY);
    expect(Buffer.from(blob.data, 'base64').toString('latin1')).not.toContain(PRIVATE_KEY);
    expect(openWithKeychain(keychain, 'secret/publicKey', blob)).toBe(PRIVATE_KEY);
    expect(openWithKeychain(keychain, 'secret/privateKey', blob)).toBeNull();
    expect(openWithKeychain(keychain, 'secret/publicKey', { ...blob, v: 2 })).toBeNull();
    // Another computer's keychain cannot open it.
    expect(openWithKeychain(fakeKeychain(), 'secret/publicKey', blob)).toBeNull();
  });
});
