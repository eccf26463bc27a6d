/**
 * This installation's signing key: loaded from its store, or created and saved the first time it is needed.
 * The same key signs every file from this installation, so the representative can recognise it by its
 * fingerprint.
 */
import { AppFailure } from '../../common/errors.js';
import type { Logger } from '../log.js';
import type { InstallationKeyStore } from './key-store.js';
import { generateSigningKey, type SigningKey, serializeSigningKey, signingKeyFromJwk } from './keys.js';

/**
 * Returns a function that yields the key, read from the store each time (so "forget everything" in the vault
 * also forgets it). Calls that overlap share one read, so two exports started at once cannot each create a
 * key and leave one file signed by a key that was then overwritten.
 */
export function createInstallationKey(store: InstallationKeyStore, log: Logger): () => Promise<SigningKey> {
  let pending: Promise<SigningKey> | null = null;
  return () => {
    pending ??= loadOrCreate(store, log).finally(() => {
      pending = null;
    });
    return pending;
  };
}

async function loadOrCreate(store: InstallationKeyStore, log: Logger): Promise<SigningKey> {
  const stored = await store.load();
  if (stored !== null) {
    const existing = await parseStored(stored);
    if (existing) return existing;
    // The key only identifies this installation; a new one costs the representative a fingerprint check,
    // while refusing would block every export for good. Said in the log, and the new fingerprint is shown.
    log.warn('submission: the stored installation key is unreadable; a new one replaces it');
  }
  const created = await generateSigningKey();
  try {
    await store.save(serializeSigningKey(created));
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    throw new AppFailure('io', 'Could not save this installation’s signing key.');
  }
  log.info('submission: created this installation’s signing key', { thumbprint: created.signer.thumbprint });
  return created;
}

async function parseStored(text: string): Promise<SigningKey | null> {
  try {
    return await signingKeyFromJwk(JSON.parse(text));
  } catch {
    return null;
  }
}
