/**
 * Sealing a submission: sign the payload (JWS, EdDSA, this installation's key), encrypt the JWS to BitAgent
 * (JWE, ECDH-ES+A256KW over X25519, A256GCM), and wrap it in the envelope. Pure apart from the crypto: the
 * service and `bitagent-cw pack` both call it, and then write the text wherever they write it.
 */
import { CompactEncrypt, CompactSign, importJWK } from 'jose';
import { AppFailure } from '../../common/errors.js';
import {
  SUBMISSION_FORMAT,
  SUBMISSION_VERSION,
  type SubmissionPayload,
  SubmissionPayloadSchema,
} from '../../common/schemas/submission.js';
import {
  JWE_ALG,
  JWE_CTY,
  JWE_ENC,
  JWS_ALG,
  JWS_TYP,
  type JweHeader,
  type JwsHeader,
  serializeEnvelope,
} from './envelope.js';
import { MAX_SUBMISSION_BYTES } from './files.js';
import { parseRecipientPublicJwk, type RecipientPublicJwk, type SigningKey } from './keys.js';

export interface PackKeys {
  signingKey: SigningKey;
  recipientPublicJwk: RecipientPublicJwk;
}

const utf8 = new TextEncoder();

/** Returns the file's text. Refuses (schema-mismatch) a payload that `open` would refuse. */
export async function packSubmission(payload: SubmissionPayload, keys: PackKeys): Promise<string> {
  const checked = SubmissionPayloadSchema.safeParse(payload);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new AppFailure(
      'schema-mismatch',
      `Schema mismatch: the payload's "${issue?.path.join('.') ?? ''}" is not valid (${issue?.code ?? 'unknown'}).`,
      issue ? { field: issue.path.join('.') } : {},
    );
  }
  const recipient = parseRecipientPublicJwk(keys.recipientPublicJwk);
  const { signingKey } = keys;

  const jwsHeader: JwsHeader = {
    alg: JWS_ALG,
    typ: JWS_TYP,
    kid: signingKey.signer.thumbprint,
    jwk: signingKey.publicJwk,
  };
  const jws = await new CompactSign(utf8.encode(JSON.stringify(checked.data)))
    .setProtectedHeader(jwsHeader)
    .sign(await importJWK(signingKey.privateJwk, JWS_ALG));

  const jweHeader: Omit<JweHeader, 'epk'> = {
    alg: JWE_ALG,
    enc: JWE_ENC,
    kid: recipient.kid,
    cty: JWE_CTY,
    format: SUBMISSION_FORMAT,
    version: SUBMISSION_VERSION,
    createdAt: checked.data.createdAt,
    signer: signingKey.signer.thumbprint,
  };
  const jwe = await new CompactEncrypt(utf8.encode(jws))
    .setProtectedHeader(jweHeader)
    .encrypt(await importJWK({ kty: recipient.kty, crv: recipient.crv, x: recipient.x }, JWE_ALG));

  const text = serializeEnvelope({
    format: SUBMISSION_FORMAT,
    version: SUBMISSION_VERSION,
    createdAt: checked.data.createdAt,
    recipientKid: recipient.kid,
    signer: signingKey.signer.thumbprint,
    jwe,
  });
  if (Buffer.byteLength(text) > MAX_SUBMISSION_BYTES) {
    throw new AppFailure('schema-mismatch', 'Schema mismatch: the submission would be larger than 1 MB.');
  }
  return text;
}
