/**
 * The development recipient key pair and sample submissions for the submission tests, plus a way to seal
 * hand-made (hostile) files with jose directly, independent of main/submission's own packing code.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CompactEncrypt,
  CompactSign,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
} from 'jose';
import type { SubmissionPayload } from '../../common/schemas/submission.js';
import type { ValidationReport } from '../../common/schemas/validation.js';
import type { RecipientPrivateJwk, RecipientPublicJwk, SigningKey } from '../../main/submission/index.js';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const DEV_PUBLIC_JWK_PATH = path.join(ROOT, 'assets', 'recipient', 'bitagent-recipient.public.jwk');
export const DEV_PRIVATE_JWK_PATH = path.join(ROOT, 'test', 'fixtures', 'dev-recipient.private.jwk');

export const devPublicJwk = (): RecipientPublicJwk => JSON.parse(readFileSync(DEV_PUBLIC_JWK_PATH, 'utf8'));
export const devPrivateJwk = (): RecipientPrivateJwk =>
  JSON.parse(readFileSync(DEV_PRIVATE_JWK_PATH, 'utf8'));

/**
 * Canary secrets: distinctive enough that any 6 characters of them showing up where they must not is a leak,
 * not a coincidence (so not the guide's example GUID, which hints quote, nor words like "PrivateKey").
 */
export const CANARY = {
  clientId: 'c4f3e9b1-62d7-4a0e-9b58-d17e0c3a2f96',
  publicKey: 'QzPubCanaryK3y9w',
  privateKey: 'XvPrivCanary7Jq2',
} as const;

/** Every 6-character piece of every canary secret found in `text` (a GUID's dashes aside). */
export function canaryLeaks(text: string, secrets: readonly string[] = Object.values(CANARY)): string[] {
  const found = new Set<string>();
  for (const secret of secrets) {
    for (let i = 0; i + 6 <= secret.length; i++) {
      const piece = secret.slice(i, i + 6);
      if (text.includes(piece)) found.add(piece);
    }
  }
  return [...found];
}

export function passingReport(overrides: Partial<ValidationReport> = {}): ValidationReport {
  return {
    ok: true,
    checks: [
      {
        id: 'site',
        status: 'pass',
        title: 'Site reachable',
        detail: 'na.myconnectwise.net answered as ConnectWise.',
      },
      { id: 'company', status: 'pass', title: 'Company found', detail: 'Company acme exists.' },
      {
        id: 'least-privilege',
        status: 'warn',
        title: 'More rights than needed',
        detail: 'The role can delete tickets.',
        fix: 'Set Delete to None on Service Desk > Service Tickets.',
        step: 'role',
      },
    ],
    connection: {
      apiBase: 'https://api-na.myconnectwise.net/v4_6_release/apis/3.0',
      codebase: 'v4_6_release/',
      version: 'v2024.1',
      isCloud: true,
    },
    board: { id: 1, name: 'Support' },
    statuses: [
      { id: 11, name: 'New' },
      { id: 12, name: 'New (Portal)' },
    ],
    durationMs: 812,
    checkedAt: '2026-01-02T03:04:05.000Z',
    ...overrides,
  };
}

export function samplePayload(overrides: Partial<SubmissionPayload> = {}): SubmissionPayload {
  return {
    format: 'bitagent.connectwise-submission',
    version: 1,
    createdAt: '2026-01-02T03:05:00.000Z',
    appVersion: '0.1.0',
    contact: { name: 'Ada Lovelace', email: 'ada@example.com' },
    connectwise: {
      site: 'na.myconnectwise.net',
      apiBase: 'https://api-na.myconnectwise.net/v4_6_release/apis/3.0',
      codebase: 'v4_6_release/',
      companyId: 'acme',
      clientId: CANARY.clientId,
      publicKey: CANARY.publicKey,
      privateKey: CANARY.privateKey,
      memberIdentifier: 'BitAgent',
      roleName: 'BitAgent API',
      board: { id: 1, name: 'Support' },
      statuses: [
        { id: 11, name: 'New' },
        { id: 12, name: 'New (Portal)' },
      ],
    },
    validation: passingReport(),
    ...overrides,
  };
}

export async function otherRecipient(kid = 'bitagent-other'): Promise<{
  publicJwk: RecipientPublicJwk;
  privateJwk: RecipientPrivateJwk;
}> {
  const pair = await generateKeyPair('ECDH-ES+A256KW', { crv: 'X25519', extractable: true });
  const { x, d } = await exportJWK(pair.privateKey);
  const publicJwk: RecipientPublicJwk = { kty: 'OKP', crv: 'X25519', x: x as string, kid };
  return { publicJwk, privateJwk: { ...publicJwk, d: d as string } };
}

export interface CraftOptions {
  signingKey: SigningKey;
  recipient: RecipientPublicJwk;
  /** The signed bytes; defaults to the JSON of `payload`. */
  payloadBytes?: Uint8Array;
  payload?: unknown;
  jwsHeader?: Record<string, unknown>;
  /** Sign with this private key instead of signingKey's (the header still names signingKey). */
  signWith?: SigningKey;
  /** Replaces the whole JWS (e.g. an unsigned one). */
  jws?: string;
  jweHeader?: Record<string, unknown>;
  jweAlg?: string;
  jweEnc?: string;
  envelope?: Record<string, unknown>;
}

/** Seals a file the way an attacker holding BitAgent's public key could: every part under the test's control. */
export async function craftSubmission(options: CraftOptions): Promise<string> {
  const { signingKey, recipient } = options;
  const thumbprint = await calculateJwkThumbprint(signingKey.publicJwk);
  const createdAt =
    (options.payload as { createdAt?: string } | undefined)?.createdAt ?? '2026-01-02T03:05:00.000Z';
  const bytes =
    options.payloadBytes ?? new TextEncoder().encode(JSON.stringify(options.payload ?? samplePayload()));
  const jws =
    options.jws ??
    (await new CompactSign(bytes)
      .setProtectedHeader({
        alg: 'EdDSA',
        typ: 'bitagent.connectwise-submission+jws',
        kid: thumbprint,
        jwk: signingKey.publicJwk,
        ...options.jwsHeader,
      } as never)
      .sign(await importJWK((options.signWith ?? signingKey).privateJwk, 'EdDSA')));
  const alg = options.jweAlg ?? 'ECDH-ES+A256KW';
  const jwe = await new CompactEncrypt(new TextEncoder().encode(jws))
    .setProtectedHeader({
      alg,
      enc: options.jweEnc ?? 'A256GCM',
      kid: recipient.kid,
      cty: 'JOSE',
      format: 'bitagent.connectwise-submission',
      version: 1,
      createdAt,
      signer: thumbprint,
      ...options.jweHeader,
    } as never)
    .encrypt(await importJWK({ kty: 'OKP', crv: 'X25519', x: recipient.x }, alg));
  const envelope = {
    format: 'bitagent.connectwise-submission',
    version: 1,
    createdAt,
    recipientKid: recipient.kid,
    signer: thumbprint,
    jwe,
    ...options.envelope,
  };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

export const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
