/** Shared by the vault's tests and its crash-test child: a Node platform port, a keychain double, a temp folder. */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_DRAFT, type Draft } from '../../common/schemas/draft.js';
import { WIZARD_STEPS } from '../../common/schemas/wizard.js';
import type { KeychainSealer, PlatformPort } from '../../main/platform/port.js';
import type { ScryptCost } from '../../main/vault/index.js';

/** Cheap enough for a test suite; one test runs the production cost (vault-crypto.test.ts). */
export const TEST_SCRYPT: ScryptCost = { N: 2 ** 10, r: 8, p: 1 };

export function testPort(userDataDir: string, keychain: KeychainSealer | null = null): PlatformPort {
  return {
    runtime: 'harness',
    appName: 'bitagent-connectwise-onboarding',
    productName: 'BitAgent ConnectWise Onboarding',
    appVersion: '0.0.0-test',
    platform: process.platform,
    userDataDir,
    keychain,
    openExternal: async () => 'harness',
    chooseSavePath: async () => null,
  };
}

/**
 * Stands in for Electron safeStorage: real AES-256-GCM under a key only this object holds, so what it seals is
 * as opaque on disk as the real keychain's output, and another instance (another computer) cannot open it.
 */
export function fakeKeychain(backend = 'test-keychain'): KeychainSealer & { sealCalls: number } {
  const key = randomBytes(32);
  const sealer = {
    backend,
    sealCalls: 0,
    seal(plain: string): Buffer {
      sealer.sealCalls++;
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([nonce, cipher.getAuthTag(), data]);
    },
    unseal(sealed: Buffer): string {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
  return sealer;
}

export function tempDir(prefix = 'bitagent-vault-test-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** The crash test's n-th save: a few fields that change every time, of a length that varies. */
export function crashPatch(tag: string, n: number): Partial<Draft> {
  return {
    contactName: `${tag}-${n}`,
    unvalidatedReason: 'x'.repeat(n % 997),
    currentStep: WIZARD_STEPS[n % WIZARD_STEPS.length] ?? 'welcome',
  };
}

export function crashDraft(tag: string, n: number): Draft {
  return { ...structuredClone(DEFAULT_DRAFT), ...crashPatch(tag, n) };
}

/** The Client ID the crash child stores at every 7th save. */
export function crashClientId(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export const CRASH_PASSPHRASE = 'crash test passphrase';
