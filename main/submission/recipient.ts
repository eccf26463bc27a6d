/**
 * BitAgent's recipient public key, as shipped in assets/. The development key (kid `dev-...`) ships for tests
 * and the demo; nobody at BitAgent can open what is sealed to it, so the app says so, and the release guard
 * refuses to package it.
 */
import { fileURLToPath } from 'node:url';
import { AppFailure } from '../../common/errors.js';
import { readBoundedFile } from './files.js';
import { parseRecipientPublicJwk, type RecipientPublicJwk } from './keys.js';

/**
 * assets/recipient/ at the project root: two folders up from this file in the sources (main/submission/) and
 * from the bundles (out/main/, out/cli/) alike. Packaged builds pass their own path.
 */
export const DEFAULT_RECIPIENT_JWK_PATH = fileURLToPath(
  new URL('../../assets/recipient/bitagent-recipient.public.jwk', import.meta.url),
);

/** A JWK is a few hundred bytes; anything far bigger is not one. */
export const MAX_JWK_BYTES = 64 * 1024;

export async function readRecipientPublicJwk(file: string): Promise<RecipientPublicJwk> {
  let value: unknown;
  try {
    value = JSON.parse((await readBoundedFile(file, MAX_JWK_BYTES)).toString('utf8'));
  } catch {
    throw new AppFailure('io', 'BitAgent’s recipient key is missing or unreadable in this installation.');
  }
  try {
    return parseRecipientPublicJwk(value);
  } catch {
    throw new AppFailure(
      'io',
      'BitAgent’s recipient key in this installation is not a valid X25519 public key.',
    );
  }
}
