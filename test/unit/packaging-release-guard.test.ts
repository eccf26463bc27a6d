/**
 * The release guard (build/release-guard.cjs): packaging refuses the development recipient key unless
 * BITAGENT_ALLOW_DEV_RECIPIENT=1, and refuses a missing, malformed or private key always. Each case writes
 * its own key file into a temporary project folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  beforePack,
  checkReleaseRecipient,
  DEV_KID_PREFIX,
  OVERRIDE_ENV,
  RECIPIENT_KEY_PATH,
  ReleaseGuardError,
} from '../../build/release-guard.cjs';
import { ROOT } from './packaging-support.js';

const GUARD = path.join(ROOT, 'build', 'release-guard.cjs');
const X = 'hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo'; // any 32-byte base64url value: the guard checks the shape
const PRODUCTION = {
  kty: 'OKP',
  crv: 'X25519',
  x: X,
  kid: 'bitagent-2025-01',
  use: 'enc',
  alg: 'ECDH-ES+A256KW',
};
const DEVELOPMENT = { ...PRODUCTION, kid: 'dev-2025-01' };

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A temporary project folder whose recipient key file holds `content` (or no key file when undefined). */
function project(content?: unknown): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bitagent-guard-'));
  made.push(dir);
  if (content !== undefined) {
    const file = path.join(dir, RECIPIENT_KEY_PATH);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

function refusal(dir: string, env: Record<string, string> = {}): string {
  try {
    checkReleaseRecipient({ projectDir: dir, env });
  } catch (error) {
    expect(error).toBeInstanceOf(ReleaseGuardError);
    return (error as Error).message;
  }
  throw new Error('the guard let the build go on');
}

describe('the release guard', () => {
  it('lets a production key through', () => {
    const result = checkReleaseRecipient({ projectDir: project(PRODUCTION), env: {} });
    expect(result).toMatchObject({ kids: ['bitagent-2025-01'], development: false, overridden: false });
  });

  it('refuses the development key, naming the override', () => {
    expect(DEV_KID_PREFIX).toBe('dev-');
    const message = refusal(project(DEVELOPMENT));
    expect(message).toContain('DEVELOPMENT recipient key');
    expect(message).toContain('dev-2025-01');
    expect(message).toContain(`${OVERRIDE_ENV}=1`);
    expect(OVERRIDE_ENV).toBe('BITAGENT_ALLOW_DEV_RECIPIENT');
  });

  it('lets the development key through only with the override set to exactly 1', () => {
    const dir = project(DEVELOPMENT);
    for (const value of ['', '0', 'true', 'yes', ' 1']) refusal(dir, { [OVERRIDE_ENV]: value });
    const result = checkReleaseRecipient({ projectDir: dir, env: { [OVERRIDE_ENV]: '1' } });
    expect(result).toMatchObject({ development: true, overridden: true });
  });

  it('reads the environment of the process by default', () => {
    const dir = project(DEVELOPMENT);
    const before = process.env[OVERRIDE_ENV];
    try {
      delete process.env[OVERRIDE_ENV];
      expect(() => checkReleaseRecipient({ projectDir: dir })).toThrow(ReleaseGuardError);
      process.env[OVERRIDE_ENV] = '1';
      expect(checkReleaseRecipient({ projectDir: dir }).overridden).toBe(true);
    } finally {
      if (before === undefined) delete process.env[OVERRIDE_ENV];
      else process.env[OVERRIDE_ENV] = before;
    }
  });

  it('checks every key of a JWK Set', () => {
    expect(refusal(project({ keys: [PRODUCTION, { ...DEVELOPMENT, kid: 'DEV-old' }] }))).toContain('DEV-old');
    expect(checkReleaseRecipient({ projectDir: project({ keys: [PRODUCTION] }), env: {} }).kids).toEqual([
      'bitagent-2025-01',
    ]);
    refusal(project({ keys: [] }));
  });

  it.each([
    ['a missing key file', undefined, /cannot be read \(ENOENT\)/],
    ['a key file that is not JSON', '{"kty": "OKP",', /not valid JSON/],
    ['a private key', { ...PRODUCTION, d: X }, /PRIVATE key material/],
    ['a private development key', { ...DEVELOPMENT, d: X }, /PRIVATE key material/],
    ['an RSA key', { kty: 'RSA', n: 'AQAB', e: 'AQAB', kid: 'bitagent-rsa' }, /not an X25519 public JWK/],
    ['an Ed25519 (signing) key', { ...PRODUCTION, crv: 'Ed25519' }, /not an X25519 public JWK/],
    ['a key without kid', { ...PRODUCTION, kid: undefined }, /has no "kid"/],
    ['a key with an empty kid', { ...PRODUCTION, kid: '  ' }, /has no "kid"/],
    ['an array', [PRODUCTION], /not a JWK/],
  ])('refuses %s, even with the override', (_name, content, message) => {
    const dir = project(content);
    expect(refusal(dir)).toMatch(message);
    expect(refusal(dir, { [OVERRIDE_ENV]: '1' })).toMatch(message);
  });

  it('is electron-builder`s beforePack hook, reading the project the packager builds', async () => {
    const context = (dir: string) => ({ packager: { projectDir: dir } });
    await expect(beforePack(context(project(DEVELOPMENT)))).rejects.toThrow(/DEVELOPMENT recipient key/);
    await expect(beforePack(context(project(PRODUCTION)))).resolves.toBeUndefined();
  });

  it('runs from the command line (npm run dist runs it first), failing with exit code 1', () => {
    const run = (dir: string, env: Record<string, string>) => {
      const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
      if (!(OVERRIDE_ENV in env)) delete childEnv[OVERRIDE_ENV];
      return spawnSync(process.execPath, [GUARD, dir], { encoding: 'utf8', env: childEnv });
    };
    const refused = run(project(DEVELOPMENT), {});
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('DEVELOPMENT recipient key');
    const overridden = run(project(DEVELOPMENT), { [OVERRIDE_ENV]: '1' });
    expect(overridden.status).toBe(0);
    expect(overridden.stdout).toContain('WARNING');
    const production = run(project(PRODUCTION), {});
    expect(production.status).toBe(0);
    expect(production.stdout).toContain('recipient key bitagent-2025-01: ok');
  });

  // The key the repository ships: while it is the development key (or none yet), a release build must stop.
  it('judges the key the repository ships', () => {
    const shipped = path.join(ROOT, RECIPIENT_KEY_PATH);
    if (!existsSync(shipped)) {
      expect(() => checkReleaseRecipient({ projectDir: ROOT, env: { [OVERRIDE_ENV]: '1' } })).toThrow(
        /cannot be read/,
      );
      return;
    }
    const key = JSON.parse(readFileSync(shipped, 'utf8')) as { kid?: string };
    if (key.kid?.startsWith(DEV_KID_PREFIX)) {
      expect(() => checkReleaseRecipient({ projectDir: ROOT, env: {} })).toThrow(/DEVELOPMENT recipient key/);
      expect(checkReleaseRecipient({ projectDir: ROOT, env: { [OVERRIDE_ENV]: '1' } }).overridden).toBe(true);
    } else {
      expect(checkReleaseRecipient({ projectDir: ROOT, env: {} }).development).toBe(false);
    }
  });
});
