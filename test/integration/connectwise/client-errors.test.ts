/**
 * Every typed error, over real HTTP(S) against the simulator or a local server: dns, refused, timeout, three
 * kinds of TLS trouble, HTML, 400/401/403/404, throttling and server errors with and without recovery.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCEPT_HEADER, type Credentials } from '../../../main/connectwise/api.js';
import { ConnectWiseError } from '../../../main/connectwise/errors.js';
import { readSystemInfo } from '../../../main/connectwise/resources.js';
import { openSession, type SessionOptions } from '../../../main/connectwise/session.js';
import { boardsForbidden } from '../../support/cw-simulator/scenarios/boards.js';
import { cloudSplit } from '../../support/cw-simulator/scenarios/cloud.js';
import { DEMO, errors, healthy } from '../../support/cw-simulator/scenarios/index.js';
import { makeTestCerts, type TestCerts } from '../../support/tls-certs.js';
import { caught, closedPort, FAST_RETRY, simulate } from './helpers.js';

const creds: Credentials = {
  companyId: DEMO.companyId,
  clientId: DEMO.clientId,
  publicKey: DEMO.publicKey,
  privateKey: DEMO.privateKey,
};

async function withSession<T>(
  options: SessionOptions,
  use: (s: ReturnType<typeof openSession>) => Promise<T>,
) {
  const session = openSession({ retry: FAST_RETRY, ...options });
  try {
    return await use(session);
  } finally {
    await session.close();
  }
}

const discoverAt = (site: string, options: SessionOptions = {}) =>
  withSession(options, (s) => s.discover(site, DEMO.companyId));

describe('reaching the host', () => {
  it('dns: a name under .invalid fails as dns, at once, without a lookup leaving the machine', async () => {
    const started = Date.now();
    const error = await caught(() => discoverAt('https://psa.mymsp.invalid'));
    expect(error).toBeInstanceOf(ConnectWiseError);
    expect(error.code).toBe('dns');
    expect(error.message).toContain('psa.mymsp.invalid');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refused: a closed port on 127.0.0.1', async () => {
    const port = await closedPort();
    const error = await caught(() => discoverAt(`http://127.0.0.1:${port}`));
    expect(error.code).toBe('refused');
  });

  it('timeout: a server that never answers, not retried', async () => {
    const sim = await simulate(errors.silentCompanyInfo);
    const started = Date.now();
    const error = await caught(() => discoverAt(sim.url, { timeoutMs: 300 }));
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('0.3 s');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(sim.requests).toHaveLength(1);
  });

  it('not-connectwise: a web site answering HTML', async () => {
    const sim = await simulate(errors.htmlSite);
    const error = await caught(() => discoverAt(sim.url));
    expect(error.code).toBe('not-connectwise');
    expect(error.message).toMatch(/HTML/);
  });

  it('not-connectwise: the cloud login host used as the API host answers HTML', async () => {
    const sim = await simulate(cloudSplit);
    const error = await caught(() =>
      withSession({}, async (s) => {
        const d = await s.discover(sim.url, DEMO.companyId);
        // What a client that ignores SiteUrl would do: API calls to the login host.
        return readSystemInfo(s.api({ ...d, apiBase: `${sim.loginUrl}/${d.codebase}apis/3.0/` }, creds));
      }),
    );
    expect(error.code).toBe('not-connectwise');
    expect(sim.requests.at(-1)?.server).toBe('login');
  });
});

describe('TLS', () => {
  let certs: TestCerts;
  beforeAll(() => {
    certs = makeTestCerts();
  });
  afterAll(() => certs.cleanup());

  it('self-signed: refused, then accepted once its certificate is given as the CA (on-premise private CA)', async () => {
    const sim = await simulate(healthy, { tls: certs.selfSigned });
    const error = await caught(() => discoverAt(sim.url));
    expect(error.code).toBe('tls');
    expect(error.tls).toBe('self-signed');
    const d = await discoverAt(sim.url, { ca: certs.selfSigned.cert });
    expect(d.apiBase).toBe(`${sim.url}/v2025_1/apis/3.0/`);
  });

  it('a CA in the operating system store is trusted (an on-premise PSA or an inspecting firewall)', async () => {
    const sim = await simulate(healthy, { tls: certs.valid });
    await expect(discoverAt(sim.url, { systemCa: [certs.caCert] })).resolves.toMatchObject({
      companyId: DEMO.companyId,
    });
    const error = await caught(() => discoverAt(sim.url, { systemCa: [] }));
    expect(error.code).toBe('tls');
  });

  it('untrusted: signed by a private CA that was not given', async () => {
    const sim = await simulate(healthy, { tls: certs.valid });
    const error = await caught(() => discoverAt(sim.url));
    expect(error.code).toBe('tls');
    expect(error.tls).toBe('untrusted');
    await expect(discoverAt(sim.url, { ca: certs.caCert })).resolves.toMatchObject({
      companyId: DEMO.companyId,
    });
  });

  it('expired', async () => {
    const sim = await simulate(healthy, { tls: certs.expired });
    const error = await caught(() => discoverAt(sim.url, { ca: certs.caCert }));
    expect(error.code).toBe('tls');
    expect(error.tls).toBe('expired');
    expect(error.message).toMatch(/expired/);
  });

  it('name mismatch: a certificate for 127.0.0.1 reached as localhost', async () => {
    const sim = await simulate(healthy, { tls: certs.valid });
    const error = await caught(() =>
      discoverAt(sim.url.replace('127.0.0.1', 'localhost'), { ca: certs.caCert }),
    );
    expect(error.code).toBe('tls');
    expect(error.tls).toBe('name-mismatch');
  });
});

describe('HTTP answers', () => {
  const apiCall = async (sim: { url: string }, c = creds, path = 'system/info') =>
    withSession({}, async (s) => s.api(await s.discover(sim.url, DEMO.companyId), c).get(path));

  it('sends Basic company+public:private, the clientId and the pinned Accept on every API call, nothing secret to companyinfo', async () => {
    const sim = await simulate(healthy);
    await apiCall(sim);
    const [info, call] = sim.requests;
    expect(info?.path).toBe(`/login/companyinfo/${DEMO.companyId}`);
    expect(info?.headers.authorization).toBeUndefined();
    expect(info?.headers.clientid).toBeUndefined();
    const expected = Buffer.from(`${DEMO.companyId}+${DEMO.publicKey}:${DEMO.privateKey}`).toString('base64');
    expect(call?.headers).toMatchObject({
      authorization: `Basic ${expected}`,
      clientid: DEMO.clientId,
      accept: ACCEPT_HEADER,
    });
    expect(ACCEPT_HEADER).toBe('application/vnd.connectwise.com+json; version=2025.1');
  });

  it('401 → unauthorized (both bodies seen), not retried', async () => {
    const sim = await simulate(healthy);
    const error = await caught(() => apiCall(sim, { ...creds, privateKey: 'WrongPrivateKey1' }));
    expect(error.code).toBe('unauthorized');
    expect(sim.requests.filter((r) => r.apiPath === 'system/info')).toHaveLength(1);
    const other = await simulate(
      (await import('../../support/cw-simulator/scenarios/auth.js')).userNotAuthenticated,
    );
    expect((await caught(() => apiCall(other, { ...creds, publicKey: 'WrongPublicKey01' }))).code).toBe(
      'unauthorized',
    );
  });

  it('400 naming clientId → bad-client-id, without repeating the Client ID the server quoted', async () => {
    const sim = await simulate(healthy);
    const wrong = '0badc11e-0000-4000-8000-00000000beef';
    const error = await caught(() => apiCall(sim, { ...creds, clientId: wrong }));
    expect(error.code).toBe('bad-client-id');
    expect(error.message).not.toContain(wrong);
  });

  it('403 → forbidden', async () => {
    const sim = await simulate(boardsForbidden);
    expect((await caught(() => apiCall(sim, creds, 'service/boards'))).code).toBe('forbidden');
  });

  it('404 → not-found (after one re-discovery finds the codebase unchanged)', async () => {
    const sim = await simulate(healthy);
    const error = await caught(() => apiCall(sim, creds, 'no/such/thing'));
    expect(error.code).toBe('not-found');
    expect(sim.requests.filter((r) => r.path.startsWith('/login/companyinfo'))).toHaveLength(2);
    expect(sim.requests.filter((r) => r.apiPath === 'no/such/thing')).toHaveLength(1);
  });

  it('429 with Retry-After: 1 → waits about a second, then succeeds', async () => {
    const sim = await simulate(errors.throttledOnce);
    await expect(apiCall(sim)).resolves.toMatchObject({ version: 'v2025.1.112233' });
    const calls = sim.requests.filter((r) => r.apiPath === 'system/info');
    expect(calls.map((r) => r.status)).toEqual([429, 200]);
    expect((calls[1]?.startedAt ?? 0) - (calls[0]?.endedAt ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it('429 with a Retry-After beyond the cap → throttled at once, saying how long to wait', async () => {
    const sim = await simulate(errors.throttledLong);
    const started = Date.now();
    const error = await caught(() => apiCall(sim));
    expect(error.code).toBe('throttled');
    expect(error.retryAfterSeconds).toBe(120);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(sim.requests.filter((r) => r.apiPath === 'system/info')).toHaveLength(1);
  });

  it('5xx twice → retried with backoff, then succeeds', async () => {
    const sim = await simulate(errors.serverErrorTwice);
    await expect(apiCall(sim)).resolves.toBeTruthy();
    expect(sim.requests.filter((r) => r.apiPath === 'system/info').map((r) => r.status)).toEqual([
      503, 503, 200,
    ]);
  });

  it('5xx every time → server, after a bounded number of attempts', async () => {
    const sim = await simulate(errors.serverErrorAlways);
    const error = await caught(() => discoverAt(sim.url));
    expect(error.code).toBe('server');
    expect(sim.requests).toHaveLength(4);
  });

  it('a dropped connection → retried, then succeeds', async () => {
    const sim = await simulate(errors.resetOnce);
    await expect(apiCall(sim)).resolves.toBeTruthy();
    expect(sim.requests.filter((r) => r.apiPath === 'system/info')).toHaveLength(2);
  });

  it('cancellation stops waiting at once', async () => {
    const sim = await simulate(errors.silentCompanyInfo);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await caught(() => discoverAt(sim.url, { signal: controller.signal, timeoutMs: 10_000 }));
    expect(error.code).toBe('cancelled');
  });
});
