/**
 * Passphrase sealing, for where there is no OS keychain (Linux `basic_text`, the harness, the CLI).
 *
 * - scrypt(passphrase, salt, N, r=8, p=1) -> a 32-byte master key, derived once when the user enters the
 *   passphrase and kept in memory only. The salt is random, drawn anew each time a passphrase is chosen.
 * - Every write of a sealed item draws a fresh random 32-byte salt and a fresh 12-byte nonce: the item's key is
 *   HKDF-SHA256(master, salt), and AES-256-GCM seals the value under it with the associated data
 *   "bitagent.vault/v<format version>/<item name>". Re-running scrypt per write would need the passphrase
 *   itself in memory and 100-250 ms per save; HKDF gives each write its own key at no cost, so a random nonce
 *   never meets the same key twice. The associated data binds each value to its name (a sealed private key
 *   copied over the client ID fails to open) and to the format version it was sealed under.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scrypt } from 'node:crypto';
import type { Kdf, PassphraseBlob } from './file-format.js';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/**
 * Measured on this project's build machine (2 shared cores, Node 20): 2^15 ~ 82 ms, 2^16 ~ 165 ms,
 * 2^17 ~ 336 ms per derivation. 2^16 sits in the middle of the 100-250 ms the issue asks for, and needs 64 MiB.
 * `npm run bench` (scripts/bench-vault.ts) prints it again on any machine.
 */
export const PRODUCTION_SCRYPT_COST: ScryptCost = { N: 2 ** 16, r: 8, p: 1 };

const KEY_BYTES = 32;
const HKDF_INFO = Buffer.from('bitagent.vault aes-256-gcm item key');
export const CHECK_ITEM = 'passphrase-check';
const CHECK_TEXT = 'bitagent.vault: the passphrase opens this vault';

export function newKdf(cost: ScryptCost): Kdf {
  return { name: 'scrypt', N: cost.N, r: cost.r, p: cost.p, salt: randomBytes(16).toString('base64') };
}

export function deriveMasterKey(passphrase: string, kdf: Kdf): Promise<Buffer> {
  // NFC: the same passphrase typed on another keyboard or OS may arrive composed differently.
  const secret = Buffer.from(passphrase.normalize('NFC'), 'utf8');
  const maxmem = 128 * kdf.N * kdf.r * 2 + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(
      secret,
      Buffer.from(kdf.salt, 'base64'),
      KEY_BYTES,
      { N: kdf.N, r: kdf.r, p: kdf.p, maxmem },
      (error, key) => {
        secret.fill(0);
        if (error) reject(error);
        else resolve(key);
      },
    );
  });
}

function associatedData(version: number, name: string): Buffer {
  return Buffer.from(`bitagent.vault/v${version}/${name}`, 'utf8');
}

function itemKey(master: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', master, salt, HKDF_INFO, KEY_BYTES));
}

export function sealWithKey(master: Buffer, version: number, name: string, plain: string): PassphraseBlob {
  const salt = randomBytes(32);
  const nonce = randomBytes(12);
  const key = itemKey(master, salt);
  try {
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    cipher.setAAD(associatedData(version, name));
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return {
      v: version,
      salt: salt.toString('base64'),
      nonce: nonce.toString('base64'),
      data: data.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    };
  } finally {
    key.fill(0);
  }
}

/** The value, or null when the key is wrong or the blob was altered (GCM authentication failed). */
export function openWithKey(master: Buffer, name: string, blob: PassphraseBlob): string | null {
  const key = itemKey(master, Buffer.from(blob.salt, 'base64'));
  try {
    const nonce = Buffer.from(blob.nonce, 'base64');
    const tag = Buffer.from(blob.tag, 'base64');
    if (nonce.length !== 12 || tag.length !== 16) return null;
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: 16 });
    decipher.setAAD(associatedData(blob.v, name));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(blob.data, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    return null;
  } finally {
    key.fill(0);
  }
}

export function sealCheck(master: Buffer, version: number): PassphraseBlob {
  return sealWithKey(master, version, CHECK_ITEM, CHECK_TEXT);
}

export function checkOpens(master: Buffer, blob: PassphraseBlob): boolean {
  return openWithKey(master, CHECK_ITEM, blob) === CHECK_TEXT;
}
