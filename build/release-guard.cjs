// @ts-check
/**
 * The release guard: packaging refuses to build an installer that still carries the development recipient
 * key (the one that ships for tests and the demo: nobody at BitAgent can open a submission encrypted to it).
 *
 * Wired into electron-builder.yml as the `beforePack` hook, so every `electron-builder` run, however started,
 * passes through it; `npm run dist` also runs it first (`node build/release-guard.cjs`) to fail before the
 * build. A test or demo installer may still be made on purpose with BITAGENT_ALLOW_DEV_RECIPIENT=1.
 *
 * Never overridable: a missing or unreadable key, a key that is not an X25519 public JWK, or one that holds
 * private key material (`d`).
 *
 * CommonJS on purpose: electron-builder `require`s hook files, and package.json says "type": "module".
 */
'use strict';

const { readFileSync } = require('node:fs');
const path = require('node:path');

const RECIPIENT_KEY_PATH = path.join('assets', 'recipient', 'bitagent-recipient.public.jwk');
const DEV_KID_PREFIX = 'dev-';
const OVERRIDE_ENV = 'BITAGENT_ALLOW_DEV_RECIPIENT';

class ReleaseGuardError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'ReleaseGuardError';
  }
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks the recipient key a build would ship. Throws a ReleaseGuardError when the build must not go on.
 *
 * @param {{ projectDir: string, env?: Record<string, string | undefined>, keyPath?: string }} options
 *   keyPath is relative to projectDir (default assets/recipient/bitagent-recipient.public.jwk).
 * @returns {{ kids: string[], development: boolean, overridden: boolean, keyFile: string }}
 */
function checkReleaseRecipient({ projectDir, env = process.env, keyPath = RECIPIENT_KEY_PATH }) {
  const keyFile = path.resolve(projectDir, keyPath);
  let text;
  try {
    text = readFileSync(keyFile, 'utf8');
  } catch (error) {
    const code = isObject(error) && typeof error.code === 'string' ? error.code : 'unreadable';
    throw new ReleaseGuardError(
      `Release guard: the recipient public key ${keyPath} cannot be read (${code}). An installer must ship ` +
        "BitAgent's recipient public key there.",
    );
  }
  /** @type {unknown} */
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ReleaseGuardError(`Release guard: ${keyPath} is not valid JSON.`);
  }
  // One JWK, or a JWK Set ({"keys": [...]}) where every key is checked.
  const keys = isObject(parsed) && Array.isArray(parsed.keys) ? parsed.keys : [parsed];
  if (keys.length === 0) throw new ReleaseGuardError(`Release guard: ${keyPath} holds no key.`);
  /** @type {string[]} */
  const kids = [];
  for (const key of keys) {
    if (!isObject(key)) throw new ReleaseGuardError(`Release guard: ${keyPath} is not a JWK.`);
    if ('d' in key) {
      throw new ReleaseGuardError(
        `Release guard: ${keyPath} holds PRIVATE key material ("d"). Only the public key may ever ship; ` +
          'remove it and rotate that key pair. (No override for this one.)',
      );
    }
    if (key.kty !== 'OKP' || key.crv !== 'X25519' || typeof key.x !== 'string' || key.x.length === 0) {
      throw new ReleaseGuardError(
        `Release guard: ${keyPath} is not an X25519 public JWK (kty "OKP", crv "X25519", x).`,
      );
    }
    if (typeof key.kid !== 'string' || key.kid.trim() === '') {
      throw new ReleaseGuardError(`Release guard: the key in ${keyPath} has no "kid".`);
    }
    kids.push(key.kid);
  }
  const development = kids.some((kid) => kid.toLowerCase().startsWith(DEV_KID_PREFIX));
  const overridden = development && env[OVERRIDE_ENV] === '1';
  if (development && !overridden) {
    throw new ReleaseGuardError(
      `Release guard: ${keyPath} is the DEVELOPMENT recipient key (kid "${kids.join('", "')}"). ` +
        'Submissions made with this build could not be opened by BitAgent. Put the production public key ' +
        `there for a release, or set ${OVERRIDE_ENV}=1 to build a test installer on purpose.`,
    );
  }
  return { kids, development, overridden, keyFile };
}

/**
 * @param {{ kids: string[], development: boolean, overridden: boolean }} result
 * @returns {string}
 */
function summarize(result) {
  return result.overridden
    ? `release guard: WARNING: building with the DEVELOPMENT recipient key (kid ${result.kids.join(', ')}) ` +
        `because ${OVERRIDE_ENV}=1. Not for release.`
    : `release guard: recipient key ${result.kids.join(', ')}: ok`;
}

/**
 * electron-builder's beforePack hook (electron-builder picks the export named after the hook).
 * @param {{ packager: { projectDir: string } }} context
 */
async function beforePack(context) {
  const result = checkReleaseRecipient({ projectDir: context.packager.projectDir });
  console.log(`  • ${summarize(result)}`);
}

module.exports = {
  RECIPIENT_KEY_PATH,
  DEV_KID_PREFIX,
  OVERRIDE_ENV,
  ReleaseGuardError,
  checkReleaseRecipient,
  summarize,
  beforePack,
};

// `node build/release-guard.cjs [projectDir]`: the same check, before a build starts.
if (require.main === module) {
  try {
    console.log(summarize(checkReleaseRecipient({ projectDir: process.argv[2] ?? process.cwd() })));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
