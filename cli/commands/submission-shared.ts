/**
 * What keygen, pack and open share: reading a JSON argument (a file, or `-` for stdin) within a size limit,
 * and making text from a file safe to print on a terminal.
 */
import { AppFailure } from '../../common/errors.js';
import { FileTooLargeError, readBoundedFile } from '../../main/submission/index.js';
import { type CommandIo, UsageError } from '../usage.js';

/** A file name as given, short enough for one line. */
export function shown(file: string): string {
  const clean = printable(file);
  return clean.length > 80 ? `...${clean.slice(-77)}` : clean;
}

async function readStdin(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    length += buffer.length;
    if (length > maxBytes) throw new FileTooLargeError(length);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Reads a file (or stdin for `-`) of at most `maxBytes`; a usage error, in one line, when it cannot. */
export async function readArgument(
  arg: string,
  io: CommandIo,
  what: string,
  maxBytes: number,
): Promise<Buffer> {
  const name = arg === '-' ? 'standard input' : `"${shown(arg)}"`;
  try {
    return arg === '-' ? await readStdin(io.stdin, maxBytes) : await readBoundedFile(arg, maxBytes);
  } catch (error) {
    if (error instanceof FileTooLargeError) {
      throw new UsageError(`${what} ${name} is larger than ${Math.round(maxBytes / 1024)} KB`);
    }
    throw new UsageError(`cannot read ${what} ${name} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

export async function readJsonArgument(
  arg: string,
  io: CommandIo,
  what: string,
  maxBytes: number,
): Promise<unknown> {
  const bytes = await readArgument(arg, io, what, maxBytes);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new UsageError(
      `${what} ${arg === '-' ? 'on standard input' : `"${shown(arg)}"`} is not valid JSON`,
    );
  }
}

/** A key file through its parser; the parser's one-line reason becomes a usage error. */
export async function readKeyArgument<T>(
  arg: string,
  io: CommandIo,
  what: string,
  parse: (value: unknown) => T,
): Promise<T> {
  const value = await readJsonArgument(arg, io, what, 64 * 1024);
  try {
    return parse(value);
  } catch (error) {
    throw new UsageError(
      `${what} "${shown(arg)}": ${error instanceof AppFailure ? error.message : 'not a valid key'}`,
    );
  }
}

/**
 * Text from a submission, fit for a terminal: control characters (escape sequences), and the bidirectional
 * overrides that can make text read differently from what it is, become "?". Long values are cut.
 */
export function printable(value: string, max = 500): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '?');
  return clean.length > max ? `${clean.slice(0, max - 3)}...` : clean;
}
