/**
 * One conversation with one PSA: the transport, the retry and timeout settings, and the discovery. Callers
 * open it, use it, and close it in a `finally` so no socket outlives the work.
 */
import { readFile } from 'node:fs/promises';
import { AppFailure } from '../../common/errors.js';
import { type ConnectWiseApi, type Credentials, createApi } from './api.js';
import { type Discovery, discover } from './discovery.js';
import type { HttpContext } from './http.js';
import type { Env } from './proxy.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
import { createTransport } from './transport.js';

export const DEFAULT_TIMEOUT_MS = 15_000;

export interface SessionOptions {
  timeoutMs?: number;
  /** PEM text of an extra CA. */
  ca?: string;
  /** The OS store's roots (tests pass their own; by default read from the runtime). */
  systemCa?: readonly string[];
  retry?: Partial<RetryPolicy>;
  signal?: AbortSignal;
  env?: Env;
  onAttempt?: HttpContext['onAttempt'];
}

export interface Session {
  http: HttpContext;
  discover(site: string, companyId: string): Promise<Discovery>;
  /** An authenticated API on a discovery; a 404 re-runs discovery once (the codebase may have moved). */
  api(discovery: Discovery, credentials: Credentials): ConnectWiseApi;
  close(): Promise<void>;
}

export function openSession(options: SessionOptions = {}): Session {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transport = createTransport({
    timeoutMs,
    ...(options.ca !== undefined ? { ca: options.ca } : {}),
    ...(options.systemCa !== undefined ? { systemCa: options.systemCa } : {}),
    ...(options.env !== undefined ? { env: options.env } : {}),
  });
  const http: HttpContext = {
    transport,
    timeoutMs,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onAttempt ? { onAttempt: options.onAttempt } : {}),
  };
  const session: Session = {
    http,
    discover: (site, companyId) => discover(site, companyId, http),
    api: (discovery, credentials) =>
      createApi(discovery, credentials, http, () =>
        discover(discovery.site.loginOrigin, discovery.companyId, http),
      ),
    close: () => transport.close(),
  };
  return session;
}

/** Reads an extra CA file (PEM). Its path may be shown; its content is a certificate, not a secret. */
export async function readCaFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new AppFailure('io', `The CA file ${path} cannot be read (${code}).`, { field: 'caFile' });
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----'))
    throw new AppFailure('invalid-input', `The CA file ${path} holds no PEM certificate.`, {
      field: 'caFile',
    });
  return text;
}
