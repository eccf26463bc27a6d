/**
 * The vault service: the draft, the sealed secrets, and which protection guards them. One in-memory copy of
 * the store (always at least as new as the file), written through a coalescing durable writer.
 *
 * Concurrency: state changes and "forget" run one at a time (`exclusive`); writes never overlap (the
 * coalescer); passphrase attempts run one at a time (`attempts`), so parallel guesses cannot dodge the
 * back-off. Two processes on one folder (the app's single-instance lock covers two app windows or instances;
 * the harness next to the app is not covered) cannot tear the file: every write is a whole-file atomic rename.
 */
import { mkdir } from 'node:fs/promises';
import type { z } from 'zod';
import { AppFailure } from '../../common/errors.js';
import { type Draft, type DraftPatch, DraftPatchSchema, DraftSchema } from '../../common/schemas/draft.js';
import { API_KEY_PATTERN, GUID_PATTERN } from '../../common/schemas/text.js';
import type { ValidationInput, ValidationReport } from '../../common/schemas/validation.js';
import {
  type DraftLoadResult,
  PassphraseSchema,
  SECRET_NAMES,
  type SecretName,
  type SecretsPatch,
  SecretsPatchSchema,
  type SecretsStatus,
  type VaultStatus,
} from '../../common/schemas/vault.js';
import { describeInvalidInput } from '../dispatch.js';
import type { Logger } from '../log.js';
import type { PlatformPort } from '../platform/port.js';
import { createBackoff } from './backoff.js';
import { createCoalescer } from './coalescer.js';
import {
  EXTRA_NAME_PATTERN,
  emptyVaultFile,
  MAX_SEALED_BYTES,
  VAULT_FORMAT_VERSION,
  type VaultFile,
} from './file-format.js';
import {
  checkOpens,
  deriveMasterKey,
  newKdf,
  PRODUCTION_SCRYPT_COST,
  type ScryptCost,
  sealCheck,
} from './passphrase-crypto.js';
import {
  foreignKeychainMessage,
  openExtra,
  openSecret,
  SECRET_LABELS,
  type SealContext,
  withExtra,
  withSecret,
} from './sealing.js';
import { createSerial } from './serial.js';
import {
  moveAside,
  readVault,
  rebuildFrom,
  removeStaleTemps,
  vaultPath,
  wipeVault,
  writeVault,
} from './store-file.js';

export interface VaultOptions {
  port: PlatformPort;
  log: Logger;
  /** Where the store lives; the port's user-data folder by default. */
  dir?: string;
  now?: () => Date;
  /** scrypt's cost for a newly chosen passphrase; tests pass a cheap one. Stored with the salt. */
  scryptCost?: ScryptCost;
  /** How long a draft save waits for others to join its write (ms). */
  coalesceMs?: number;
}

export interface SealedItem {
  load(): Promise<string | null>;
  save(value: string): Promise<void>;
}

export interface SubmissionInput {
  draft: Draft;
  secrets: Record<SecretName, string>;
}

export interface Vault {
  /** draft.load */
  loadDraft(): Promise<DraftLoadResult>;
  /** draft.save: a partial patch, validated whole; resolves once it is on disk. */
  saveDraft(patch: DraftPatch): Promise<{ savedAt: string }>;
  /** secrets.set */
  setSecrets(patch: SecretsPatch): Promise<SecretsStatus>;
  /** secrets.status */
  secretsStatus(): Promise<SecretsStatus>;
  /** vault.status */
  status(): Promise<VaultStatus>;
  /** vault.unlock: enters the passphrase, or chooses it the first time. */
  unlock(passphrase: string): Promise<VaultStatus>;
  /** vault.forget: wipes the store, every copy moved aside, and the key in memory. */
  forget(): Promise<VaultStatus>;
  /** For validation (main process only): draft fields and the unsealed secrets. */
  readValidationInput(): Promise<ValidationInput>;
  /** For the submission file (main process only). */
  readSubmissionInput(): Promise<SubmissionInput>;
  /** A named extra item sealed with the active protection (the installation's signing key, say). */
  sealedItem(name: string): SealedItem;
  saveReport(report: ValidationReport): Promise<void>;
  /** Waits for pending writes. */
  close(): Promise<void>;
}

