/**
 * One GET that expects JSON: a timeout per attempt, retries (retry.ts), a cap on the answer's size, and every
 * outcome either parsed JSON or a typed ConnectWiseError. GET only: nothing here can change a PSA.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'undici';
import { AppFailure } from '../../common/errors.js';
import {
  ConnectWiseError,
  classifyNetworkError,
  classifyStatus,
  isResetError,
  notConnectWise,
  timeoutError,
} from './errors.js';
import { backoffMs, isRetryableStatus, parseRetryAfter, type RetryPolicy, sleep } from './retry.js';
import type { Transport } from './transport.js';

/** No answer the validator needs comes near this; a bigger one is not ConnectWise talking to us. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface HttpContext {
  transport: Transport;
  timeoutMs: number;
  retry: RetryPolicy;
  signal?: AbortSignal;
  /** Called before every attempt (counts, tests); never given headers. */
  onAttempt?: (info: { host: string; path: string; attempt: number }) => void;
}

export interface JsonAnswer {
  status: number;
  /** Parsed JSON; `null` for an empty JSON answer. */
  body: unknown;
  headers: IncomingHttpHeaders;
}

export interface GetOptions {
  /** Statuses returned to the caller instead of thrown (companyinfo reads its own 404). */
  accept?: readonly number[];
  /** What the request is, for messages (`system/info`); defaults to the URL's path. */
  label?: string;
}

const TIMED_OUT = Symbol('timed out');

export async function getJson(
  url: URL,
  headers: Record<string, string>,
  ctx: HttpContext,
  options: GetOptions = {},
): Promise<JsonAnswer> {
  const host = url.host;
  const label = options.label ?? url.pathname;
  for (let attempt = 1; ; attempt++) {
    if (ctx.signal?.aborted) throw cancelled();
    ctx.onAttempt?.({ host, path: url.pathname, attempt });
    const canRetry = attempt < ctx.retry.maxAttempts;
    let raw: RawAnswer;
    try {
      raw = await attemptOnce(url, headers, ctx);
    } catch (error) {
      if (error === TIMED_OUT) throw timeoutError(host, ctx.timeoutMs);
      if (ctx.signal?.aborted) throw cancelled();
      if (error instanceof ConnectWiseError) throw error;
      if (canRetry && isResetError(error)) {
        await wait(backoffMs(attempt, ctx.retry), ctx.signal);
        continue;
      }
      throw blameProxy(classifyNetworkError(error, host), ctx.transport.viaProxy(url));
    }

    const { status } = raw;
    if (status >= 200 && status < 300) return { status, body: parseJson(raw, host), headers: raw.headers };
    if (options.accept?.includes(status))
      return { status, body: looksLikeJson(raw) ? safeParse(raw.text) : undefined, headers: raw.headers };

    const retryAfterMs = status === 429 ? parseRetryAfter(raw.headers['retry-after']) : null;
    const retryAfterSeconds = retryAfterMs === null ? undefined : Math.ceil(retryAfterMs / 1000);
    if (canRetry && isRetryableStatus(status)) {
      // A Retry-After beyond the cap is not waited for: the user hears "try again in N s" instead.
      const delay = retryAfterMs ?? backoffMs(attempt, ctx.retry);
      if (retryAfterMs === null || retryAfterMs <= ctx.retry.maxRetryAfterMs) {
        await wait(delay, ctx.signal);
        continue;
      }
    }
    const body = looksLikeJson(raw) ? safeParse(raw.text) : raw.text;
    throw classifyStatus(status, body, {
      host,
      path: label,
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    });
  }
}

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

async function attemptOnce(url: URL, headers: Record<string, string>, ctx: HttpContext): Promise<RawAnswer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(TIMED_OUT), ctx.timeoutMs);
  const onOuterAbort = () => controller.abort(ctx.signal?.reason);
  ctx.signal?.addEventListener('abort', onOuterAbort, { once: true });
  try {
    const response = await request(url, {
      method: 'GET',
      headers,
      dispatcher: ctx.transport.dispatcherFor(url),
      signal: controller.signal,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) {
        response.body.destroy();
        throw notConnectWise(url.host, 'sent an answer far too large to be ConnectWise', response.statusCode);
      }
      chunks.push(chunk as Buffer);
    }
    return {
      status: response.statusCode,
      headers: response.headers,
      text: Buffer.concat(chunks).toString('utf8'),
    };
  } catch (error) {
    // undici rejects with the abort reason; make our own timeout recognisable whatever it wraps it in.
    if (controller.signal.aborted && controller.signal.reason === TIMED_OUT) throw TIMED_OUT;
    throw error;
  } finally {
    clearTimeout(timer);
    ctx.signal?.removeEventListener('abort', onOuterAbort);
  }
}

function contentType(raw: RawAnswer): string {
  const value = raw.headers['content-type'];
  return (Array.isArray(value) ? value[0] : value)?.toLowerCase() ?? '';
}

function looksLikeJson(raw: RawAnswer): boolean {
  const type = contentType(raw);
  if (type.includes('json')) return true;
  if (type.includes('html') || type.includes('xml')) return false;
  return /^\s*[[{"]/.test(raw.text) || /^\s*(null|true|false|-?\d)/.test(raw.text);
}

/** A 2xx answer must be JSON: an HTML page here is the classic "login host used as API host". */
function parseJson(raw: RawAnswer, host: string): unknown {
  if (!looksLikeJson(raw)) {
    const html = contentType(raw).includes('html') || /^\s*</.test(raw.text);
    throw notConnectWise(
      host,
      html ? 'answered with an HTML page' : 'answered with something else',
      raw.status,
    );
  }
  if (raw.text.trim() === '') return null;
  const parsed = safeParse(raw.text);
  if (parsed === undefined) throw notConnectWise(host, 'answered with broken JSON', raw.status);
  return parsed;
}

function safeParse(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A failure on the way through a proxy may be the proxy's: say so, without naming it (its URL may hold a password). */
function blameProxy(error: ConnectWiseError, viaProxy: boolean): ConnectWiseError {
  if (!viaProxy) return error;
  return new ConnectWiseError(
    error.code,
    `${error.message} (This computer reaches it through a proxy, set in HTTPS_PROXY or in the system's proxy settings, which may be the problem.)`,
    {
      ...(error.host !== undefined ? { host: error.host } : {}),
      ...(error.tls !== undefined ? { tls: error.tls } : {}),
    },
  );
}

function cancelled(): AppFailure {
  return new AppFailure('cancelled', 'The check was cancelled.');
}

async function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(ms, signal);
  } catch {
    throw cancelled();
  }
}
