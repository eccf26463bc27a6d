/**
 * Opening a submission (BitAgent's side): every check a file must pass, in the order that gives the most
 * specific reason, each refusal an AppFailure with one of five codes and a one-line message:
 *
 *   not-a-submission     not UTF-8 JSON, not our format, a malformed envelope or JWE, an algorithm we do not use
 *   unsupported-version  a format version this code does not know
 *   wrong-recipient      sealed to a different recipient key
 *   bad-signature        altered after sealing: the layout, the encryption's integrity tag, the envelope
 *                        against its authenticated copy, the signature, the signer's identity
 *   schema-mismatch      correctly signed and sealed, but the payload is not a v1 payload
 *
 * Anyone holding BitAgent's public key can encrypt, so decryption proves nothing about who wrote a file: only
 * the signature does, and the signer is whoever the thumbprint says (the representative confirms the
 * fingerprint by phone).
 */
import { calculateJwkThumbprint, compactDecrypt, compactVerify, importJWK } from 'jose';
import { AppFailure, type ErrorCode } from '../../common/errors.js';
import {
  type Signer,
  SUBMISSION_FORMAT,
  SUBMISSION_VERSION,
  type SubmissionEnvelope,
  SubmissionEnvelopeSchema,
  type SubmissionPayload,
  SubmissionPayloadSchema,
} from '../../common/schemas/submission.js';
import {
  decodeJsonSegment,
  JWE_ALG,
  JWE_CTY,
  JWE_ENC,
  JWS_ALG,
  type JweHeader,
  JweHeaderSchema,
  JwsHeaderSchema,
  quote,
  serializeEnvelope,
  splitCompact,
} from './envelope.js';
import { MAX_SUBMISSION_BYTES } from './files.js';
import { fingerprintOf } from './fingerprint.js';
import { parseRecipientPrivateJwk } from './keys.js';

export interface OpenedSubmission {
  signer: Signer;
  payload: SubmissionPayload;
}

const LABEL: Partial<Record<ErrorCode, string>> = {
  'not-a-submission': 'Not a submission',
  'unsupported-version': 'Unsupported version',
  'wrong-recipient': 'For another key',
  'bad-signature': 'Bad signature',
  'schema-mismatch': 'Schema mismatch',
};

function refuse(code: ErrorCode, reason: string): AppFailure {
  return new AppFailure(code, `${LABEL[code] ?? 'Refused'}: ${reason}.`);
}

/** Strict: invalid UTF-8 is refused, and a byte-order mark is kept (so JSON.parse refuses it) rather than skipped. */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** `file` is the file's bytes (or its text). `recipientPrivateJwk` is checked first: a bad key is not the file's fault. */
export async function openSubmission(
  file: Uint8Array | string,
  recipientPrivateJwk: unknown,
): Promise<OpenedSubmission> {
  const key = parseRecipientPrivateJwk(recipientPrivateJwk);
  const envelope = parseEnvelope(file);
  const header = parseJweHeader(envelope.jwe);

  if (header.kid !== key.kid) {
    throw refuse(
      'wrong-recipient',
      `it was sealed to key ${quote(header.kid)}, and this key is ${quote(key.kid)}`,
    );
  }

  let jwsText: string;
  try {
    const { plaintext } = await compactDecrypt(
      envelope.jwe,
      await importJWK({ kty: key.kty, crv: key.crv, x: key.x, d: key.d }, JWE_ALG),
      { keyManagementAlgorithms: [JWE_ALG], contentEncryptionAlgorithms: [JWE_ENC] },
    );
    jwsText = utf8.decode(plaintext);
  } catch {
    throw refuse(
      'bad-signature',
      'the file was altered or damaged: it fails the encryption’s integrity check (or this private key does not match its kid)',
    );
  }

  // The header is authenticated now: every envelope field must equal its sealed copy.
  const sealed: Record<string, unknown> = {
    version: header.version,
    createdAt: header.createdAt,
    recipientKid: header.kid,
    signer: header.signer,
  };
  for (const [field, value] of Object.entries(sealed)) {
    if (envelope[field as keyof SubmissionEnvelope] !== value) {
      throw refuse(
        'bad-signature',
        `the file was altered: the envelope’s "${field}" differs from its sealed copy`,
      );
    }
  }

  const { signer, payloadBytes } = await verifyJws(jwsText, header);
  const payload = parsePayload(payloadBytes, envelope);
  return { signer, payload };
}

