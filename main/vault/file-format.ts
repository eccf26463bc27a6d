/**
 * The vault's file on disk, format v1: the draft, the sealed secrets, and a pending recovery notice, in one
 * JSON file. One file (not a draft file and a secrets file) so that every write is a single atomic rename: the
 * draft and the secrets it goes with can never be torn apart by a crash.
 *
 * The format version is ours, not the app's: it changes only when this layout does (see migrations.ts), and
 * it is bound into every passphrase-sealed item as associated data.
 */
import { z } from 'zod';
import { DEFAULT_DRAFT, DraftSchema } from '../../common/schemas/draft.js';
import { RecoveryNoticeSchema } from '../../common/schemas/vault.js';

export const VAULT_FORMAT = 'bitagent.vault';
export const VAULT_FORMAT_VERSION = 1;
/** The file name, as electron-store would name a store with `name: 'bitagent-vault'`. */
export const VAULT_FILE_NAME = 'bitagent-vault.json';

const base64 = (maxBytes: number) =>
  z
    .string()
    .max(Math.ceil(maxBytes / 3) * 4 + 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64');

/** The largest value we seal (an Ed25519 JWK for the submission engineer is ~200 bytes; leave room). */
export const MAX_SEALED_BYTES = 16 * 1024;

/** AES-256-GCM under a per-write key (see passphrase-crypto.ts). `v` is the format version it was sealed under. */
export const PassphraseBlobSchema = z.strictObject({
  v: z.number().int().positive(),
  salt: base64(32),
  nonce: base64(12),
  data: base64(MAX_SEALED_BYTES),
  tag: base64(16),
});
export type PassphraseBlob = z.infer<typeof PassphraseBlobSchema>;

/** What the OS keychain (Electron safeStorage) returned, base64. */
export const KeychainBlobSchema = z.strictObject({
  v: z.number().int().positive(),
  data: base64(MAX_SEALED_BYTES + 1024),
});
export type KeychainBlob = z.infer<typeof KeychainBlobSchema>;

/**
 * scrypt parameters as stored. Bounded, so a tampered file cannot make unlock allocate gigabytes:
 * 128 * N * r bytes must stay within 256 MiB.
 */
export const KdfSchema = z
  .strictObject({
    name: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2 ** 10)
      .max(2 ** 18)
      .refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
    r: z.number().int().min(1).max(16),
    p: z.number().int().min(1).max(4),
    salt: base64(32),
  })
  .refine((k) => 128 * k.N * k.r <= 256 * 1024 * 1024, 'scrypt memory above 256 MiB');
export type Kdf = z.infer<typeof KdfSchema>;

/** Names of extra sealed items (`vault.sealedItem(name)`): short, plain, never one of the three secrets. */
export const EXTRA_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const ExtraNameSchema = z.string().regex(EXTRA_NAME_PATTERN);

const secretsOf = <T extends z.ZodType>(blob: T) =>
  z.strictObject({
    clientId: z.strictObject({ blob, wellFormed: z.boolean() }).optional(),
    publicKey: z.strictObject({ blob, wellFormed: z.boolean() }).optional(),
    privateKey: z.strictObject({ blob, wellFormed: z.boolean() }).optional(),
  });

const extrasOf = <T extends z.ZodType>(blob: T) =>
  z.record(ExtraNameSchema, blob).refine((r) => Object.keys(r).length <= 20, 'at most 20 extra items');

export const KeychainSectionSchema = z.strictObject({
  protection: z.literal('keychain'),
  /** Which keychain sealed it ("dpapi", "keychain", "gnome_libsecret", ...): shown when it cannot be opened. */
  backend: z.string().max(64),
  secrets: secretsOf(KeychainBlobSchema),
  extras: extrasOf(KeychainBlobSchema),
});

export const PassphraseSectionSchema = z.strictObject({
  protection: z.literal('passphrase'),
  kdf: KdfSchema,
  /** A known text sealed when the passphrase was chosen: opening it is how unlock tells right from wrong. */
  check: PassphraseBlobSchema,
  secrets: secretsOf(PassphraseBlobSchema),
  extras: extrasOf(PassphraseBlobSchema),
});

export const SealedSectionSchema = z.discriminatedUnion('protection', [
  KeychainSectionSchema,
  PassphraseSectionSchema,
]);
export type KeychainSection = z.infer<typeof KeychainSectionSchema>;
export type PassphraseSection = z.infer<typeof PassphraseSectionSchema>;
export type SealedSection = z.infer<typeof SealedSectionSchema>;

export const VaultFileSchema = z.strictObject({
  format: z.literal(VAULT_FORMAT),
  version: z.literal(VAULT_FORMAT_VERSION),
  savedAt: z.iso.datetime().nullable(),
  draft: DraftSchema,
  sealed: SealedSectionSchema.nullable(),
  /** A damaged store that was moved aside, until the wizard has shown it (see vault.ts). */
  recovery: RecoveryNoticeSchema.nullable(),
});
export type VaultFile = z.infer<typeof VaultFileSchema>;

export function emptyVaultFile(): VaultFile {
  return {
    format: VAULT_FORMAT,
    version: VAULT_FORMAT_VERSION,
    savedAt: null,
    draft: structuredClone(DEFAULT_DRAFT),
    sealed: null,
    recovery: null,
  };
}
