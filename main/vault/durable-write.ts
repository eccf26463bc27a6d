/**
 * Writes a file so that, whatever happens (a crash, SIGKILL, power loss), the path holds either the old bytes
 * or the new ones, never a mix: write a temporary file in the same folder, fsync it, rename it over the
 * target, then fsync the folder so the rename itself is on disk before we report success.
 *
 * Why not conf's own writer (conf 15.1.0 -> atomically 2.x `writeFileSync`)? It does temp + fsync + rename,
 * but never fsyncs the folder (the rename may be lost on power failure after we said "saved"), and conf falls
 * back to a plain in-place `writeFileSync` when `process.env.SNAP` is set or the rename fails with EXDEV: a
 * torn file is then possible, which the issue rules out. It is also synchronous, blocking the main process on
 * every fsync.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** The temporary files' names: `<target>.tmp-<pid>-<random>`, so a stale one can be traced to its writer. */
export function tempPathFor(file: string): string {
  return `${file}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
}

export const TEMP_NAME_PATTERN = /\.tmp-(\d+)-[0-9a-f]{12}$/;

export async function writeFileDurably(file: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const temp = tempPathFor(file);
  try {
    // 'wx': never follow or reuse an existing file at the temporary name.
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {});
    throw error;
  }
  await syncFolder(path.dirname(file));
}

/** Windows: an antivirus or the search indexer may hold the target for a moment (EPERM/EACCES/EBUSY). */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const transient =
        process.platform === 'win32' && (code === 'EPERM' || code === 'EACCES' || code === 'EBUSY');
      if (!transient || attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)));
    }
  }
}

/** Makes a rename durable. Windows cannot open a folder for fsync (NTFS journals the rename itself). */
export async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems (certain network mounts) do not support fsync on a folder: nothing more we can do.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EISDIR') throw error;
  } finally {
    await handle.close();
  }
}
