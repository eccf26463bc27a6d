/**
 * Any single byte changed anywhere in a submission makes `open` refuse it, with one of the five specific
 * reasons, never accepting it. In-process against openSubmission for speed (a handful go through the real CLI
 * in test/integration/submission-cli.test.ts).
 *
 * Covered: 2,000 random positions with random new bytes (seeded, so a failure can be replayed), every byte of
 * the envelope outside the jwe value (its keys, punctuation, whitespace and metadata) with several kinds of
 * replacement, every byte of the JWE's protected header, and every other character in the last position of
 * each base64url segment (where lenient decoders ignore spare bits).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { AppFailure, type ErrorCode } from '../../common/errors.js';
import { generateSigningKey, openSubmission, packSubmission } from '../../main/submission/index.js';
import { devPrivateJwk, devPublicJwk, samplePayload } from '../support/dev-recipient.js';
import { seededRandom } from '../support/fuzz.js';

const REASONS: ErrorCode[] = [
  'not-a-submission',
  'wrong-recipient',
  'bad-signature',
  'schema-mismatch',
  'unsupported-version',
];
const SEED = 0x5eed_0005;

let original: Buffer;
const key = devPrivateJwk();

beforeAll(async () => {
  const signingKey = await generateSigningKey();
  original = Buffer.from(
    await packSubmission(samplePayload(), { signingKey, recipientPublicJwk: devPublicJwk() }),
  );
  // The untouched file opens: every refusal below is the change's doing.
  await openSubmission(original, key);
});

/** Opens `original` with one byte replaced; returns the refusal's code, or fails the test if it was accepted. */
async function openWith(position: number, value: number): Promise<ErrorCode> {
  const copy = Buffer.from(original);
  copy[position] = value;
  try {
    await openSubmission(copy, key);
  } catch (error) {
    if (!(error instanceof AppFailure))
      throw new Error(`byte ${position} -> ${value}: threw ${String(error)}`);
    if (error.message.includes('\n')) throw new Error(`byte ${position}: a message of more than one line`);
    return error.code;
  }
  throw new Error(`ACCEPTED a file with byte ${position} changed from ${original[position]} to ${value}`);
}

function tally(codes: ErrorCode[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const code of codes) counts[code] = (counts[code] ?? 0) + 1;
  return counts;
}

describe('a single changed byte', () => {
  it('at 2,000 random positions, to random other values: always refused, with a specific reason', async () => {
    const random = seededRandom(SEED);
    const codes: ErrorCode[] = [];
    for (let i = 0; i < 2000; i++) {
      const position = Math.floor(random() * original.length);
      const value = (original[position] as number) ^ (1 + Math.floor(random() * 255));
      codes.push(await openWith(position, value));
    }
    expect(codes.every((c) => REASONS.includes(c))).toBe(true);
    // Most random bytes break the base64url or the JSON; the rest fail the integrity check.
    expect(tally(codes)).toMatchObject({
      'not-a-submission': expect.any(Number),
      'bad-signature': expect.any(Number),
    });
  }, 120_000);

  it('at 2,000 random positions in the jwe, to other base64url characters: the cryptography refuses them', async () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const text = original.toString('latin1');
    const start = text.indexOf('"jwe": "') + '"jwe": "'.length;
    const end = text.lastIndexOf('"');
    const random = seededRandom(SEED + 1);
    const codes: ErrorCode[] = [];
    while (codes.length < 2000) {
      const position = start + Math.floor(random() * (end - start));
      if (original[position] === 0x2e) continue; // a segment separator is not a base64url character
      const value = alphabet.charCodeAt(Math.floor(random() * 64));
      if (value !== original[position]) codes.push(await openWith(position, value));
    }
    expect(codes.every((c) => REASONS.includes(c))).toBe(true);
    // Past the (readable) header, every such change is caught by A256GCM's tag.
    expect(tally(codes)['bad-signature']).toBeGreaterThan(1500);
  }, 120_000);

  it('every byte of the envelope outside the jwe value (keys, punctuation, whitespace, metadata)', async () => {
    const text = original.toString('latin1');
    const jweStart = text.indexOf('"jwe": "') + '"jwe": "'.length;
    const jweEnd = text.lastIndexOf('"');
    const positions = [...Array(original.length).keys()].filter((p) => p < jweStart || p >= jweEnd);
    expect(positions.length).toBeGreaterThan(200);
    const codes: ErrorCode[] = [];
    for (const position of positions) {
      const byte = original[position] as number;
      // A neighbour, the other case of a letter, a space, a quote, a digit, a high byte.
      for (const value of new Set([byte ^ 1, byte ^ 0x20, 0x20, 0x22, 0x30, 0xc3])) {
        if (value !== byte) codes.push(await openWith(position, value));
      }
    }
    expect(codes.every((c) => REASONS.includes(c))).toBe(true);
    expect(Object.keys(tally(codes)).sort()).toEqual(
      expect.arrayContaining(['bad-signature', 'not-a-submission', 'unsupported-version']),
    );
  }, 120_000);

  it('every byte of the JWE protected header (the authenticated copy of the metadata)', async () => {
    const text = original.toString('latin1');
    const start = text.indexOf('"jwe": "') + '"jwe": "'.length;
    const end = text.indexOf('.', start);
    for (let position = start; position < end; position++) {
      const byte = original[position] as number;
      expect(REASONS).toContain(await openWith(position, byte === 0x41 ? 0x42 : 0x41));
    }
  }, 120_000);

  it('the last character of each base64url segment, to every other base64url character', async () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const text = original.toString('latin1');
    const start = text.indexOf('"jwe": "') + '"jwe": "'.length;
    const end = text.lastIndexOf('"');
    const lasts: number[] = [];
    for (let p = start; p < end; p++) if (text[p + 1] === '.' || p + 1 === end) lasts.push(p);
    expect(lasts).toHaveLength(5);
    for (const position of lasts) {
      for (const char of alphabet) {
        if (char.charCodeAt(0) !== original[position]) {
          expect(REASONS).toContain(await openWith(position, char.charCodeAt(0)));
        }
      }
    }
  }, 120_000);
});
