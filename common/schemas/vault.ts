/** The vault's side of the contract: sealed secrets and how they are protected. Values never come back out. */
import { z } from 'zod';
import { DraftSchema } from './draft.js';

export const SECRET_NAMES = ['clientId', 'publicKey', 'privateKey'] as const;
export const SecretNameSchema = z.enum(SECRET_NAMES);
export type SecretName = z.infer<typeof SecretNameSchema>;

/** `null` (or an empty string, after trimming) removes a stored secret; an absent key leaves it as it is. */
export const SecretsPatchSchema = z
  .strictObject({
    clientId: z.string().trim().max(100).nullable(),
    publicKey: z.string().trim().max(200).nullable(),
    privateKey: z.string().trim().max(200).nullable(),
  })
  .partial();
export type SecretsPatch = z.infer<typeof SecretsPatchSchema>;

export const SecretStateSchema = z.strictObject({
  set: z.boolean(),
  /** Whether the stored value has the expected form (a GUID; 16 letters and digits); null when not set. */
  wellFormed: z.boolean().nullable(),
});
export const SecretsStatusSchema = z.strictObject({
  clientId: SecretStateSchema,
  publicKey: SecretStateSchema,
  privateKey: SecretStateSchema,
});
export type SecretsStatus = z.infer<typeof SecretsStatusSchema>;

export const PROTECTIONS = ['keychain', 'passphrase', 'locked', 'none-yet'] as const;
export const VaultStatusSchema = z.strictObject({
  protection: z.enum(PROTECTIONS),
  /** True when secrets can only be sealed with a passphrase the user chooses (no OS keychain here). */
  passphraseRequired: z.boolean(),
  /** Seconds before another passphrase attempt is accepted, after repeated failures. */
  retryAfterSeconds: z.number().nonnegative(),
});
export type VaultStatus = z.infer<typeof VaultStatusSchema>;

/** A store that could not be read was moved aside; this tells the wizard where, and what was saved from it. */
export const RecoveryNoticeSchema = z.strictObject({
  movedTo: z.string().max(4096),
  recoveredFields: z.array(z.string().max(64)).max(50),
  at: z.iso.datetime(),
});
export type RecoveryNotice = z.infer<typeof RecoveryNoticeSchema>;

export const DraftLoadResultSchema = z.strictObject({
  draft: DraftSchema,
  savedAt: z.iso.datetime().nullable(),
  recovery: RecoveryNoticeSchema.nullable(),
});
export type DraftLoadResult = z.infer<typeof DraftLoadResultSchema>;

export const PassphraseSchema = z.string().min(10, 'use at least 10 characters').max(1024);
