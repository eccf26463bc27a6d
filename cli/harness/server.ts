/**
 * The harness: the app without Electron. Serves the built renderer on 127.0.0.1 and answers the contract over
 * HTTP through the same dispatcher (and so the same handler table) that main/ipc.ts binds to ipcMain.
 *
 * Who may call: only this machine (bound to and checked for 127.0.0.1), only through the host name we print
 * (defeats DNS rebinding), only from our own origin, and only with this run's random token.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventName } from '../../common/contract.js';
import type { AppError } from '../../common/errors.js';
import { RENDERER_CSP_HEADER } from '../../main/csp.js';
import type { Dispatcher } from '../../main/dispatch.js';
import type { Logger } from '../../main/log.js';
import { contentTypeOf, resolveRendererFile } from '../../main/renderer-files.js';

export const HARNESS_PREFIX = '/__harness/';
export const TOKEN_HEADER = 'x-bitagent-token';
const MAX_BODY_BYTES = 4 * 1024 * 1024;
const LOOPBACK = new Set(['127.0.0.1', '::ffff:127.0.0.1']);

export interface HarnessOptions {
  rendererDir: string;
  shimFile: string;
  dispatch: Dispatcher;
  log: Logger;
  /** 0 (the default) picks a free port. */
  port?: number;
  token?: string;
}

export interface Harness {
  /** The URL to open, token included. */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const eventStreams = new Set<http.ServerResponse>();
  let origin = '';

  const tokenMatches = (candidate: string | null | undefined): boolean => {
    if (typeof candidate !== 'string') return false;
    const bytes = Buffer.from(candidate);
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  };

  const emit = (event: EventName, payload: unknown) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const stream of eventStreams) stream.write(frame);
  };

  const server = http.createServer((request, response) => {
    handle(request, response).catch(() => {
      options.log.error('harness: request failed');
      if (!response.headersSent)
        sendJson(response, 500, envelope({ code: 'internal', message: 'The harness failed to answer.' }));
      else response.end();
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', origin);
    if (!LOOPBACK.has(request.socket.remoteAddress ?? '') || request.headers.host !== new URL(origin).host) {
      return sendJson(
        response,
        403,
        envelope({ code: 'forbidden-sender', message: 'The harness only answers on this computer.' }),
      );
    }
    if (url.pathname.startsWith(`${HARNESS_PREFIX}call/`)) return handleCall(request, response, url);
    if (url.pathname === `${HARNESS_PREFIX}events`) return handleEvents(request, response, url);
    if (url.pathname === `${HARNESS_PREFIX}shim.js`) return sendFile(response, options.shimFile);
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return sendText(response, 405, 'Method not allowed');
    const file = resolveRendererFile(options.rendererDir, url.pathname);
    if (!file) return sendText(response, 404, 'Not found');
    if (file.endsWith('index.html')) return sendIndex(response, file);
    return sendFile(response, file);
  }

  function callerProblem(
    request: http.IncomingMessage,
    tokenCandidate: string | null | undefined,
  ): string | null {
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) return 'another origin';
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin') return 'another site';
    if (!tokenMatches(tokenCandidate)) return 'a missing or wrong token';
    return null;
  }

  async function handleCall(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    url: URL,
  ): Promise<void> {
    const tokenHeader = request.headers[TOKEN_HEADER];
    const problem = callerProblem(request, Array.isArray(tokenHeader) ? undefined : tokenHeader);
    if (problem) {
      request.resume();
      return sendJson(
        response,
        403,
        envelope({ code: 'forbidden-sender', message: `Refused: a call from ${problem}.` }),
      );
    }
    if (request.method !== 'POST')
      return sendJson(
        response,
        405,
        envelope({ code: 'invalid-input', message: 'Calls are POST requests.' }),
      );
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      request.resume();
      return sendJson(
        response,
        415,
        envelope({ code: 'invalid-input', message: 'Calls are JSON (application/json).' }),
      );
    }
    const body = await readBody(request);
    if (body === 'too-large') {
      return sendJson(
        response,
        413,
        envelope({ code: 'invalid-input', message: `The request is larger than ${MAX_BODY_BYTES} bytes.` }),
      );
    }
    let input: unknown;
    if (body.length > 0) {
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch {
        return sendJson(
          response,
          400,
          envelope({ code: 'invalid-input', message: 'The request body is not valid JSON.' }),
        );
      }
    }
    const channel = decodeURIComponent(url.pathname.slice(`${HARNESS_PREFIX}call/`.length));
    const result = await options.dispatch(channel, input, { runtime: 'harness', emit });
    const status = !result.ok && result.error.code === 'unknown-channel' ? 404 : 200;
    sendJson(response, status, result);
  }

  function handleEvents(request: http.IncomingMessage, response: http.ServerResponse, url: URL): void {
    // EventSource cannot send headers: the token comes in the query string here, and only here.
    const problem = callerProblem(request, url.searchParams.get('token'));
    if (problem) {
      sendJson(
        response,
        403,
        envelope({ code: 'forbidden-sender', message: `Refused: a call from ${problem}.` }),
      );
      return;
    }
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    eventStreams.add(response);
    request.on('close', () => eventStreams.delete(response));
  }

  async function sendIndex(response: http.ServerResponse, file: string): Promise<void> {
    const html = await readFile(file, 'utf8');
    // The shim must define window.bitagent before the app's (deferred) module script runs.
    const withShim = html.replace('</head>', `  <script src="./__harness/shim.js"></script>\n  </head>`);
    send(response, 200, 'text/html; charset=utf-8', withShim);
  }

  async function sendFile(response: http.ServerResponse, file: string): Promise<void> {
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return sendText(response, 404, 'Not found');
    }
    send(response, 200, contentTypeOf(file), body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${address.port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of eventStreams) stream.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function envelope(error: AppError) {
  return { ok: false as const, error };
}

function readBody(request: http.IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function send(response: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, {
    'content-type': type,
    'content-security-policy': RENDERER_CSP_HEADER,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  });
  response.end(body);
}

function sendJson(response: http.ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function sendText(response: http.ServerResponse, status: number, text: string): void {
  send(response, status, 'text/plain; charset=utf-8', text);
}
