import type { LookupFunction } from 'node:net';
import { describe, expect, it } from 'vitest';
import { guardedLookup, isReservedInvalidName } from '../../../main/connectwise/dns-guard.js';
import { bypassesProxy, proxyFor } from '../../../main/connectwise/proxy.js';

describe('the .invalid guard in front of the resolver', () => {
  it('fails .invalid names with ENOTFOUND without ever asking the system resolver', async () => {
    const asked: string[] = [];
    const inner: LookupFunction = (hostname, _options, callback) => {
      asked.push(hostname);
      callback(null, '192.0.2.1', 4);
    };
    const lookup = guardedLookup(inner);
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      lookup('psa.mymsp.invalid', {}, (err) => resolve(err)),
    );
    expect(error?.code).toBe('ENOTFOUND');
    expect(asked).toEqual([]);
    await new Promise<void>((resolve) => lookup('psa.mymsp.com', {}, () => resolve()));
    expect(asked).toEqual(['psa.mymsp.com']);
  });

  it.each([
    ['x.invalid', true],
    ['X.INVALID.', true],
    ['invalid', true],
    ['invalid.com', false],
    ['notinvalid', false],
  ])('%s reserved: %s', (name, expected) => expect(isReservedInvalidName(name)).toBe(expected));
});

describe('proxy selection', () => {
  const url = (u: string) => new URL(u);
  it('uses HTTPS_PROXY (or https_proxy) for https targets', () => {
    expect(proxyFor(url('https://api-na.myconnectwise.net/x'), { HTTPS_PROXY: 'http://proxy:3128' })).toBe(
      'http://proxy:3128',
    );
    expect(proxyFor(url('https://psa.mymsp.com'), { https_proxy: 'http://p:1' })).toBe('http://p:1');
    expect(proxyFor(url('https://psa.mymsp.com'), {})).toBeNull();
  });
  it('never proxies loopback', () => {
    expect(proxyFor(url('https://127.0.0.1:9/'), { HTTPS_PROXY: 'http://p:1' })).toBeNull();
    expect(
      proxyFor(url('http://localhost:9/'), { HTTPS_PROXY: 'http://p:1', HTTP_PROXY: 'http://p:1' }),
    ).toBeNull();
  });
  it.each([
    ['mymsp.com', 'https://psa.mymsp.com', true],
    ['.mymsp.com', 'https://psa.mymsp.com', true],
    ['*.mymsp.com', 'https://psa.mymsp.com', true],
    ['psa.mymsp.com', 'https://psa.mymsp.com', true],
    ['sa.mymsp.com', 'https://psa.mymsp.com', false],
    ['other.com, mymsp.com', 'https://psa.mymsp.com', true],
    ['mymsp.com:8443', 'https://psa.mymsp.com', false],
    ['mymsp.com:8443', 'https://psa.mymsp.com:8443', true],
    ['*', 'https://anything.example', true],
    ['10.0.0.5', 'https://10.0.0.5', true],
    ['', 'https://psa.mymsp.com', false],
  ])('NO_PROXY=%j bypasses %s: %s', (noProxy, target, expected) => {
    expect(bypassesProxy(url(target), noProxy)).toBe(expected);
  });
});
