/** A mistake in how the command was called: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The command ran and has a verdict to report without a stack trace (exit code 1 unless said otherwise). */
export class CommandFailure extends Error {
  override name = 'CommandFailure';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
  /** Resolves when the user interrupts (Ctrl+C) or the process is asked to stop. */
  interrupted(): Promise<void>;
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream;
}

export interface Command {
  name: string;
  synopsis: string;
  summary: string;
  run(args: string[], io: CommandIo): Promise<number>;
}
