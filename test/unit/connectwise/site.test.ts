import { describe, expect, it } from 'vitest';
import { ConnectWiseError } from '../../../main/connectwise/errors.js';
import {
  apiBaseFor,
  apiOriginFor,
  isLoopbackHost,
  normaliseCodebase,
  normaliseSite,
} from '../../../main/connectwise/site.js';

describe('normaliseSite', () => {
  it.each([
    [
      'https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US#startscreen',
      'na.myconnectwise.net',
      true,
    ],
    ['na.myconnectwise.net/', 'na.myconnectwise.net', true],
    ['  NA.MyConnectWise.net  ', 'na.myconnectwise.net', true],
    ['api-eu.myconnectwise.net', 'eu.myconnectwise.net', true],
    ['https://api-na.myconnectwise.net/v2025_1/apis/3.0/', 'na.myconnectwise.net', true],
    ['staging.connectwisedev.com', 'staging.connectwisedev.com', true],
    ['psa.mymsp.com', 'psa.mymsp.com', false],
    ['https://psa.mymsp.com:8443/v4_6_release/', 'psa.mymsp.com', false],
    ['api-psa.mymsp.com', 'api-psa.mymsp.com', false],
  ])('%s → login host %s', (pasted, hostname, cloud) => {
    const site = normaliseSite(pasted);
    expect(site.hostname).toBe(hostname);
    expect(site.scheme).toBe('https:');
    expect(site.isKnownCloud).toBe(cloud);
  });

  it('keeps a port', () => {
    expect(normaliseSite('https://psa.mymsp.com:8443/x').loginOrigin).toBe('https://psa.mymsp.com:8443');
  });

  it('allows plain http only on loopback', () => {
    expect(normaliseSite('http://127.0.0.1:4100').loginOrigin).toBe('http://127.0.0.1:4100');
    expect(normaliseSite('http://localhost:4100/').loginOrigin).toBe('http://localhost:4100');
    expect(normaliseSite('http://[::1]:4100').loginOrigin).toBe('http://[::1]:4100');
    expect(() => normaliseSite('http://na.myconnectwise.net')).toThrow(/https/);
    expect(() => normaliseSite('http://psa.mymsp.com')).toThrow(/https/);
  });

  it.each([
    ['', /empty/],
    ['na myconnectwise net', /spaces/],
    ['ftp://na.myconnectwise.net', /https/],
    ['https://user:pw@na.myconnectwise.net', /user name or password/],
    ['https://', /not a web address|no host/],
  ])('refuses %j with a typed, field-tagged error', (pasted, message) => {
    let caught: unknown;
    try {
      normaliseSite(pasted);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConnectWiseError);
    expect((caught as ConnectWiseError).code).toBe('invalid-input');
    expect((caught as ConnectWiseError).field).toBe('site');
    expect((caught as Error).message).toMatch(message);
  });

  it('never repeats a password pasted into the site', () => {
    expect(() => normaliseSite('https://me:Sup3rSecretPw@psa.mymsp.com')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('Sup3rSecretPw') }),
    );
  });
});

describe('apiOriginFor and apiBaseFor (the URLs real hosts get)', () => {
  it('cloud: SiteUrl from companyinfo, https kept', () => {
    const site = normaliseSite('https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx');
    const origin = apiOriginFor(site, 'api-na.myconnectwise.net');
    expect(origin).toBe('https://api-na.myconnectwise.net');
    expect(apiBaseFor(origin, 'v2025_1/')).toBe('https://api-na.myconnectwise.net/v2025_1/apis/3.0/');
  });

  it('cloud without SiteUrl: the api- prefix for every known region', () => {
    for (const region of ['na', 'eu', 'au', 'aus', 'za']) {
      const site = normaliseSite(`${region}.myconnectwise.net`);
      expect(apiOriginFor(site, undefined)).toBe(`https://api-${region}.myconnectwise.net`);
    }
    expect(apiOriginFor(normaliseSite('staging.connectwisedev.com'), null)).toBe(
      'https://api-staging.connectwisedev.com',
    );
  });

  it('on-premise: the entered host, no prefix, codebase v4_6_release/', () => {
    const site = normaliseSite('https://psa.mymsp.com/v4_6_release/ConnectWise.aspx');
    const origin = apiOriginFor(site, null);
    expect(origin).toBe('https://psa.mymsp.com');
    expect(apiBaseFor(origin, 'v4_6_release/')).toBe('https://psa.mymsp.com/v4_6_release/apis/3.0/');
  });

  it('a SiteUrl naming the cloud login host still gets the api- prefix', () => {
    expect(apiOriginFor(normaliseSite('na.myconnectwise.net'), 'na.myconnectwise.net')).toBe(
      'https://api-na.myconnectwise.net',
    );
  });

  it('reads SiteUrl written with a scheme or a path', () => {
    const site = normaliseSite('eu.myconnectwise.net');
    expect(apiOriginFor(site, 'https://api-eu.myconnectwise.net/')).toBe('https://api-eu.myconnectwise.net');
    expect(apiOriginFor(site, '   ')).toBe('https://api-eu.myconnectwise.net');
    expect(apiOriginFor(site, 'user@evil.example')).toBe('https://api-eu.myconnectwise.net');
  });

  it('keeps the entered http scheme on loopback (the simulator) and its SiteUrl port', () => {
    const site = normaliseSite('http://127.0.0.1:4100');
    expect(apiOriginFor(site, '127.0.0.1:4200')).toBe('http://127.0.0.1:4200');
  });

  it('refuses to send keys in clear to a non-loopback SiteUrl', () => {
    const site = normaliseSite('http://127.0.0.1:4100');
    expect(() => apiOriginFor(site, 'api-na.myconnectwise.net')).toThrow(
      expect.objectContaining({ code: 'not-connectwise' }),
    );
  });
});

describe('normaliseCodebase', () => {
  it.each([
    ['v2025_1/', 'v2025_1/'],
    ['v4_6_release/', 'v4_6_release/'],
    ['v2020_4', 'v2020_4/'],
    ['/v2020_4/', 'v2020_4/'],
  ])('%j → %j', (raw, expected) => expect(normaliseCodebase(raw)).toBe(expected));
  it.each([[''], ['../etc/'], ['a/b/'], [42], [null], ['v1?x=1/']])('refuses %j', (raw) =>
    expect(normaliseCodebase(raw)).toBeNull(),
  );
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['[::1]', true],
    ['128.0.0.1', false],
    ['127.0.0.1.example.com', false],
    ['localhost.example.com', false],
  ])('%s → %s', (host, expected) => expect(isLoopbackHost(host)).toBe(expected));
});
