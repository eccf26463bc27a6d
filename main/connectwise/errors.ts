/**
 * Every way talking to ConnectWise can fail, as one typed error. Messages are written here from what we know
 * (host, path, status): never from a library's message or a server's body, which may quote a header or a key.
 */
import { AppFailure, type ErrorCode } from '../../common/errors.js';

export type TlsProblem =
  | 'self-signed'
  | 'expired'
  | 'not-yet-valid'
  | 'name-mismatch'
  | 'untrusted'
  | 'handshake';

export class ConnectWiseError extends AppFailure {
  /** The host that failed (`host[:port]`), when there was one. */
  readonly host: string | undefined;
  /** The HTTP status, for answers that came back. */
  readonly status: number | undefined;
  readonly tls: TlsProblem | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    extra: {
      host?: string;
      status?: number;
      tls?: TlsProblem;
      field?: string;
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(code, message, {
      ...(extra.field !== undefined ? { field: extra.field } : {}),
      ...(extra.retryAfterSeconds !== undefined ? { retryAfterSeconds: extra.retryAfterSeconds } : {}),
    });
    this.name = 'ConnectWiseError';
    this.host = extra.host;
    this.status = extra.status;
    this.tls = extra.tls;
  }
}

const TLS_CODES: Record<string, TlsProblem> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'not-yet-valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'name-mismatch',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'untrusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'untrusted',
  UNABLE_TO_GET_ISSUER_CERT: 'untrusted',
  CERT_UNTRUSTED: 'untrusted',
  CERT_SIGNATURE_FAILURE: 'untrusted',
  CERT_REVOKED: 'untrusted',
  EPROTO: 'handshake',
};

const TLS_WORDS: Record<TlsProblem, string> = {
  'self-signed': 'is self-signed (or signed by a private authority this computer does not trust)',
  expired: 'has expired',
  'not-yet-valid': 'is not valid yet (check this computer’s clock)',
  'name-mismatch': 'was issued for a different name',
  untrusted: 'is signed by an authority this computer does not trust',
  handshake: 'could not be negotiated (the server may not speak https on this port)',
};

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_NODATA', 'EAI_FAIL']);
const REFUSED_CODES = new Set(['ECONNREFUSED']);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
/** Failures worth retrying for a GET: the connection dropped under us. */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED', 'UND_ERR_CLOSED']);

/** Every `code` on the error and its causes: undici and Node wrap the interesting one. */
export function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

export function isResetError(error: unknown): boolean {
  return errorCodes(error).some((c) => RESET_CODES.has(c));
}

/** A thrown network error (no HTTP answer) as a typed ConnectWiseError. */
export function classifyNetworkError(error: unknown, host: string): ConnectWiseError {
  const codes = errorCodes(error);
  const has = (set: Set<string>) => codes.some((c) => set.has(c));
  if (has(DNS_CODES)) {
    // ConnectWise's own cloud names always exist: failing to find one means this computer cannot look names
    // up (offline, a firewall or DNS filter), not a typo. Any other name may well be misspelled.
    const message = isConnectWiseCloudHost(host)
      ? `The name ${host} could not be found (DNS): this computer may be offline, or a firewall, proxy or DNS filter blocks it.`
      : `The name ${host} could not be found (DNS): check the spelling of the site, and that this computer is online.`;
    return new ConnectWiseError('dns', message, { host });
  }
  if (has(REFUSED_CODES))
    return new ConnectWiseError('refused', `${host} refused the connection: nothing is listening there.`, {
      host,
    });
  if (has(TIMEOUT_CODES)) return new ConnectWiseError('timeout', `${host} did not answer in time.`, { host });
  const tls = tlsProblemOf(codes);
  if (tls)
    return new ConnectWiseError('tls', `The https certificate of ${host} ${TLS_WORDS[tls]}.`, { host, tls });
  if (has(RESET_CODES))
    return new ConnectWiseError('network', `The connection to ${host} was dropped before it answered.`, {
      host,
    });
  return new ConnectWiseError('network', `Could not reach ${host} (a network error).`, { host });
}

function tlsProblemOf(codes: string[]): TlsProblem | undefined {
  for (const code of codes) {
    const known = TLS_CODES[code];
    if (known) return known;
    if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) return 'handshake';
  }
  return undefined;
}

export function timeoutError(host: string, timeoutMs: number): ConnectWiseError {
  return new ConnectWiseError(
    'timeout',
    `${host} did not answer within ${Math.round(timeoutMs / 100) / 10} s.`,
    {
      host,
    },
  );
}

/** ConnectWise's error body (`{code, message, errors}`), read only to recognise it, never quoted. */
function mentionsClientId(body: unknown): boolean {
  if (!body || typeof body !== 'object') return typeof body === 'string' && /client\s*id/i.test(body);
  const { code, message } = body as { code?: unknown; message?: unknown };
  return [code, message].some((v) => typeof v === 'string' && /client\s*id/i.test(v));
}

/** An HTTP answer that is not a success, as a typed ConnectWiseError. */
export function classifyStatus(
  status: number,
  body: unknown,
  where: { host: string; path: string; retryAfterSeconds?: number },
): ConnectWiseError {
  const { host, path } = where;
  const extra = { host, status };
  if ((status === 400 || status === 401 || status === 403) && mentionsClientId(body))
    return new ConnectWiseError(
      'bad-client-id',
      `ConnectWise did not accept the Client ID (HTTP ${status}).`,
      extra,
    );
  if (status === 401)
    return new ConnectWiseError(
      'unauthorized',
      `ConnectWise refused the Company ID and keys (HTTP 401).`,
      extra,
    );
  if (status === 403)
    return new ConnectWiseError('forbidden', `The API member may not read ${path} (HTTP 403).`, extra);
  if (status === 404) return new ConnectWiseError('not-found', `${host} has no ${path} (HTTP 404).`, extra);
  if (status === 429)
    return new ConnectWiseError(
      'throttled',
      `ConnectWise is limiting requests (HTTP 429); try again shortly.`,
      {
        ...extra,
        ...(where.retryAfterSeconds !== undefined ? { retryAfterSeconds: where.retryAfterSeconds } : {}),
      },
    );
  if (status >= 500)
    return new ConnectWiseError(
      'server',
      `ConnectWise had an internal error answering ${path} (HTTP ${status}).`,
      extra,
    );
  if (status >= 300 && status < 400)
    return new ConnectWiseError(
      'not-connectwise',
      `${host} redirected ${path} elsewhere (HTTP ${status}) instead of answering like ConnectWise.`,
      extra,
    );
  return new ConnectWiseError(
    'server',
    `ConnectWise refused the request for ${path} (HTTP ${status}).`,
    extra,
  );
}

export function notConnectWise(host: string, what: string, status?: number): ConnectWiseError {
  return new ConnectWiseError('not-connectwise', `${host} ${what}, not ConnectWise’s JSON.`, {
    host,
    ...(status !== undefined ? { status } : {}),
  });
}

/** ConnectWise's own cloud login and API hosts (connectwise-api.md §1). */
export function isConnectWiseCloudHost(host: string): boolean {
  const name = host.toLowerCase().replace(/:\d+$/, '');
  return name.endsWith('.myconnectwise.net') || name.endsWith('.connectwisedev.com');
}
