/**
 * The two kinds of key the submission uses, read and written as JWKs:
 * - the installation's Ed25519 signing key (created once per installation, kept sealed by the vault);
 * - BitAgent's X25519 recipient key pair (made by `bitagent-cw keygen`; the public half ships in assets/).
 *
 * Everything read from a file is checked field by field here, so the JOSE code never sees a surprising key.
 * Error messages name the problem, never a key's value.
 */
import { createPrivateKey } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { z } from 'zod';
import { AppFailure } from '../../common/errors.js';
import type { Signer } from '../../common/schemas/submission.js';
import { fingerprintOf } from './fingerprint.js';

/** 32 bytes of base64url, canonical (Ed25519 and X25519 keys alike). */
const Key32 = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/)
  .refine((s) => Buffer.from(s, 'base64url').toString('base64url') === s);

const Kid = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII, no spaces');

export interface OkpPublicJwk {
  kty: 'OKP';
  crv: 'Ed25519' | 'X25519';
  x: string;
}

export interface RecipientPublicJwk {
  kty: 'OKP';
  crv: 'X25519';
  x: string;
  kid: string;
  use?: 'enc';
  alg?: 'ECDH-ES+A256KW';
}
export interface RecipientPrivateJwk extends RecipientPublicJwk {
  d: string;
}

const RecipientPublicJwkSchema = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('X25519'),
  x: Key32,
  kid: Kid,
  use: z.literal('enc').optional(),
  alg: z.literal('ECDH-ES+A256KW').optional(),
});
const RecipientPrivateJwkSchema = RecipientPublicJwkSchema.extend({ d: Key32 });

const SigningPrivateJwkSchema = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: Key32,
  d: Key32,
});

/** The development key's kid starts with this; the release guard and the app's notice both test it. */
export const DEVELOPMENT_KID_PREFIX = 'dev-';
export const PRODUCTION_KID_PREFIX = 'bitagent-';

export function isDevelopmentRecipient(jwk: { kid?: unknown } | null | undefined): boolean {
  return typeof jwk?.kid === 'string' && jwk.kid.startsWith(DEVELOPMENT_KID_PREFIX);
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? `"${issue.path.join('.')}"` : 'the key';
  return `${where} is missing or malformed`;
}

/** BitAgent's public key, to encrypt to. A private key is refused: it must never be shipped or passed around. */
export function parseRecipientPublicJwk(value: unknown): RecipientPublicJwk {
  if (value && typeof value === 'object' && 'd' in value) {
    throw new AppFailure('invalid-input', 'This is a private key; give the public one (.public.jwk).');
  }
  const parsed = RecipientPublicJwkSchema.safeParse(value);
  if (!parsed.success) {
    throw new AppFailure(
      'invalid-input',
      `Not an X25519 recipient public key: ${describeIssue(parsed.error)}.`,
    );
  }
  const { kty, crv, x, kid } = parsed.data;
  return { kty, crv, x, kid };
}

export function parseRecipientPrivateJwk(value: unknown): RecipientPrivateJwk {
  const parsed = RecipientPrivateJwkSchema.safeParse(value);
  if (!parsed.success) {
    throw new AppFailure(
      'invalid-input',
      `Not an X25519 recipient private key: ${describeIssue(parsed.error)}.`,
    );
  }
  const { kty, crv, x, kid, d } = parsed.data;
  return { kty, crv, x, kid, d };
}

/** `bitagent-cw keygen`: a fresh pair; the kid is a prefix and the public key's own thumbprint. */
export async function generateRecipientKeyPair(options: { development?: boolean } = {}): Promise<{
  publicJwk: RecipientPublicJwk;
  privateJwk: RecipientPrivateJwk;
}> {
  const pair = await generateKeyPair('ECDH-ES+A256KW', { crv: 'X25519', extractable: true });
  const exported = await exportJWK(pair.privateKey);
  const base = parseRecipientPrivateJwk({ ...exported, kid: 'pending' });
  const thumbprint = await calculateJwkThumbprint({ kty: base.kty, crv: base.crv, x: base.x });
  const kid = `${options.development ? DEVELOPMENT_KID_PREFIX : PRODUCTION_KID_PREFIX}${thumbprint}`;
  const publicJwk: RecipientPublicJwk = {
    kty: 'OKP',
    crv: 'X25519',
    x: base.x,
    kid,
    use: 'enc',
    alg: 'ECDH-ES+A256KW',
  };
  return { publicJwk, privateJwk: { ...publicJwk, d: base.d } };
}

/** This installation's signing key, with what a submission says about it. */
export interface SigningKey {
  readonly privateJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string; d: string };
  readonly publicJwk: OkpPublicJwk & { crv: 'Ed25519' };
  readonly signer: Signer;
}

export async function generateSigningKey(): Promise<SigningKey> {
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return signingKeyFromJwk(await exportJWK(pair.privateKey));
}

/**
 * Reads a stored signing key. Refuses one whose public half does not belong to its private half (a damaged
 * store): files signed with it would never verify.
 */
export async function signingKeyFromJwk(value: unknown): Promise<SigningKey> {
  const parsed = SigningPrivateJwkSchema.safeParse(value);
  if (!parsed.success) {
    throw new AppFailure('invalid-input', `Not an Ed25519 signing key: ${describeIssue(parsed.error)}.`);
  }
  const { x, d } = parsed.data;
  const derived = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', x, d }, format: 'jwk' }).export({
    format: 'jwk',
  });
  if (derived.x !== x) {
    throw new AppFailure('invalid-input', 'Not an Ed25519 signing key: its public half does not match.');
  }
  const publicJwk = { kty: 'OKP', crv: 'Ed25519', x } as const;
  const thumbprint = await calculateJwkThumbprint(publicJwk);
  return {
    privateJwk: { kty: 'OKP', crv: 'Ed25519', x, d },
    publicJwk,
    signer: { thumbprint, fingerprint: fingerprintOf(thumbprint) },
  };
}

/** How a signing key is stored: its private JWK, with the thumbprint as kid for whoever looks at the file. */
export function serializeSigningKey(key: SigningKey): string {
  return `${JSON.stringify({ ...key.privateJwk, kid: key.signer.thumbprint })}\n`;
}