const WELL_FORMED: Record<SecretName, RegExp> = {
  clientId: GUID_PATTERN,
  publicKey: API_KEY_PATTERN,
  privateKey: API_KEY_PATTERN,
};

export function createVault(options: VaultOptions): Vault {
  const { port, log } = options;
  const dir = options.dir ?? port.userDataDir;
  const now = options.now ?? (() => new Date());
  const cost = options.scryptCost ?? PRODUCTION_SCRYPT_COST;
  const backoff = createBackoff();
  const exclusive = createSerial();
  const attempts = createSerial();

  let state: VaultFile = emptyVaultFile();
  let masterKey: Buffer | null = null;
  /** Set once draft.load has handed the recovery notice to the wizard: the next save clears it. */
  let recoveryShown = false;
  let opening: Promise<void> | null = null;

  const ctx = (): SealContext => ({ keychain: port.keychain, masterKey });

  const writer = createCoalescer(async () => {
    const savedAt = now().toISOString();
    const snapshot: VaultFile = { ...state, savedAt };
    try {
      await writeVault(dir, snapshot);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      log.error('vault: write failed', { code });
      throw new AppFailure(
        'io',
        `The draft could not be saved (${code}). Your changes are kept while the app is open; the next save tries again.`,
      );
    }
    // No write runs while "forget" does (it waits for them, and later changes queue behind it).
    state = { ...state, savedAt };
    return savedAt;
  }, options.coalesceMs ?? 20);

  /** Changes the state and asks for a write, as one step no "forget" can come between. */
  const change = async (mutate: () => void): Promise<string> => {
    // Queued at once, in call order: a save made just before "forget" is wiped by it, not written after it.
    const { written } = await exclusive(async () => {
      await ready();
      mutate();
      return { written: writer.request() };
    });
    return written;
  };

  function ready(): Promise<void> {
    opening ??= open().catch((error: unknown) => {
      opening = null; // the next call tries again
      throw error;
    });
    return opening;
  }

  async function open(): Promise<void> {
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await removeStaleTemps(dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new AppFailure('io', `The app's data folder cannot be used (${code}): ${dir}`);
    }
    const outcome = await readVault(dir);
    if (outcome.kind === 'absent') {
      state = emptyVaultFile();
      return;
    }
    if (outcome.kind === 'ok') {
      state = outcome.file;
      return;
    }
    const why = outcome.kind === 'damaged' ? outcome.why : `unreadable (${outcome.code})`;
    let movedTo: string;
    try {
      movedTo = await moveAside(dir, now());
    } catch {
      throw new AppFailure(
        'store-corrupt',
        `The saved draft (${vaultPath(dir)}) cannot be read (${why}) and could not be moved aside. Nothing was changed: move or delete that file, then start again.`,
      );
    }
    const salvage =
      outcome.kind === 'damaged' ? outcome.salvage : { draft: {}, sealed: null, recovered: [] as string[] };
    const at = now().toISOString();
    state = { ...rebuildFrom(salvage, { movedTo, recoveredFields: salvage.recovered, at }), savedAt: at };
    try {
      await writeVault(dir, state);
    } catch (error) {
      // The damaged file is safe where it was moved; the next start will simply find no store.
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new AppFailure(
        'io',
        `A damaged draft was moved to ${movedTo}, but a new one could not be written (${code}).`,
      );
    }
    log.warn('vault: a damaged store was moved aside', { why, movedTo, recovered: salvage.recovered });
  }

  function statusNow(): VaultStatus {
    const sealed = state.sealed;
    let protection: VaultStatus['protection'];
    if (sealed === null) protection = port.keychain ? 'keychain' : 'none-yet';
    else if (sealed.protection === 'keychain') protection = port.keychain ? 'keychain' : 'locked';
    else protection = masterKey ? 'passphrase' : 'locked';
    return {
      protection,
      passphraseRequired: port.keychain === null,
      retryAfterSeconds: backoff.remainingSeconds(now()),
    };
  }

  function secretsStatusNow(): SecretsStatus {
    const secrets = state.sealed?.secrets ?? {};
    const one = (name: SecretName) => {
      const entry = secrets[name];
      return { set: entry !== undefined, wellFormed: entry ? entry.wellFormed : null };
    };
    return { clientId: one('clientId'), publicKey: one('publicKey'), privateKey: one('privateKey') };
  }

  function adoptKey(key: Buffer): void {
    if (masterKey && masterKey !== key) masterKey.fill(0);
    masterKey = key;
  }

  async function readSecrets(): Promise<Record<SecretName, string>> {
    await ready();
    const missing = SECRET_NAMES.find((name) => !state.sealed?.secrets[name]);
    if (missing) {
      throw new AppFailure('secret-missing', `The ${SECRET_LABELS[missing]} has not been entered yet.`, {
        field: missing,
      });
    }
    const out = {} as Record<SecretName, string>;
    for (const name of SECRET_NAMES) {
      const value = openSecret(state.sealed, ctx(), name) as string;
      log.addSecret(value);
      out[name] = value;
    }
    return out;
  }

  async function chooseOrEnter(passphrase: string): Promise<VaultStatus> {
    await ready();
    const section = state.sealed;
    if (port.keychain && section?.protection !== 'passphrase') {
      throw new AppFailure(
        'not-available',
        "This computer's keychain protects the keys: no passphrase is needed.",
      );
    }
    if (section?.protection === 'keychain')
      throw new AppFailure('locked', foreignKeychainMessage(section.backend));
    if (section === null) {
      // First time, no keychain: this passphrase becomes the vault's.
      const kdf = newKdf(cost);
      const key = await deriveMasterKey(passphrase, kdf);
      await change(() => {
        if (state.sealed !== null) {
          key.fill(0);
          throw new AppFailure('locked', 'The vault changed while the passphrase was being set. Try again.');
        }
        state = {
          ...state,
          sealed: {
            protection: 'passphrase',
            kdf,
            check: sealCheck(key, VAULT_FORMAT_VERSION),
            secrets: {},
            extras: {},
          },
        };
        adoptKey(key);
      });
      log.info('vault: passphrase chosen', { N: kdf.N, r: kdf.r, p: kdf.p });
      return statusNow();
    }
    const wait = backoff.remainingSeconds(now());
    if (wait > 0) {
      throw new AppFailure('retry-later', `Too many wrong passphrases. Try again in ${wait} seconds.`, {
        field: 'passphrase',
        retryAfterSeconds: wait,
      });
    }
    const key = await deriveMasterKey(passphrase, section.kdf);
    if (!checkOpens(key, section.check)) {
      key.fill(0);
      backoff.failed(now());
      const retry = backoff.remainingSeconds(now());
      log.warn('vault: wrong passphrase', { failures: backoff.failures });
      throw new AppFailure(
        'wrong-passphrase',
        `That passphrase does not open the saved keys. Nothing was changed.${retry > 0 ? ` Try again in ${retry} seconds.` : ''}`,
        retry > 0 ? { field: 'passphrase', retryAfterSeconds: retry } : { field: 'passphrase' },
      );
    }
    // Only "forget" or a new passphrase replaces the check item; a secret removed meanwhile does not matter.
    if (state.sealed?.protection !== 'passphrase' || state.sealed.check !== section.check) {
      key.fill(0);
      throw new AppFailure('locked', 'The vault changed while the passphrase was being checked. Try again.');
    }
    backoff.succeeded();
    adoptKey(key);
    log.info('vault: unlocked');
    return statusNow();
  }

  const saveDraft = async (patch: DraftPatch): Promise<{ savedAt: string }> => {
    const parsed = DraftPatchSchema.safeParse(patch);
    if (!parsed.success) throw invalid('draft.save', parsed.error);
    const changes = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
    const savedAt = await change(() => {
      const next = DraftSchema.safeParse({ ...state.draft, ...changes });
      if (!next.success) throw invalid('draft.save', next.error);
      state = { ...state, draft: next.data, recovery: recoveryShown ? null : state.recovery };
    });
    return { savedAt };
  };

  return {
    async loadDraft() {
      await ready();
      if (state.recovery) recoveryShown = true;
      return { draft: structuredClone(state.draft), savedAt: state.savedAt, recovery: state.recovery };
    },

    saveDraft,

    async setSecrets(patch) {
      const parsed = SecretsPatchSchema.safeParse(patch);
      if (!parsed.success) throw invalid('secrets.set', parsed.error);
      const entries = SECRET_NAMES.flatMap((name) => {
        const value = parsed.data[name];
        // An empty field removes the secret, as null does: an empty key is never worth sealing.
        return value === undefined ? [] : [[name, value === '' ? null : value] as const];
      });
      for (const [, value] of entries) if (value !== null) log.addSecret(value);
      if (entries.length > 0) {
        await change(() => {
          let sealed = state.sealed;
          for (const [name, value] of entries) {
            sealed = withSecret(sealed, ctx(), name, value, value !== null && WELL_FORMED[name].test(value));
          }
          state = { ...state, sealed };
        });
      } else {
        await ready();
      }
      return secretsStatusNow();
    },

    async secretsStatus() {
      await ready();
      return secretsStatusNow();
    },

    async status() {
      await ready();
      return statusNow();
    },

    async unlock(passphrase) {
      const parsed = PassphraseSchema.safeParse(passphrase);
      if (typeof passphrase === 'string') log.addSecret(passphrase);
      if (!parsed.success) {
        const reason = parsed.error.issues[0]?.message ?? 'not accepted';
        throw new AppFailure('invalid-input', `The passphrase: ${reason}.`, { field: 'passphrase' });
      }
      return attempts(() => chooseOrEnter(parsed.data));
    },

    forget: () =>
      exclusive(async () => {
        await ready().catch(() => {}); // a store that cannot even be opened can still be forgotten
        await writer.idle();
        await wipeVault(dir);
        masterKey?.fill(0);
        masterKey = null;
        state = emptyVaultFile();
        recoveryShown = false;
        backoff.succeeded();
        opening = Promise.resolve();
        log.info('vault: forgotten');
        return statusNow();
      }),

    async readValidationInput() {
      const secrets = await readSecrets();
      const { site, companyId, board, statuses } = state.draft;
      return { site, companyId, board, statuses: [...statuses], ...secrets };
    },

    async readSubmissionInput() {
      // Unlike validation, the Review step must show what is still missing: an unset secret comes back as ''
      // (the submission service lists it and refuses to export), while a locked vault still throws 'locked'.
      await ready();
      const secrets = {} as Record<SecretName, string>;
      for (const name of SECRET_NAMES) {
        const value = state.sealed?.secrets[name] ? (openSecret(state.sealed, ctx(), name) as string) : '';
        if (value !== '') log.addSecret(value);
        secrets[name] = value;
      }
      return { draft: structuredClone(state.draft), secrets };
    },

    sealedItem(name) {
      if (!EXTRA_NAME_PATTERN.test(name))
        throw new TypeError(`vault.sealedItem: invalid name "${name.slice(0, 70)}"`);
      return {
        async load() {
          await ready();
          const value = openExtra(state.sealed, ctx(), name);
          if (value !== null) log.addSecret(value);
          return value;
        },
        async save(value) {
          if (Buffer.byteLength(value, 'utf8') > MAX_SEALED_BYTES)
            throw new AppFailure('invalid-input', `The sealed item "${name}" is too large.`);
          log.addSecret(value);
          await change(() => {
            state = { ...state, sealed: withExtra(state.sealed, ctx(), name, value) };
          });
        },
      };
    },

    async saveReport(report) {
      await saveDraft({ lastReport: report });
    },

    close: () => writer.idle(),
  };
}

/** A refusal naming the field, never the value (the dispatcher's wording, for callers inside main too). */
function invalid(channel: 'draft.save' | 'secrets.set', error: z.ZodError): AppFailure {
  const described = describeInvalidInput(channel, error);
  return new AppFailure(
    'invalid-input',
    described.message,
    described.field ? { field: described.field } : {},
  );
}
