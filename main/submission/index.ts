/**
 * The submission file (format v1, shared/design.md): sealing in the app and in `bitagent-cw pack`, opening in
 * `bitagent-cw open`. The service is what the contract calls; the pure functions are shared with the CLI.
 */
export {
  FileTooLargeError,
  ioFailureReason,
  MAX_SUBMISSION_BYTES,
  readBoundedFile,
  writeFileAtomic,
} from './files.js';
export { fingerprintOf } from './fingerprint.js';
export { createInstallationKey } from './installation-key.js';
export { createFileKeyStore, INSTALLATION_KEY_FILE, type InstallationKeyStore } from './key-store.js';
export {
  DEVELOPMENT_KID_PREFIX,
  generateRecipientKeyPair,
  generateSigningKey,
  isDevelopmentRecipient,
  parseRecipientPrivateJwk,
  parseRecipientPublicJwk,
  type RecipientPrivateJwk,
  type RecipientPublicJwk,
  type SigningKey,
  serializeSigningKey,
  signingKeyFromJwk,
} from './keys.js';
export { type OpenedSubmission, openSubmission } from './open.js';
export { type PackKeys, packSubmission } from './pack.js';
export { buildPayload, maskPayload, type SubmissionSecrets, validationPart, withIds } from './payload.js';
export { DEFAULT_RECIPIENT_JWK_PATH, MAX_JWK_BYTES, readRecipientPublicJwk } from './recipient.js';
export {
  createSubmissionService,
  type SubmissionService,
  type SubmissionServiceDeps,
  suggestedName,
} from './service.js';
