/**
 * Reading, moving aside and wiping the vault file. Reading never repairs in place: a file that does not parse,
 * fails its schema, or comes from a newer version of the app is renamed to `<file>.corrupt-<timestamp>` and
 * whatever validates in it is carried into a fresh store, with a notice for the wizard.
 *
 * Why not let conf (electron-store) read it: conf throws on a parse error and, with `clearInvalidConfig`,
 * silently starts empty; neither moves the file aside or salvages it. We read and validate the raw bytes here.
 */
import { readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_DRAFT } from '../../common/schemas/draft.js';
import type { RecoveryNotice } from '../../common/schemas/vault.js';
import { syncFolder, TEMP_NAME_PATTERN, writeFileDurably } from './durable-write.js';
import { emptyVaultFile, VAULT_FILE_NAME, type VaultFile, VaultFileSchema } from './file-format.js';
import { isRawObject, migrateToCurrent } from './migrations.js';
import { type Salvage, salvageFromObject, salvageFromText } from './salvage.js';

export type ReadOutcome =
  | { kind: 'absent' }
  | { kind: 'ok'; file: VaultFile }
  | { kind: 'damaged'; why: string; salvage: Salvage }
  | { kind: 'unreadable'; code: string };

export function vaultPath(dir: string): string {
  return path.join(dir, VAULT_FILE_NAME);
}

export function serializeVault(file: VaultFile): string {
  return `${JSON.stringify(file, null, '\t')}\n`;
}

/** Parses the file's text: the whole thing validates, or it is damaged and we say what can be saved. */
export function parseVault(text: string): Exclude<ReadOutcome, { kind: 'absent' } | { kind: 'unreadable' }> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'damaged', why: 'not valid JSON', salvage: salvageFromText(text) };
  }
  const migrated = migrateToCurrent(raw);
  if (!migrated.ok) return { kind: 'damaged', why: migrated.reason, salvage: salvageFromObject(raw) };
  const value = migrated.value;
  // Draft fields added since the file was written take their defaults: adding a field needs no migration.
  const withDefaults = isRawObject(value.draft)
    ? { ...value, draft: { ...DEFAULT_DRAFT, ...value.draft } }
    : value;
  const parsed = VaultFileSchema.safeParse(withDefaults);
  if (!parsed.success) {
    const at = parsed.error.issues[0]?.path.map(String).join('.') ?? '';
    return { kind: 'damaged', why: `schema: ${at || 'root'}`, salvage: salvageFromObject(value) };
  }
  return { kind: 'ok', file: parsed.data };
}

export async function readVault(dir: string): Promise<ReadOutcome> {
  let text: string;
  try {
    text = await readFile(vaultPath(dir), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
    return code === 'ENOENT' ? { kind: 'absent' } : { kind: 'unreadable', code };
  }
  return parseVault(text);
}

/** Renames the damaged file aside; returns where it went. Never overwrites an earlier one. */
export async function moveAside(dir: string, now: Date): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const taken = new Set(await readdir(dir));
  let name = `${VAULT_FILE_NAME}.corrupt-${stamp}`;
  for (let n = 2; taken.has(name); n++) name = `${VAULT_FILE_NAME}.corrupt-${stamp}-${n}`;
  const target = path.join(dir, name);
  await rename(vaultPath(dir), target);
  await syncFolder(dir);
  return target;
}

/** The fresh store that replaces a damaged one: what was salvaged, and the notice the wizard will show. */
export function rebuildFrom(salvage: Salvage, notice: RecoveryNotice): VaultFile {
  const file = emptyVaultFile();
  file.draft = { ...file.draft, ...salvage.draft };
  file.sealed = salvage.sealed;
  file.recovery = notice;
  return file;
}

export async function writeVault(dir: string, file: VaultFile): Promise<void> {
  await writeFileDurably(vaultPath(dir), serializeVault(file));
}

/**
 * Temporary files left by a writer that was killed mid-write. Only those whose process is gone are removed:
 * another live instance (the harness next to the app) may be writing its own right now.
 */
export async function removeStaleTemps(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (!name.startsWith(`${VAULT_FILE_NAME}.tmp-`)) continue;
    const pid = Number(TEMP_NAME_PATTERN.exec(name)?.[1]);
    if (pid === process.pid || !isAlive(pid)) await rm(path.join(dir, name), { force: true });
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** "Forget everything": the store, every copy moved aside, and any temporary file. */
export async function wipeVault(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const name of names) {
    if (name === VAULT_FILE_NAME || name.startsWith(`${VAULT_FILE_NAME}.`)) {
      await rm(path.join(dir, name), { force: true });
    }
  }
  await syncFolder(dir);
}
