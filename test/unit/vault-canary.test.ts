/**
 * The secret canary (issue 4): known secrets go in, through every path that writes, logs or fails; then their
 * bytes, in every encoding we might slip into, must appear nowhere in the store folder (the store, copies
 * moved aside, temporary files), in any log line, or in any error's text.
 *
 * The vault is given a logger that does NOT redact, so this proves the vault never tries to log a secret,
 * rather than that the logger's redaction hid it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../common/errors.js';
import type { DraftPatch } from '../../common/schemas/draft.js';
import { createDispatcher } from '../../main/dispatch.js';
import { createHandlers } from '../../main/handlers.js';
import { createLogger, type Logger } from '../../main/log.js';
import type { KeychainSealer } from '../../main/platform/port.js';
import { VAULT_FILE_NAME } from '../../main/vault/file-format.js';
import { createVault } from '../../main/vault/index.js';
import { fakeKeychain, TEST_SCRYPT, tempDir, testPort } from '../support/vault-fixtures.js';

const CANARY = {
  clientId: 'c4a1a2b3-dead-4bee-f00d-ca7ca7ca7ca7',
  publicKey: 'CanaryPubKey0001',
  privateKey: 'CanaryPrvKey0002',
  passphrase: 'canary passphrase 0003',
  extra: '{"kty":"OKP","d":"Q2FuYXJ5U2lnbmluZ0tleTAwMDQ"}',
};
const CANARY_VALUES = Object.values(CANARY);

function encodings(value: string): Buffer[] {
  const utf8 = Buffer.from(value, 'utf8');
  return [
    utf8,
    Buffer.from(value, 'utf16le'),
    Buffer.from(utf8.toString('base64')),
    Buffer.from(utf8.toString('base64url')),
    Buffer.from(utf8.toString('hex')),
    Buffer.from(JSON.stringify(value)),
  ];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

function leaksIn(haystacks: { where: string; bytes: Buffer }[]): string[] {
  const found: string[] = [];
  for (const { where, bytes } of haystacks)
    for (const value of CANARY_VALUES)
      for (const needle of encodings(value))
        if (bytes.includes(needle)) found.push(`${where}: ${value.slice(0, 6)}…`);
  return found;
}

/** A logger that records every line as given: no redaction. */
function rawLogger(lines: string[]): Logger {
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    lines.push(`${level} ${message} ${fields ? JSON.stringify(fields) : ''}`);
  };
  return { info: write('info'), warn: write('warn'), error: write('error'), addSecret: () => {} };
}

function errorText(error: unknown): string {
  if (error instanceof AppFailure) return `${JSON.stringify(error.toAppError())} ${error.stack ?? ''}`;
  if (error instanceof Error) return `${error.name} ${error.message} ${error.stack ?? ''}`;
  return String(error);
}

async function exercise(keychain: KeychainSealer | null) {
  const dir = await tempDir('bitagent-vault-canary-');
  const lines: string[] = [];
  const errors: string[] = [];
  const caught = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      errors.push(errorText(error));
    }
  };
  const open = () =>
    createVault({ port: testPort(dir, keychain), log: rawLogger(lines), dir, scryptCost: TEST_SCRYPT });

  const vault = open();
  await caught(vault.setSecrets({ privateKey: CANARY.privateKey })); // locked, where there is no keychain
  if (!keychain) await vault.unlock(CANARY.passphrase);
  else await caught(vault.unlock(CANARY.passphrase)); // not needed: refused
  await vault.setSecrets({
    clientId: CANARY.clientId,
    publicKey: CANARY.publicKey,
    privateKey: CANARY.privateKey,
  });
  await vault.sealedItem('signing-key').save(CANARY.extra);
  await vault.saveDraft({ companyId: 'acme' });
  // A secret pasted into a draft field of the wrong type, and one too long for its secret field.
  await caught(vault.saveDraft({ boardId: CANARY.privateKey } as unknown as DraftPatch));
  // (An unknown key is named in the error, as the issue asks; keys come from code, values from the user.)
  await caught(vault.saveDraft({ colour: CANARY.publicKey } as unknown as DraftPatch));
  await caught(vault.setSecrets({ clientId: CANARY.clientId.repeat(5) }));
  await caught(vault.unlock(`${CANARY.passphrase}!`));
  await vault.readValidationInput();
  await vault.readSubmissionInput();
  await vault.sealedItem('signing-key').load();
  await vault.close();

  // Restart: locked (passphrase) or not (keychain); wrong passphrases up to the back-off.
  const restarted = open();
  await caught(restarted.readValidationInput());
  for (let i = 0; i < 7; i++) await caught(restarted.unlock(`${CANARY.passphrase}${i}`));
  await restarted.close();

  // Tamper with a sealed item, then damage the whole file: a copy is moved aside, still sealed.
  const file = path.join(dir, VAULT_FILE_NAME);
  const raw = JSON.parse(readFileSync(file, 'utf8'));
  raw.sealed.secrets.clientId = raw.sealed.secrets.privateKey;
  await writeFile(file, JSON.stringify(raw));
  const tampered = open();
  if (!keychain) await tampered.unlock(CANARY.passphrase);
  await caught(tampered.readValidationInput());
  await writeFile(file, JSON.stringify(raw).slice(0, -5));
  const recovered = open();
  const loaded = await recovered.loadDraft();
  expect(loaded.recovery?.recoveredFields).toContain('secrets');
  await recovered.close();

  // Through the dispatcher too (what the renderer would receive), with the app's real logger and handlers.
  const appLines: string[] = [];
  const appLog = createLogger((line) => appLines.push(line));
  const dispatch = createDispatcher(createHandlers({ port: testPort(dir, keychain), log: appLog }), appLog);
  const ctx = { runtime: 'harness' as const, emit: () => {} };
  const responses = [
    await dispatch('secrets.set', { privateKey: CANARY.privateKey.repeat(20) }, ctx),
    await dispatch('secrets.set', { privateKey: CANARY.privateKey, extra: CANARY.publicKey }, ctx),
    await dispatch('draft.save', { contactEmail: CANARY.privateKey.repeat(30) }, ctx),
    await dispatch('vault.unlock', { passphrase: CANARY.passphrase.slice(0, 5) }, ctx),
    await dispatch('secrets.status', {}, ctx),
    await dispatch('draft.load', {}, ctx),
  ];

  expect(errors.length).toBeGreaterThan(8);
  return {
    dir,
    lines: [...lines, ...appLines],
    errors: [...errors, ...responses.map((r) => JSON.stringify(r))],
  };
}

describe('the secret canary', () => {
  for (const mode of ['passphrase', 'keychain'] as const) {
    it(`finds no secret byte in the store folder, the logs or any error (${mode})`, async () => {
      const { dir, lines, errors } = await exercise(mode === 'keychain' ? fakeKeychain() : null);
      const files = filesUnder(dir);
      expect(files.some((f) => f.includes('.corrupt-'))).toBe(true);
      const leaks = leaksIn([
        ...files.map((f) => ({ where: path.basename(f), bytes: readFileSync(f) })),
        ...lines.map((line, i) => ({ where: `log line ${i}`, bytes: Buffer.from(line) })),
        ...errors.map((text, i) => ({ where: `error ${i}`, bytes: Buffer.from(text) })),
      ]);
      expect(leaks).toEqual([]);
    });
  }

  it('would see a leak: the scanner finds the canary when it is there', () => {
    const leaks = leaksIn([
      { where: 'planted', bytes: Buffer.from(Buffer.from(CANARY.privateKey).toString('base64')) },
    ]);
    expect(leaks.length).toBeGreaterThan(0);
  });
});