function parseEnvelope(file: Uint8Array | string): SubmissionEnvelope {
  const size = typeof file === 'string' ? Buffer.byteLength(file) : file.byteLength;
  if (size > MAX_SUBMISSION_BYTES) throw refuse('not-a-submission', 'the file is larger than 1 MB');
  let text: string;
  try {
    text = typeof file === 'string' ? file : utf8.decode(file);
  } catch {
    throw refuse('not-a-submission', 'the file is not UTF-8 text');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw refuse('not-a-submission', 'the file is not valid JSON (truncated or damaged?)');
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw refuse('not-a-submission', 'the file is JSON but not a submission envelope');
  }
  const { format, version } = json as Record<string, unknown>;
  if (format !== SUBMISSION_FORMAT) {
    throw refuse('not-a-submission', `its format is ${quote(format)}, not "${SUBMISSION_FORMAT}"`);
  }
  if (typeof version === 'number' && version !== SUBMISSION_VERSION) {
    throw refuse(
      'unsupported-version',
      `it is version ${quote(version)}; this tool opens version ${SUBMISSION_VERSION}`,
    );
  }
  const parsed = SubmissionEnvelopeSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field =
      issue?.code === 'unrecognized_keys'
        ? `unexpected field ${quote(issue.keys[0])}`
        : `field "${issue?.path.join('.')}"`;
    throw refuse('not-a-submission', `the envelope is malformed (${field})`);
  }
  if (serializeEnvelope(parsed.data) !== text) {
    throw refuse(
      'bad-signature',
      'the file was altered: its envelope is not byte for byte as it was written',
    );
  }
  return parsed.data;
}

function parseJweHeader(jwe: string): JweHeader {
  const parts = splitCompact(jwe, 5);
  if (!parts) throw refuse('not-a-submission', 'its "jwe" is not a compact JWE');
  const raw = decodeJsonSegment(parts[0] ?? '');
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw refuse('not-a-submission', 'its JWE header is not a JSON object');
  }
  const { alg, enc, epk, cty } = raw as Record<string, unknown>;
  if (alg !== JWE_ALG)
    throw refuse(
      'not-a-submission',
      `its key management algorithm is ${quote(alg)}; only ${JWE_ALG} is accepted`,
    );
  if (enc !== JWE_ENC)
    throw refuse('not-a-submission', `its content encryption is ${quote(enc)}; only ${JWE_ENC} is accepted`);
  const crv = (epk as { crv?: unknown } | null)?.crv;
  if (crv !== 'X25519')
    throw refuse('not-a-submission', `its ephemeral key curve is ${quote(crv)}; only X25519 is accepted`);
  if (cty !== JWE_CTY)
    throw refuse('not-a-submission', `its content type is ${quote(cty)}, not "${JWE_CTY}"`);
  const parsed = JweHeaderSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const what =
      issue?.code === 'unrecognized_keys'
        ? `unexpected parameter ${quote(issue.keys[0])}`
        : `"${issue?.path.join('.')}"`;
    throw refuse('not-a-submission', `its JWE header is malformed (${what})`);
  }
  return parsed.data;
}

async function verifyJws(
  jwsText: string,
  jweHeader: JweHeader,
): Promise<{ signer: Signer; payloadBytes: Uint8Array }> {
  const parts = splitCompact(jwsText, 3);
  if (!parts) throw refuse('bad-signature', 'the sealed content is not a compact JWS');
  const raw = decodeJsonSegment(parts[0] ?? '');
  const alg = (raw as { alg?: unknown } | null)?.alg;
  if (alg !== JWS_ALG)
    throw refuse('bad-signature', `its signature algorithm is ${quote(alg)}; only ${JWS_ALG} is accepted`);
  const parsed = JwsHeaderSchema.safeParse(raw);
  if (parts[2] === '') throw refuse('bad-signature', 'it is not signed');
  if (!parsed.success) {
    throw refuse(
      'bad-signature',
      `its signature header is malformed ("${parsed.error.issues[0]?.path.join('.')}")`,
    );
  }
  const header = parsed.data;
  const thumbprint = await calculateJwkThumbprint(header.jwk);
  if (header.kid !== thumbprint)
    throw refuse('bad-signature', 'the signature’s kid is not the thumbprint of its key');
  if (jweHeader.signer !== thumbprint)
    throw refuse('bad-signature', 'the envelope names a different signer than the signature');
  let payloadBytes: Uint8Array;
  try {
    ({ payload: payloadBytes } = await compactVerify(jwsText, await importJWK(header.jwk, JWS_ALG), {
      algorithms: [JWS_ALG],
    }));
  } catch {
    throw refuse('bad-signature', 'the signature does not verify');
  }
  return { signer: { thumbprint, fingerprint: fingerprintOf(thumbprint) }, payloadBytes };
}

function parsePayload(bytes: Uint8Array, envelope: SubmissionEnvelope): SubmissionPayload {
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(bytes));
  } catch {
    throw refuse('schema-mismatch', 'the signed payload is not JSON');
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version !== SUBMISSION_VERSION) {
    throw refuse(
      'unsupported-version',
      `its payload is version ${quote(version)}; this tool opens version ${SUBMISSION_VERSION}`,
    );
  }
  const parsed = SubmissionPayloadSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where =
      issue?.code === 'unrecognized_keys'
        ? `unexpected field ${quote(issue.keys[0])}`
        : `"${issue?.path.join('.')}"`;
    throw refuse(
      'schema-mismatch',
      `the payload does not match format v1 (${where}: ${issue?.code ?? 'invalid'})`,
    );
  }
  if (parsed.data.createdAt !== envelope.createdAt) {
    throw refuse('schema-mismatch', 'the payload’s createdAt differs from the envelope’s');
  }
  return parsed.data;
}
