/**
 * The signer fingerprint: the installation key's RFC 7638 thumbprint, in a form a person can read aloud over
 * the phone and a representative can compare with what `bitagent-cw open` prints.
 *
 * The thumbprint itself is base64url, which is case-sensitive and full of look-alikes (l/I, O/0, -/_): hard to
 * dictate. So the fingerprint is the first 20 bytes (160 bits) of the same SHA-256 digest in RFC 4648 base32
 * (A-Z and 2-7: no case, no 0/O or 1/I), as 8 groups of 4: `KRHE DSEM QUQK KTH2 ...`.
 */
import { AppFailure } from '../../common/errors.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const THUMBPRINT_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function fingerprintOf(thumbprint: string): string {
  // 43 canonical base64url characters are exactly the 32 bytes of a SHA-256 digest.
  const digest = Buffer.from(thumbprint, 'base64url');
  if (!THUMBPRINT_PATTERN.test(thumbprint) || digest.toString('base64url') !== thumbprint) {
    throw new AppFailure(
      'bad-signature',
      'Bad signature: the signer thumbprint is not a SHA-256 JWK thumbprint.',
    );
  }
  const text = base32(digest.subarray(0, 20));
  const groups: string[] = [];
  for (let i = 0; i < text.length; i += 4) groups.push(text.slice(i, i + 4));
  return groups.join(' ');
}

/** 20 bytes is a whole number of 5-byte blocks, so there is never padding. */
function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32[(buffer >>> bits) & 31];
    }
  }
  return out;
}
