/**
 * The simulator's HTTP handling: latency, faults, companyinfo, the clientId and auth checks with ConnectWise's
 * bodies, then the REST routes. Every request is recorded (method, path, query, the auth-relevant headers,
 * status, timing) so tests can assert what the client sent; secrets in those records are test data.
 */
import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import {
  badConditions400,
  clientId400,
  LOGIN_PAGE_HTML,
  NOT_FOUND_HTML,
  notFound404,
  server500,
  throttled429,
  UNAUTHORIZED_401,
  USER_NOT_AUTHENTICATED_401,
  WEB_SITE_HTML,
} from './bodies.js';
import { ConditionError } from './conditions.js';
import { pageOf } from './paging.js';
import { routeApi } from './routes.js';
import type { RecordedRequest, Scenario, SimFault } from './types.js';

export interface SimulatorState {
  scenario: Scenario;
  requests: RecordedRequest[];
  latencyMs: number;
  /** Hits per fault, by index in scenario.faults. */
  faultHits: number[];
  companyInfoCalls: number;
  loginOrigin: string;
  apiOrigin: string;
}

const API_PATH = /^\/([^/]+\/)apis\/3\.0\/(.*)$/;

export function createHandler(state: SimulatorState, server: 'login' | 'api') {
  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const rawQuery = url.search.replace(/^\?/, '');
    const apiMatch = API_PATH.exec(url.pathname);
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      server,
      path: url.pathname,
      apiPath: apiMatch ? (apiMatch[2] ?? '') : null,
      rawQuery,
      query: decodeQuery(rawQuery),
      headers: {
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        ...(typeof req.headers.clientid === 'string' ? { clientid: req.headers.clientid } : {}),
        ...(req.headers.accept ? { accept: req.headers.accept } : {}),
        ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
      },
      startedAt: performance.now(),
    };
    state.requests.push(record);
    res.on('finish', () => {
      record.status = res.statusCode;
      record.endedAt = performance.now();
    });
    const go = () => answer(state, server, req, res, url, record, apiMatch);
    if (state.latencyMs > 0) setTimeout(go, state.latencyMs);
    else go();
  };
}

function decodeQuery(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of raw === '' ? [] : raw.split('&')) {
    const [key = '', value = ''] = part.split(/=(.*)/s, 2);
    try {
      out[decodeURIComponent(key)] = decodeURIComponent(value);
    } catch {
      out[key] = value;
    }
  }
  return out;
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

function sendHtml(res: http.ServerResponse, status: number, html: string) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(html);
}

function matchFault(state: SimulatorState, key: string): SimFault | undefined {
  const faults = state.scenario.faults ?? [];
  for (let i = 0; i < faults.length; i++) {
    const fault = faults[i];
    if (!fault || !key.includes(fault.path)) continue;
    const hits = state.faultHits[i] ?? 0;
    if (fault.times !== undefined && hits >= fault.times) continue;
    state.faultHits[i] = hits + 1;
    return fault;
  }
  return undefined;
}

function answer(
  state: SimulatorState,
  server: 'login' | 'api',
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  record: RecordedRequest,
  apiMatch: RegExpExecArray | null,
) {
  const { scenario } = state;
  if (scenario.html) return sendHtml(res, 200, WEB_SITE_HTML);

  const companyInfo = /^\/login\/companyinfo\/([^/]*)$/i.exec(url.pathname);
  const fault = matchFault(state, companyInfo ? 'companyinfo' : (record.apiPath ?? url.pathname));
  if (fault) {
    if (fault.kind === 'hang') return; // never answers; close() ends the socket
    if (fault.kind === 'reset') return void req.socket.destroy();
    if (fault.kind === 'html') return sendHtml(res, 200, LOGIN_PAGE_HTML);
    const status = fault.status ?? 500;
    const body = fault.body ?? (status === 429 ? throttled429 : server500);
    return sendJson(
      res,
      status,
      body,
      fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {},
    );
  }

  // Nothing here changes state, and a client that tries is a bug the tests must see (status 405).
  if (req.method !== 'GET')
    return sendJson(res, 405, { code: 'MethodNotAllowed', message: 'Read-only simulator.' });

  if (companyInfo) return sendCompanyInfo(state, res, companyInfo[1] ?? '');
  if (!apiMatch)
    return sendHtml(
      res,
      server === 'login' ? 200 : 404,
      server === 'login' ? LOGIN_PAGE_HTML : NOT_FOUND_HTML,
    );
  // The login host of a cloud region serves its web app, not the API: HTML, the classic "Unexpected token <".
  if (server === 'login' && scenario.topology === 'split') return sendHtml(res, 200, LOGIN_PAGE_HTML);
  if (apiMatch[1] !== scenario.company.codebase) return sendHtml(res, 404, NOT_FOUND_HTML);

  const clientId = record.headers.clientid;
  if (clientId === undefined || !scenario.credentials.clientIds.includes(clientId))
    return sendJson(res, 400, clientId400(clientId));
  if (!authenticated(scenario, req.headers.authorization)) {
    const failure = scenario.authFailure ?? 'unauthorized';
    if (failure === 'not-found') return sendJson(res, 404, notFound404());
    return sendJson(res, 401, failure === 'unauthorized' ? UNAUTHORIZED_401 : USER_NOT_AUTHENTICATED_401);
  }

  const routed = routeApi(scenario, record.apiPath ?? '');
  if (routed.kind === 'json') return sendJson(res, routed.status, routed.body);
  try {
    const origin = scenario.linkHost
      ? `http://${scenario.linkHost}`
      : server === 'api'
        ? state.apiOrigin
        : state.loginOrigin;
    const page = pageOf(
      routed.rows,
      record.query,
      { origin, path: url.pathname, rawQuery: record.rawQuery },
      scenario.maxPageSize ?? 1000,
    );
    return sendJson(res, 200, page.rows, page.link ? { link: page.link } : {});
  } catch (error) {
    if (error instanceof ConditionError) return sendJson(res, 400, badConditions400(error.message));
    throw error;
  }
}

function sendCompanyInfo(state: SimulatorState, res: http.ServerResponse, rawId: string) {
  const { scenario } = state;
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    id = rawId;
  }
  state.companyInfoCalls++;
  // ConnectWise finds the company whatever its case; keys then need the exact one [reported].
  if (id.toLowerCase() !== scenario.company.companyId.toLowerCase()) {
    if (scenario.unknownCompany === '404') return sendJson(res, 404, notFound404());
    return sendJson(res, 200, null);
  }
  const c = scenario.company;
  const codebase =
    state.companyInfoCalls === 1 && scenario.staleCodebaseOnce ? scenario.staleCodebaseOnce : c.codebase;
  const siteUrl = (scenario.siteUrl ?? 'api') === 'api' ? new URL(state.apiOrigin).host : undefined;
  sendJson(res, 200, {
    CompanyName: c.companyName,
    Codebase: codebase,
    VersionCode: c.versionCode,
    VersionNumber: c.versionNumber,
    CompanyID: c.companyId,
    IsCloud: c.isCloud,
    ...(siteUrl ? { SiteUrl: siteUrl } : {}),
    AllowedOrigins: ['*.myconnectwise.net'],
  });
}

function authenticated(scenario: Scenario, header: string | undefined): boolean {
  const match = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!match) return false;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = decoded.slice(0, colon);
  const plus = user.indexOf('+');
  if (colon < 0 || plus < 0) return false;
  return (
    user.slice(0, plus) === scenario.company.companyId &&
    user.slice(plus + 1) === scenario.credentials.publicKey &&
    decoded.slice(colon + 1) === scenario.credentials.privateKey
  );
}
