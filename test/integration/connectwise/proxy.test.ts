/**
 * HTTPS_PROXY and NO_PROXY, through a real CONNECT proxy on 127.0.0.1. The PSA is "psa.mymsp.invalid": only the
 * proxy can reach it (it tunnels every CONNECT to the simulator), so a request that skipped the proxy would fail
 * at once on the .invalid guard, and no lookup ever leaves the machine.
 */
import http from 'node:http';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createConnectWiseHandlers } from '../../../main/validation/handlers.js';
import { runValidation } from '../../../main/validation/run.js';
import { inputFor, onprem } from '../../support/cw-simulator/scenarios/index.js';
import { makeTestCerts, type TestCerts } from '../../support/tls-certs.js';
import { closedPort, FAST_RETRY, simulate } from './helpers.js';

let certs: TestCerts;
beforeAll(() => {
  certs = makeTestCerts();
});
afterAll(() => certs.cleanup());

interface Proxy {
  url: string;
  connects: { target: string; auth: string | undefined }[];
  close(): Promise<void>;
}

async function startProxy(upstreamPort: number): Promise<Proxy> {
  const connects: Proxy['connects'] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    connects.push({ target: req.url ?? '', auth: req.headers['proxy-authorization'] });
    sockets.add(client);
    const upstream = net.connect(upstreamPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    connects,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const proxies: Proxy[] = [];
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.close()));
});

describe('proxies', () => {
  it('HTTPS_PROXY: every call tunnels through the proxy, with the private CA trusted inside the tunnel', async () => {
    const sim = await simulate(onprem.onPremise, { tls: certs.named });
    const proxy = await startProxy(Number(new URL(sim.url).port));
    proxies.push(proxy);
    const report = await runValidation(inputFor(onprem.onPremise, 'https://psa.mymsp.invalid'), {
      env: { HTTPS_PROXY: proxy.url },
      caFile: certs.caFile,
      retry: FAST_RETRY,
    });
    expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(proxy.connects.length).toBeGreaterThan(0);
    expect(new Set(proxy.connects.map((c) => c.target))).toEqual(new Set(['psa.mymsp.invalid:443']));
    expect(sim.requests.length).toBeGreaterThanOrEqual(9);
  });

  it('proxy credentials go to the proxy only, and never into the report', async () => {
    const sim = await simulate(onprem.onPremise, { tls: certs.named });
    const proxy = await startProxy(Number(new URL(sim.url).port));
    proxies.push(proxy);
    const report = await runValidation(inputFor(onprem.onPremise, 'https://psa.mymsp.invalid'), {
      env: { HTTPS_PROXY: proxy.url.replace('http://', 'http://alice:ProxyPassw0rd@') },
      caFile: certs.caFile,
    });
    expect(report.ok).toBe(true);
    expect(proxy.connects[0]?.auth).toBe(`Basic ${Buffer.from('alice:ProxyPassw0rd').toString('base64')}`);
    expect(JSON.stringify(report)).not.toContain('ProxyPassw0rd');
  });

  it('NO_PROXY: a matching host goes direct (and so fails here as dns)', async () => {
    const sim = await simulate(onprem.onPremise, { tls: certs.named });
    const proxy = await startProxy(Number(new URL(sim.url).port));
    proxies.push(proxy);
    const report = await runValidation(inputFor(onprem.onPremise, 'https://psa.mymsp.invalid'), {
      env: { HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost,.invalid' },
      caFile: certs.caFile,
    });
    expect(report.checks[1]).toMatchObject({ id: 'site', status: 'fail' });
    expect(report.checks[1]?.detail).toMatch(/could not be found/);
    expect(proxy.connects).toEqual([]);
  });

  it('a proxy that is down: site fails as a network problem, naming no password', async () => {
    const port = await closedPort();
    const report = await runValidation(inputFor(onprem.onPremise, 'https://psa.mymsp.invalid'), {
      env: { HTTPS_PROXY: `http://bob:S3cretProxyPw@127.0.0.1:${port}` },
      retry: FAST_RETRY,
    });
    expect(report.checks[1]).toMatchObject({ id: 'site', status: 'fail' });
    expect(report.checks[1]?.detail).toMatch(/through a proxy, set in HTTPS_PROXY/);
    expect(JSON.stringify(report)).not.toContain('S3cretProxyPw');
  });

  it('the system proxy (the desktop app): validation and pickers tunnel through it when HTTPS_PROXY is unset', async () => {
    const sim = await simulate(onprem.onPremise, { tls: certs.named });
    const proxy = await startProxy(Number(new URL(sim.url).port));
    proxies.push(proxy);
    const asked: string[] = [];
    const handlers = createConnectWiseHandlers(
      async () => inputFor(onprem.onPremise, 'https://psa.mymsp.invalid'),
      {
        env: {},
        caFile: certs.caFile,
        retry: FAST_RETRY,
        systemProxy: async (url) => {
          asked.push(url);
          return `PROXY ${new URL(proxy.url).host}; DIRECT`;
        },
      },
    );
    const report = await handlers['validation.run']({ runId: 'r1' }, { runtime: 'electron', emit: () => {} });
    expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    const boards = await handlers['connectwise.listBoards']({}, { runtime: 'electron', emit: () => {} });
    expect(boards.length).toBeGreaterThan(0);
    expect(asked).toEqual(['https://psa.mymsp.invalid', 'https://psa.mymsp.invalid']);
    expect(new Set(proxy.connects.map((c) => c.target))).toEqual(new Set(['psa.mymsp.invalid:443']));
  });
});
