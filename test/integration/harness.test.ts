import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, contract } from '../../common/contract.js';
import { malformedPayloads } from '../support/fuzz.js';
import { type HarnessFixture, startHarnessFixture } from '../support/harness-fixture.js';

let fx: HarnessFixture;
beforeAll(async () => {
  fx = await startHarnessFixture();
});
afterAll(async () => {
  await fx.close();
});

/** A raw request, to send headers fetch() will not let us forge (Host, Origin). */
function rawRequest(options: http.RequestOptions, body = ''): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port: new URL(fx.harness.origin).port, ...options },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

describe('the harness', () => {
  it('serves the renderer with the shim injected and a strict CSP', async () => {
    const response = await fetch(fx.harness.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    expect(html).toContain('<script src="./__harness/shim.js"></script>');
    expect(html).toContain('id="root"');
  });

  it('answers app.info over HTTP with the version from package.json', async () => {
    const { status, body } = await fx.call('app.info', {});
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, value: { version: fx.port.appVersion, runtime: 'harness' } });
  });

  it('refuses a call without the token, with a wrong token, or from another origin, and does nothing', async () => {
    const url = 'https://developer.connectwise.com/ClientID';
    const noToken = await fetch(`${fx.harness.origin}/__harness/call/shell.openExternal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url }),
    });
    expect(noToken.status).toBe(403);
    expect(await noToken.json()).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });

    expect((await fx.call('shell.openExternal', { url }, { 'x-bitagent-token': 'wrong' })).status).toBe(403);
    expect(
      (await fx.call('shell.openExternal', { url }, { 'x-bitagent-token': `${fx.harness.token}x` })).status,
    ).toBe(403);

    const foreign = await rawRequest(
      {
        method: 'POST',
        path: '/__harness/call/shell.openExternal',
        headers: {
          host: new URL(fx.harness.origin).host,
          origin: 'https://evil.example',
          'content-type': 'application/json',
          'x-bitagent-token': fx.harness.token,
        },
      },
      JSON.stringify({ url }),
    );
    expect(foreign.status).toBe(403);

    const crossSite = await fx.call('shell.openExternal', { url }, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(fx.port.openedUrls).toEqual([]);
  });

  it('refuses a request for another host name (DNS rebinding)', async () => {
    const rebound = await rawRequest({
      method: 'GET',
      path: '/',
      headers: { host: `attacker.example:${new URL(fx.harness.origin).port}` },
    });
    expect(rebound.status).toBe(403);
    const call = await rawRequest(
      {
        method: 'POST',
        path: '/__harness/call/app.info',
        headers: {
          host: 'localhost',
          'content-type': 'application/json',
          'x-bitagent-token': fx.harness.token,
        },
      },
      '{}',
    );
    expect(call.status).toBe(403);
  });

  it('refuses simple-request CSRF shapes, bodies that are not JSON, and oversized bodies', async () => {
    const form = await fx.call('app.info', {}, { 'content-type': 'text/plain' });
    expect(form.status).toBe(415);
    const notJson = await fetch(`${fx.harness.origin}/__harness/call/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-bitagent-token': fx.harness.token },
      body: '{not json',
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const huge = await fetch(`${fx.harness.origin}/__harness/call/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-bitagent-token': fx.harness.token },
      body: JSON.stringify({ a: 'x'.repeat(5 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
  });

  it('opens an allowed link through the safe shell, and refuses others', async () => {
    const ok = await fx.call('shell.openExternal', { url: 'https://developer.connectwise.com/ClientID' });
    expect(ok.body).toEqual({ ok: true, value: { opened: true, via: 'harness' } });
    const refused = await fx.call('shell.openExternal', { url: 'https://evil.example/' });
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'url-not-allowed' } });
    expect(fx.port.openedUrls).toEqual(['https://developer.connectwise.com/ClientID']);
  });

  it('answers 404 with an envelope for an unknown call, and never serves files outside the renderer', async () => {
    const unknown = await fx.call('system.exec', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    const traversal = await rawRequest({
      method: 'GET',
      path: '/../../package.json',
      headers: { host: new URL(fx.harness.origin).host },
    });
    expect(traversal.status).toBe(404);
    const encoded = await rawRequest({
      method: 'GET',
      path: '/%2e%2e/%2e%2e/package.json',
      headers: { host: new URL(fx.harness.origin).host },
    });
    expect(encoded.status).toBe(404);
  });

  it('streams events only to a caller with the token', async () => {
    const refused = await fetch(`${fx.harness.origin}/__harness/events?token=wrong`);
    expect(refused.status).toBe(403);
    const controller = new AbortController();
    const stream = await fetch(`${fx.harness.origin}/__harness/events?token=${fx.harness.token}`, {
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    controller.abort();
  });
});

describe('fuzzing every call through the HTTP path', () => {
  const PER_CHANNEL = 500;
  it.each(CHANNELS)(
    `%s: ${PER_CHANNEL} malformed payloads each get invalid-input and change nothing`,
    async (channel) => {
      const payloads = malformedPayloads(contract[channel].input, PER_CHANNEL, channel.length * 7919);
      const before = fx.port.openedUrls.length;
      for (let i = 0; i < payloads.length; i += 25) {
        const batch = payloads.slice(i, i + 25);
        const answers = await Promise.all(batch.map((payload) => fx.call(channel, payload)));
        for (const { status, body } of answers) {
          expect(status).toBe(200);
          expect(body).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
          const message = (body as { error: { message: string } }).error.message;
          expect(message.length).toBeLessThan(400);
        }
      }
      expect(fx.port.openedUrls.length).toBe(before);
    },
  );
});
