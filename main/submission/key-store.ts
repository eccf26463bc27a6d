/**
 * Where the installation's signing key lives. In Electron the lead passes the vault's sealed item; in plain
 * Node (the CLI, the harness, tests) it is a file only its owner can read.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './files.js';

/** The key's file name in a data folder, in plain Node (the harness, `bitagent-cw pack`). */
export const INSTALLATION_KEY_FILE = 'installation-key.jwk';

/** The private JWK, serialised. `load` is null when there is none yet. */
export interface InstallationKeyStore {
  load(): Promise<string | null>;
  save(value: string): Promise<void>;
}

export function createFileKeyStore(file: string): InstallationKeyStore {
  return {
    async load() {
      try {
        return await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async save(value) {
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      await writeFileAtomic(file, value, { mode: 0o600 });
    },
  };
}
