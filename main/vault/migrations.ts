/**
 * Migrations of the vault file, written by us: electron-store's own `migrations` option is documented as
 * unreliable (it may run a migration twice or skip one when the app version jumps), and ours are keyed by the
 * file's format version, not the app's, so they run exactly when the layout changed.
 *
 * Each step takes the raw JSON object of version `from` and returns the raw object of `from + 1`. Steps are
 * pure: the file is rewritten by the next save, not here, so a migration that fails changes nothing on disk.
 * Sealed items need no re-sealing: each carries the version it was sealed under (its associated data).
 *
 * v1 is the first format, so the list is empty; test/unit/vault-migrations.test.ts runs the runner on a
 * synthetic chain.
 */
import { VAULT_FORMAT, VAULT_FORMAT_VERSION } from './file-format.js';

export type RawObject = Record<string, unknown>;
export type Migration = (from: RawObject) => RawObject;

/** Keyed by the version a step migrates from. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export type MigrationResult =
  | { ok: true; value: RawObject; from: number }
  | { ok: false; reason: 'not-a-vault' | 'newer-version' | 'no-migration' | 'migration-failed' };

export function migrateToCurrent(
  raw: unknown,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  target: number = VAULT_FORMAT_VERSION,
): MigrationResult {
  if (!isRawObject(raw) || raw.format !== VAULT_FORMAT) return { ok: false, reason: 'not-a-vault' };
  const from = raw.version;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1)
    return { ok: false, reason: 'not-a-vault' };
  if (from > target) return { ok: false, reason: 'newer-version' };
  let current: RawObject = raw;
  for (let version = from; version < target; version++) {
    const step = migrations[version];
    if (!step) return { ok: false, reason: 'no-migration' };
    try {
      current = { ...step(current), format: VAULT_FORMAT, version: version + 1 };
    } catch {
      return { ok: false, reason: 'migration-failed' };
    }
  }
  return { ok: true, value: current, from };
}

export function isRawObject(value: unknown): value is RawObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
