/**
 * Bounded reads and atomic writes. A submission (or a key, or an input file) is never read whole before its
 * size is known: a 50 MB file is refused on its size alone, and a file that grows while it is read is cut off
 * at the limit, so memory stays bounded whatever is on disk.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { AppFailure } from '../../common/errors.js';

/** The largest submission file `open` reads. A real one is well under 300 KB (see envelope.ts). */
export const MAX_SUBMISSION_BYTES = 1_000_000;

export class FileTooLargeError extends Error {
  override name = 'FileTooLargeError';
  constructor(readonly size: number) {
    super(`the file is larger than allowed (${size} bytes)`);
  }
}

/** Reads at most `maxBytes`; throws FileTooLargeError beyond that, and the fs error (with its code) otherwise. */
export async function readBoundedFile(file: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const { size, isFile } = await handle.stat().then((s) => ({ size: s.size, isFile: s.isFile() }));
    if (!isFile) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
    if (size > maxBytes) throw new FileTooLargeError(size);
    // One byte more than allowed tells a file that grew since stat from one that is exactly at the limit.
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw new FileTooLargeError(length);
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/**
 * Writes next to the target and renames over it, so a reader (or a crash) never sees half a file. The mode is
 * set when the temporary file is created, so a key is never readable by others, not even for a moment.
 */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  options: { mode?: number; overwrite?: boolean } = {},
): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', options.mode ?? 0o644);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.overwrite === false) {
      // Refuse rather than replace: check as late as possible (rename itself always replaces).
      const exists = await open(file, 'r').then(
        (h) => h.close().then(() => true),
        () => false,
      );
      if (exists) throw Object.assign(new Error('file exists'), { code: 'EEXIST' });
    }
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
}

/** The part of an fs error a person can act on (ENOENT, EACCES...), never its message (it quotes paths). */
export function ioFailureReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'it does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EEXIST':
      return 'a file with that name already exists';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the disk is read-only';
    default:
      return `error ${typeof code === 'string' ? code : 'unknown'}`;
  }
}

export function ioFailure(what: string, error: unknown): AppFailure {
  return new AppFailure('io', `Could not ${what}: ${ioFailureReason(error)}.`);
}
