/**
 * Sealing and opening items with whichever protection the store uses: the OS keychain, or the
 * passphrase-derived key. Decides when that is not possible right now (`locked`), and says why in words the
 * wizard can show. Never puts a value in an error.
 */
import { AppFailure } from '../../common/errors.js';
import type { SecretName } from '../../common/schemas/vault.js';
import type { KeychainSealer } from '../platform/port.js';
import { type SealedSection, VAULT_FORMAT_VERSION } from './file-format.js';
import { openWithKeychain, sealWithKeychain } from './keychain-seal.js';
import { openWithKey, sealWithKey } from './passphrase-crypto.js';

export interface SealContext {
  keychain: KeychainSealer | null;
  /** The passphrase-derived key, once unlocked. */
  masterKey: Buffer | null;
}

export const SECRET_LABELS: Record<SecretName, string> = {
  clientId: 'Client ID',
  publicKey: 'public key',
  privateKey: 'private key',
};

const secretItem = (name: SecretName) => `secret/${name}`;
const extraItem = (name: string) => `extra/${name}`;

export function foreignKeychainMessage(backend: string): string {
  return (
    `The saved keys were sealed with this computer's keychain (${backend}) by the desktop app, which is not ` +
    'available here. Open the desktop app, or use "Forget everything" to start again here.'
  );
}

/** The section a write goes into: the keychain's, created on first use, or the unlocked passphrase one. */
function writableSection(section: SealedSection | null, ctx: SealContext): SealedSection {
  if (section === null) {
    if (!ctx.keychain)
      throw new AppFailure('locked', 'Choose a passphrase first: it protects the keys on this computer.');
    return { protection: 'keychain', backend: ctx.keychain.backend, secrets: {}, extras: {} };
  }
  if (section.protection === 'keychain') {
    if (!ctx.keychain) throw new AppFailure('locked', foreignKeychainMessage(section.backend));
    return section;
  }
  if (!ctx.masterKey)
    throw new AppFailure('locked', 'Enter your passphrase first: the saved keys are locked.');
  return section;
}

/** A new section with one secret set (or removed, for null). Removing needs no unlocking. */
export function withSecret(
  section: SealedSection | null,
  ctx: SealContext,
  name: SecretName,
  value: string | null,
  wellFormed: boolean,
): SealedSection | null {
  if (value === null) {
    if (section === null) return null;
    if (section.protection === 'keychain') {
      const { [name]: _removed, ...rest } = section.secrets;
      return { ...section, secrets: rest };
    }
    const { [name]: _removed, ...rest } = section.secrets;
    return { ...section, secrets: rest };
  }
  const target = writableSection(section, ctx);
  if (target.protection === 'keychain') {
    const blob = sealWithKeychainOrFail(ctx, secretItem(name), value);
    return { ...target, secrets: { ...target.secrets, [name]: { blob, wellFormed } } };
  }
  const blob = sealWithKey(ctx.masterKey as Buffer, VAULT_FORMAT_VERSION, secretItem(name), value);
  return { ...target, secrets: { ...target.secrets, [name]: { blob, wellFormed } } };
}

export function withExtra(
  section: SealedSection | null,
  ctx: SealContext,
  name: string,
  value: string,
): SealedSection {
  const target = writableSection(section, ctx);
  if (target.protection === 'keychain') {
    const blob = sealWithKeychainOrFail(ctx, extraItem(name), value);
    return { ...target, extras: { ...target.extras, [name]: blob } };
  }
  const blob = sealWithKey(ctx.masterKey as Buffer, VAULT_FORMAT_VERSION, extraItem(name), value);
  return { ...target, extras: { ...target.extras, [name]: blob } };
}

function sealWithKeychainOrFail(ctx: SealContext, item: string, value: string) {
  try {
    return sealWithKeychain(ctx.keychain as KeychainSealer, VAULT_FORMAT_VERSION, item, value);
  } catch {
    throw new AppFailure(
      'not-available',
      "This computer's keychain refused to seal the keys. Nothing was saved.",
    );
  }
}

/** A stored secret's value; null when it is not set. Throws `locked`, or `store-corrupt` when it will not open. */
export function openSecret(section: SealedSection | null, ctx: SealContext, name: SecretName): string | null {
  const entry = section?.secrets[name];
  if (!section || !entry) return null;
  return openOrFail(section, ctx, secretItem(name), entry.blob, SECRET_LABELS[name], name);
}

export function openExtra(section: SealedSection | null, ctx: SealContext, name: string): string | null {
  const blob = section?.extras[name];
  if (!section || !blob) return null;
  return openOrFail(section, ctx, extraItem(name), blob, `sealed item "${name}"`, undefined);
}

function openOrFail(
  section: SealedSection,
  ctx: SealContext,
  item: string,
  blob: SealedSection['extras'][string],
  label: string,
  field: string | undefined,
): string {
  let value: string | null;
  if (section.protection === 'keychain') {
    if (!ctx.keychain) throw new AppFailure('locked', foreignKeychainMessage(section.backend));
    value = 'salt' in blob ? null : openWithKeychain(ctx.keychain, item, blob);
  } else {
    if (!ctx.masterKey)
      throw new AppFailure('locked', 'Enter your passphrase first: the saved keys are locked.');
    value = 'salt' in blob ? openWithKey(ctx.masterKey, item, blob) : null;
  }
  if (value === null) {
    throw new AppFailure(
      'store-corrupt',
      `The saved ${label} could not be unsealed: it was altered or sealed on another computer. Enter it again.`,
      field === undefined ? {} : { field },
    );
  }
  return value;
}
