/**
 * Every error that can cross a process boundary (IPC, the harness's HTTP, the CLI's JSON) has one of these
 * codes. Messages are for people; codes are for code. Neither may ever carry a secret.
 */
import { z } from 'zod';

export const ERROR_CODES = [
  // the boundary itself
  'invalid-input',
  'unknown-channel',
  'forbidden-sender',
  'not-available',
  'internal',
  // the safe shell
  'url-not-allowed',
  // reaching ConnectWise (connectwise-api.md): one code per thing the user can act on
  'dns',
  'refused',
  'tls',
  'timeout',
  'network',
  'not-connectwise',
  'unknown-company',
  'bad-client-id',
  'unauthorized',
  'forbidden',
  'not-found',
  'throttled',
  'server',
  // the vault
  'locked',
  'wrong-passphrase',
  'retry-later',
  'store-corrupt',
  'secret-missing',
  // the submission file
  'not-a-submission',
  'wrong-recipient',
  'bad-signature',
  'schema-mismatch',
  'unsupported-version',
  'cancelled',
  'io',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const AppErrorSchema = z.strictObject({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** The input field the error is about, as a dotted path, when there is one. */
  field: z.string().optional(),
  /** Seconds to wait before trying again (throttling, passphrase back-off). */
  retryAfterSeconds: z.number().optional(),
});
export type AppError = z.infer<typeof AppErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: AppError): Result<never> => ({ ok: false, error });

/**
 * Thrown inside main/ services; the dispatcher turns it into `{ok:false,error}`. Anything else thrown becomes
 * a generic `internal` error whose message never repeats the original (it may hold a secret).
 */
export class AppFailure extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, extra: { field?: string; retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = 'AppFailure';
    this.code = code;
    this.field = extra.field;
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }

  toAppError(): AppError {
    const error: AppError = { code: this.code, message: this.message };
    if (this.field !== undefined) error.field = this.field;
    if (this.retryAfterSeconds !== undefined) error.retryAfterSeconds = this.retryAfterSeconds;
    return error;
  }
}
