/**
 * The file format's fixed parts, shared by pack and open: the algorithms, the two protected headers, the
 * envelope's exact byte layout, and strict compact-serialization parsing.
 *
 * Layout: the envelope is `JSON.stringify(envelope, null, 2)` plus a newline, keys in a fixed order. `open`
 * re-serialises what it parsed and refuses any difference, so even a change JSON would not notice (a space, a
 * newline, a key order) is refused. Each base64url segment must be canonical for the same reason: lenient
 * decoders ignore a last character's spare bits, and a tag or key whose text changed but whose bytes did not
 * would otherwise still open.
 *
 * Size: a largest-possible payload (20 checks with 2,000-character details and fixes, 50 statuses) is under
 * 200 KB; signing and encrypting add about 80%, well under MAX_SUBMISSION_BYTES.
 */
import { z } from 'zod';
import { SUBMISSION_FORMAT, type SubmissionEnvelope } from '../../common/schemas/submission.js';

export const JWE_ALG = 'ECDH-ES+A256KW';
export const JWE_ENC = 'A256GCM';
export const JWE_CTY = 'JOSE';
export const JWS_ALG = 'EdDSA';
/** Says what the signature is for, so a signature by the same key over something else is never taken for one. */
export const JWS_TYP = `${SUBMISSION_FORMAT}+jws`;

const Key32 = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/**
 * The JWE protected header: the algorithms and recipient, plus a copy of the envelope's metadata. The header
 * is authenticated by A256GCM, so `open` can compare it with the envelope and tell which field was altered.
 */
export const JweHeaderSchema = z.strictObject({
  alg: z.literal(JWE_ALG),
  enc: z.literal(JWE_ENC),
  kid: z.string().min(1).max(200),
  cty: z.literal(JWE_CTY),
  format: z.literal(SUBMISSION_FORMAT),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  signer: Key32,
  epk: z.strictObject({ kty: z.literal('OKP'), crv: z.literal('X25519'), x: Key32 }),
});
export type JweHeader = z.infer<typeof JweHeaderSchema>;

/** The JWS protected header: the signer's public key travels in it, and its thumbprint is the kid. */
export const JwsHeaderSchema = z.strictObject({
  alg: z.literal(JWS_ALG),
  typ: z.literal(JWS_TYP),
  kid: Key32,
  jwk: z.strictObject({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: Key32 }),
});
export type JwsHeader = z.infer<typeof JwsHeaderSchema>;

export function serializeEnvelope(envelope: SubmissionEnvelope): string {
  const { format, version, createdAt, recipientKid, signer, jwe } = envelope;
  return `${JSON.stringify({ format, version, createdAt, recipientKid, signer, jwe }, null, 2)}\n`;
}

const B64URL = /^[A-Za-z0-9_-]*$/;

export function isCanonicalBase64url(segment: string): boolean {
  return B64URL.test(segment) && Buffer.from(segment, 'base64url').toString('base64url') === segment;
}

/**
 * The segments of a compact serialization, or null unless there are exactly `count`, each canonical base64url.
 * A segment may be empty here (an unsigned JWS, a direct-key JWE), so that the refusal can name the algorithm;
 * callers require the parts their algorithms need.
 */
export function splitCompact(text: string, count: number): string[] | null {
  const parts = text.split('.');
  return parts.length === count && parts.every(isCanonicalBase64url) ? parts : null;
}

/** A base64url segment's JSON, or undefined when it is not UTF-8 JSON. */
export function decodeJsonSegment(segment: string): unknown {
  try {
    return JSON.parse(
      new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(Buffer.from(segment, 'base64url')),
    );
  } catch {
    return undefined;
  }
}

/**
 * A value from the file, fit to quote in a one-line message: short printable ASCII only, otherwise a
 * description. A hostile file cannot put terminal escapes or a page of text into the refusal.
 */
export function quote(value: unknown): string {
  if (typeof value === 'string' && /^[\x21-\x7e]{1,64}$/.test(value)) return `"${value}"`;
  if (typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 1e9) return String(value);
  if (value === undefined) return 'nothing';
  return `an unexpected ${value === null ? 'null' : typeof value}`;
}
