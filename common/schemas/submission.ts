/**
 * The submission file, format v1 (shared/design.md): the payload schema, the envelope on disk, and what the
 * wizard is shown before export. The payload travels only inside the JWE.
 */
import { z } from 'zod';
import { shortText } from './text.js';
import { IdNameSchema, ValidationReportSchema } from './validation.js';

export const SUBMISSION_FORMAT = 'bitagent.connectwise-submission';
export const SUBMISSION_VERSION = 1;
export const SUBMISSION_EXTENSION = '.bitagent';

/**
 * What the submission says when it carries no passing report: the user's reason, and the last report when there
 * was one (it failed), so the representative sees what did not pass.
 */
export const NotValidatedSchema = z.strictObject({
  validated: z.literal(false),
  reason: shortText(1000),
  report: ValidationReportSchema.optional(),
});
export type NotValidated = z.infer<typeof NotValidatedSchema>;

/**
 * How a secret (Client ID, public key, private key) appears wherever it is shown but not sent: the wizard's
 * preview and `bitagent-cw open` without --reveal. Fixed, so it says nothing about the value, not even its end
 * or its length.
 */
export const SECRET_MASK = '••••••••';

export const SubmissionPayloadSchema = z.strictObject({
  format: z.literal(SUBMISSION_FORMAT),
  version: z.literal(SUBMISSION_VERSION),
  createdAt: z.iso.datetime(),
  appVersion: shortText(50),
  contact: z.strictObject({ name: shortText(200), email: shortText(254) }),
  connectwise: z.strictObject({
    site: shortText(500),
    apiBase: shortText(500),
    codebase: shortText(100),
    companyId: shortText(100),
    clientId: shortText(100),
    publicKey: shortText(200),
    privateKey: shortText(200),
    memberIdentifier: shortText(100),
    roleName: shortText(100),
    board: IdNameSchema.or(z.strictObject({ id: z.null(), name: shortText(200) })),
    statuses: z.array(IdNameSchema.or(z.strictObject({ id: z.null(), name: shortText(200) }))).max(50),
  }),
  /** A passing report, or `{validated:false, reason, report?}` (no report, or one that did not pass). */
  validation: ValidationReportSchema.or(NotValidatedSchema),
});
export type SubmissionPayload = z.infer<typeof SubmissionPayloadSchema>;

/** The file on disk: non-secret metadata and the compact JWE. */
export const SubmissionEnvelopeSchema = z.strictObject({
  format: z.literal(SUBMISSION_FORMAT),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  recipientKid: shortText(200),
  signer: shortText(100),
  jwe: z.string().max(1_000_000),
});
export type SubmissionEnvelope = z.infer<typeof SubmissionEnvelopeSchema>;

export const SignerSchema = z.strictObject({
  /** RFC 7638 thumbprint (base64url SHA-256) of the installation's Ed25519 public key. */
  thumbprint: shortText(100),
  /** The same, grouped for reading aloud over the phone. */
  fingerprint: shortText(100),
});
export type Signer = z.infer<typeof SignerSchema>;

export const RecipientInfoSchema = z.strictObject({
  kid: shortText(200),
  /** The development key that ships for tests and the demo: nobody at BitAgent can open files sent to it. */
  development: z.boolean(),
});
export type RecipientInfo = z.infer<typeof RecipientInfoSchema>;

/** What the Review step shows: the payload with the secrets masked. */
export const SubmissionPreviewSchema = z.strictObject({
  payload: SubmissionPayloadSchema,
  recipient: RecipientInfoSchema,
  signer: SignerSchema,
  /** Fields still missing before an export is possible, by name. */
  missing: z.array(shortText(100)).max(30),
});
export type SubmissionPreview = z.infer<typeof SubmissionPreviewSchema>;

export const SubmissionExportInputSchema = z.strictObject({
  /** Required when the draft has no passing validation report: why the user exports anyway. */
  unvalidatedReason: shortText(1000).optional(),
});

export const SubmissionExportResultSchema = z.strictObject({
  path: shortText(4096),
  bytes: z.number().int().nonnegative(),
  signer: SignerSchema,
});
export type SubmissionExportResult = z.infer<typeof SubmissionExportResultSchema>;
