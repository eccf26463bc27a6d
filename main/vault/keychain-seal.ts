/**
 * Sealing through the OS keychain (Electron safeStorage: DPAPI, macOS Keychain, libsecret/kwallet). safeStorage
 * takes no associated data, so the value is sealed inside a small envelope naming the item and the format
 * version, checked on the way out: the same binding the passphrase path gets from AES-GCM's associated data.
 */
import { z } from 'zod';
import type { KeychainSealer } from '../platform/port.js';
import { type KeychainBlob, VAULT_FORMAT } from './file-format.js';

const EnvelopeSchema = z.strictObject({
  f: z.literal(VAULT_FORMAT),
  v: z.number(),
  n: z.string(),
  s: z.string(),
});

export function sealWithKeychain(
  keychain: KeychainSealer,
  version: number,
  name: string,
  plain: string,
): KeychainBlob {
  const envelope = JSON.stringify({ f: VAULT_FORMAT, v: version, n: name, s: plain });
  return { v: version, data: keychain.seal(envelope).toString('base64') };
}

/** The value, or null when the keychain cannot open it or it was sealed for another item. */
export function openWithKeychain(keychain: KeychainSealer, name: string, blob: KeychainBlob): string | null {
  try {
    const parsed = EnvelopeSchema.safeParse(JSON.parse(keychain.unseal(Buffer.from(blob.data, 'base64'))));
    if (!parsed.success || parsed.data.n !== name || parsed.data.v !== blob.v) return null;
    return parsed.data.s;
  } catch {
    return null;
  }
}
