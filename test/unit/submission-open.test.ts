/**
 * pack → open, and every kind of file `open` must refuse, each with its own code and a one-line reason:
 * hand-made hostile files are sealed with jose directly (test/support/dev-recipient.ts), the way anyone holding
 * BitAgent's public key could make them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { AppFailure, type ErrorCode } from '../../common/errors.js';
import { SubmissionEnvelopeSchema, SubmissionPayloadSchema } from '../../common/schemas/submission.js';
import {
  generateSigningKey,
  openSubmission,
  packSubmission,
  type RecipientPrivateJwk,
  type RecipientPublicJwk,
  type SigningKey,
} from '../../main/submission/index.js';
import {
  b64,
  CANARY,
  canaryLeaks,
  craftSubmission,
  devPrivateJwk,
  devPublicJwk,
  otherRecipient,
  passingReport,
  samplePayload,
} from '../support/dev-recipient.js';

let signingKey: SigningKey;
let recipient: RecipientPublicJwk;
let key: RecipientPrivateJwk;

beforeAll(async () => {
  signingKey = await generateSigningKey();
  recipient = devPublicJwk();
  key = devPrivateJwk();
});

async function refusal(file: string | Uint8Array, withKey: unknown = key): Promise<AppFailure> {
  try {
    await openSubmission(file, withKey);
  } catch (error) {
    expect(error).toBeInstanceOf(AppFailure);
    const failure = error as AppFailure;
    expect(failure.message).not.toContain('\n');
    expect(failure.message.length).toBeLessThan(300);
    return failure;
  }
  throw new Error('the file was accepted');
}

async function expectRefused(file: string | Uint8Array, code: ErrorCode, message?: RegExp) {
  const failure = await refusal(file);
  expect({ code: failure.code, message: failure.message }).toMatchObject({ code });
  if (message) expect(failure.message).toMatch(message);
}

describe('pack then open', () => {
  it('gives back the payload and the signer, from an envelope that holds no secret', async () => {
    const payload = samplePayload();
    const text = await packSubmission(payload, { signingKey, recipientPublicJwk: recipient });
    const envelope = SubmissionEnvelopeSchema.parse(JSON.parse(text));
    expect(envelope).toMatchObject({
      format: 'bitagent.connectwise-submission',
      version: 1,
      createdAt: payload.createdAt,
      recipientKid: recipient.kid,
      signer: signingKey.signer.thumbprint,
    });
    expect(Object.keys(JSON.parse(text))).toEqual([
      'format',
      'version',
      'createdAt',
      'recipientKid',
      'signer',
      'jwe',
    ]);
    expect(canaryLeaks(text)).toEqual([]);
    expect(text).not.toContain('ada@example.com');

    const opened = await openSubmission(Buffer.from(text), key);
    expect(opened.payload).toEqual(payload);
    expect(opened.signer).toEqual(signingKey.signer);
    // As text too.
    expect((await openSubmission(text, key)).payload).toEqual(payload);
  });

  it('carries "not validated" with a reason, and with the failing report', async () => {
    const failing = passingReport({ ok: false });
    for (const validation of [
      { validated: false as const, reason: 'No access to the PSA from here' },
      { validated: false as const, reason: 'Board check fails; BitAgent will help', report: failing },
    ]) {
      const payload = samplePayload({ validation });
      const text = await packSubmission(payload, { signingKey, recipientPublicJwk: recipient });
      expect((await openSubmission(text, key)).payload.validation).toEqual(validation);
    }
  });

  it('each file is encrypted afresh: the same payload twice gives two different files', async () => {
    const a = await packSubmission(samplePayload(), { signingKey, recipientPublicJwk: recipient });
    const b = await packSubmission(samplePayload(), { signingKey, recipientPublicJwk: recipient });
    expect(a).not.toBe(b);
  });

  it('pack refuses a payload open would refuse, naming the field but not the value', async () => {
    const payload = samplePayload();
    const bad = {
      ...payload,
      connectwise: { ...payload.connectwise, privateKey: `${CANARY.privateKey}${'x'.repeat(300)}` },
    };
    const error = await packSubmission(bad, { signingKey, recipientPublicJwk: recipient }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'schema-mismatch', field: 'connectwise.privateKey' });
    expect(canaryLeaks((error as Error).message)).toEqual([]);
    await expect(
      packSubmission(payload, { signingKey, recipientPublicJwk: key as RecipientPublicJwk }),
    ).rejects.toThrow(/private key/);
  });
});

describe('open refuses', () => {
  it('a file sealed to another recipient: for another key', async () => {
    const other = await otherRecipient();
    const text = await packSubmission(samplePayload(), { signingKey, recipientPublicJwk: other.publicJwk });
    await expectRefused(text, 'wrong-recipient', /^For another key: .*"bitagent-other".*"dev-/);
  });

  it('a file sealed to another key that claims our kid: it cannot be decrypted', async () => {
    const other = await otherRecipient(recipient.kid);
    const text = await packSubmission(samplePayload(), { signingKey, recipientPublicJwk: other.publicJwk });
    await expectRefused(text, 'bad-signature', /integrity/);
  });

  it('a truncated file, at any length', async () => {
    const text = await packSubmission(samplePayload(), { signingKey, recipientPublicJwk: recipient });
    for (const length of [
      0,
      1,
      10,
      100,
      300,
      Math.floor(text.length / 2),
      text.length - 3,
      text.length - 1,
    ]) {
      const failure = await refusal(text.slice(0, length));
      expect(['not-a-submission', 'bad-signature']).toContain(failure.code);
    }
    await expectRefused(text.slice(0, text.length - 3), 'not-a-submission', /not valid JSON/);
  });

  it.each([
    ['invalid JSON', '{"format": "bitagent.connectwise-submission",', /not valid JSON/],
    ['an empty file', '', /not valid JSON/],
    ['a JSON array', '[1,2,3]', /not a submission envelope/],
    ['a JSON string', '"hello"', /not a submission envelope/],
    ['another format', '{"format":"something-else","version":1}', /format is "something-else"/],
    ['a missing format', '{"version":1}', /format is nothing/],
    ['binary', '\u0000\u0001\u0002', /not valid JSON/],
  ])('%s: not a submission', async (_name, text, message) => {
    await expectRefused(text, 'not-a-submission', message);
  });

  it('bytes that are not UTF-8, or a byte-order mark before a valid file', async () => {
    await expectRefused(Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d]), 'not-a-submission', /UTF-8/);
    const text = await packSubmission(samplePayload(), { signingKey, recipientPublicJwk: recipient });
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    await expectRefused(withBom, 'not-a-submission', /not valid JSON/);
  });

  it('a 50 MB file, on its size, before decoding it', async () => {
    const huge = new Uint8Array(50 * 1024 * 1024).fill(0x20);
    const started = performance.now();
    await expectRefused(huge, 'not-a-submission', /larger than 1 MB/);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('another version: unsupported version', async () => {
    const text = await craftSubmission({ signingKey, recipient, envelope: { version: 2 } });
    await expectRefused(text, 'unsupported-version', /version 2; this tool opens version 1/);
    const payloadV2 = await craftSubmission({
      signingKey,
      recipient,
      payload: { ...samplePayload(), version: 2 },
    });
    await expectRefused(payloadV2, 'unsupported-version', /payload is version 2/);
  });

  it('an envelope with an extra or a missing field', async () => {
    const text = await packSubmission(samplePayload(), { signingKey, recipientPublicJwk: recipient });
    const envelope = JSON.parse(text);
    await expectRefused(
      JSON.stringify({ ...envelope, note: 'hi' }, null, 2),
      'not-a-submission',
      /unexpected field "note"/,
    );
    const { signer: _signer, ...withoutSigner } = envelope;
    await expectRefused(JSON.stringify(withoutSigner, null, 2), 'not-a-submission', /field "signer"/);
  });

  it('the same envelope re-serialised differently (whitespace, key order): it is not byte for byte as written', async () => {
    const text = await packSubmission(samplePayload(), { signingKey, recipientPublicJwk: recipient });
    const envelope = JSON.parse(text);
    await expectRefused(JSON.stringify(envelope), 'bad-signature', /byte for byte/);
    await expectRefused(text.replace('\n', '\r\n'), 'bad-signature', /byte for byte/);
    await expectRefused(`${text}\n`, 'bad-signature', /byte for byte/);
    const { jwe, ...rest } = envelope;
    await expectRefused(`${JSON.stringify({ jwe, ...rest }, null, 2)}\n`, 'bad-signature', /byte for byte/);
  });

  it('an envelope field changed to another valid value: it differs from its sealed copy', async () => {
    const text = await packSubmission(samplePayload(), { signingKey, recipientPublicJwk: recipient });
    const envelope = JSON.parse(text);
    const other = await generateSigningKey();
    for (const [field, value] of [
      ['createdAt', '2030-01-01T00:00:00.000Z'],
      ['signer', other.signer.thumbprint],
      ['recipientKid', 'dev-someone-else'],
    ] as const) {
      const changed = `${JSON.stringify({ ...envelope, [field]: value }, null, 2)}\n`;
      await expectRefused(changed, 'bad-signature', new RegExp(`"${field}" differs from its sealed copy`));
    }
  });

  it.each([
    ['alg none', { alg: 'none', enc: 'A256GCM' }, /key management algorithm is "none"/],
    ['alg dir', { alg: 'dir', enc: 'A256GCM' }, /key management algorithm is "dir"/],
    ['alg RSA-OAEP-256', { alg: 'RSA-OAEP-256', enc: 'A256GCM' }, /"RSA-OAEP-256"/],
    [
      'enc A128CBC-HS256',
      { alg: 'ECDH-ES+A256KW', enc: 'A128CBC-HS256' },
      /content encryption is "A128CBC-HS256"/,
    ],
    [
      'epk P-256',
      { alg: 'ECDH-ES+A256KW', enc: 'A256GCM', epk: { kty: 'EC', crv: 'P-256' } },
      /curve is "P-256"/,
    ],
  ])('a JWE header with %s: not a submission', async (_name, header, message) => {
    const text = await packSubmission(samplePayload(), { signingKey, recipientPublicJwk: recipient });
    const envelope = JSON.parse(text);
    const [first, ...rest] = envelope.jwe.split('.');
    const original = JSON.parse(Buffer.from(first, 'base64url').toString());
    const forged = [b64({ ...original, ...header }), ...rest].join('.');
    await expectRefused(
      `${JSON.stringify({ ...envelope, jwe: forged }, null, 2)}\n`,
      'not-a-submission',
      message,
    );
  });

  it('really encrypted with another algorithm (ECDH-ES direct, ECDH-ES+A128KW, A128GCM): not a submission', async () => {
    for (const [jweAlg, jweEnc, message] of [
      ['ECDH-ES', 'A256GCM', /"ECDH-ES"/],
      ['ECDH-ES+A128KW', 'A256GCM', /"ECDH-ES\+A128KW"/],
      ['ECDH-ES+A256KW', 'A128GCM', /"A128GCM"/],
    ] as const) {
      await expectRefused(
        await craftSubmission({ signingKey, recipient, jweAlg, jweEnc }),
        'not-a-submission',
        message,
      );
    }
  });

  it('a JWE header with compression, or an extra parameter: not a submission', async () => {
    await expectRefused(
      await craftSubmission({ signingKey, recipient, jweHeader: { zip: 'DEF' } }),
      'not-a-submission',
      /unexpected parameter "zip"/,
    );
    await expectRefused(
      await craftSubmission({ signingKey, recipient, jweHeader: { jku: 'https://example.com/keys' } }),
      'not-a-submission',
      /unexpected parameter/,
    );
  });

  it('a jwe that is not five canonical base64url parts: not a submission', async () => {
    const text = await packSubmission(samplePayload(), { signingKey, recipientPublicJwk: recipient });
    const envelope = JSON.parse(text);
    const parts: string[] = envelope.jwe.split('.');
    for (const jwe of [
      parts.slice(0, 4).join('.'),
      `${envelope.jwe}.x`,
      `${envelope.jwe}=`,
      envelope.jwe.replace('.', '..'),
      'abc',
    ]) {
      await expectRefused(
        `${JSON.stringify({ ...envelope, jwe }, null, 2)}\n`,
        'not-a-submission',
        /not a compact JWE/,
      );
    }
  });

  it('an unsigned JWS (alg none) inside a valid encryption: bad signature', async () => {
    const header = {
      alg: 'none',
      typ: 'bitagent.connectwise-submission+jws',
      kid: signingKey.signer.thumbprint,
      jwk: signingKey.publicJwk,
    };
    const jws = `${b64(header)}.${b64(samplePayload())}.`;
    await expectRefused(
      await craftSubmission({ signingKey, recipient, jws }),
      'bad-signature',
      /signature algorithm is "none"/,
    );
    const hs = `${b64({ ...header, alg: 'HS256' })}.${b64(samplePayload())}.${b64('x')}`;
    await expectRefused(
      await craftSubmission({ signingKey, recipient, jws: hs }),
      'bad-signature',
      /"HS256"/,
    );
  });

  it('a signature by a key other than the one in its header: bad signature', async () => {
    const impostor = await generateSigningKey();
    await expectRefused(
      await craftSubmission({ signingKey, recipient, signWith: impostor }),
      'bad-signature',
      /does not verify/,
    );
  });

  it('a JWS whose kid is not its key’s thumbprint, or a signer the envelope does not name: bad signature', async () => {
    const other = await generateSigningKey();
    await expectRefused(
      await craftSubmission({ signingKey, recipient, jwsHeader: { kid: other.signer.thumbprint } }),
      'bad-signature',
      /kid is not the thumbprint/,
    );
    await expectRefused(
      await craftSubmission({
        signingKey,
        recipient,
        jweHeader: { signer: other.signer.thumbprint },
        envelope: { signer: other.signer.thumbprint },
      }),
      'bad-signature',
      /names a different signer/,
    );
  });

  it('a JWS header with a private key, an extra parameter, or no typ: bad signature', async () => {
    for (const jwsHeader of [
      { jwk: signingKey.privateJwk },
      { x5u: 'https://example.com/cert' },
      { typ: 'JWT' },
    ]) {
      await expectRefused(
        await craftSubmission({ signingKey, recipient, jwsHeader }),
        'bad-signature',
        /malformed/,
      );
    }
  });

  it('a correctly sealed and signed payload that is not format v1: schema mismatch', async () => {
    const payload = samplePayload();
    for (const [bad, message] of [
      [{ ...payload, extra: 1 }, /unexpected field "extra"/],
      [{ ...payload, contact: { name: 'x' } }, /"contact.email"/],
      [{ ...payload, validation: { validated: true } }, /"validation"/],
    ] as const) {
      await expectRefused(
        await craftSubmission({ signingKey, recipient, payload: bad }),
        'schema-mismatch',
        message,
      );
    }
    await expectRefused(
      await craftSubmission({ signingKey, recipient, payloadBytes: new TextEncoder().encode('not json') }),
      'schema-mismatch',
      /not JSON/,
    );
  });

  it('a payload whose createdAt differs from the envelope’s: schema mismatch', async () => {
    const text = await craftSubmission({
      signingKey,
      recipient,
      payload: samplePayload(),
      jweHeader: { createdAt: '2026-06-01T00:00:00.000Z' },
      envelope: { createdAt: '2026-06-01T00:00:00.000Z' },
    });
    await expectRefused(text, 'schema-mismatch', /createdAt/);
  });

  it('a hostile value is never echoed raw into the message', async () => {
    const text = `{"format":"\\u001b[31mred${'x'.repeat(500)}","version":1}`;
    const failure = await refusal(text);
    expect(failure.message).toMatch(/format is an unexpected string/);
    expect(failure.message).not.toContain('\u001b');
  });

  it('a malformed key is the key’s fault (invalid-input), checked before the file', async () => {
    const failure = await refusal('not even json', { ...key, d: undefined });
    expect(failure.code).toBe('invalid-input');
  });

  it('the payload opened from a crafted, well-formed file passes the same schema as the app’s', async () => {
    const opened = await openSubmission(await craftSubmission({ signingKey, recipient }), key);
    expect(SubmissionPayloadSchema.parse(opened.payload)).toEqual(samplePayload());
  });
});
