import { describe, expect, it } from 'vitest';
import {
  ConnectWiseError,
  classifyNetworkError,
  classifyStatus,
  isConnectWiseCloudHost,
} from '../../../main/connectwise/errors.js';

const withCode = (code: string, cause?: unknown) =>
  Object.assign(new Error(`boom ${code} secret-in-message`), { code, cause });

describe('classifyNetworkError', () => {
  it.each([
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['ECONNREFUSED', 'refused'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
    ['ECONNRESET', 'network'],
    ['UND_ERR_SOCKET', 'network'],
    ['EHOSTUNREACH', 'network'],
  ])('%s → %s', (code, expected) => {
    expect(classifyNetworkError(withCode(code), 'psa.example.com').code).toBe(expected);
  });

  it.each([
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'self-signed'],
    ['CERT_HAS_EXPIRED', 'expired'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'name-mismatch'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'untrusted'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'handshake'],
  ])('TLS %s → tls / %s', (code, kind) => {
    const error = classifyNetworkError(withCode(code), 'psa.example.com');
    expect(error.code).toBe('tls');
    expect(error.tls).toBe(kind);
  });

  it('looks through wrapping causes (fetch-style TypeError → cause)', () => {
    const wrapped = Object.assign(new TypeError('fetch failed'), { cause: withCode('ECONNREFUSED') });
    expect(classifyNetworkError(wrapped, 'h').code).toBe('refused');
  });

  it('never repeats the original message', () => {
    const error = classifyNetworkError(withCode('EWHATEVER'), 'psa.example.com');
    expect(error.code).toBe('network');
    expect(error.message).not.toContain('secret-in-message');
    expect(error.message).toContain('psa.example.com');
  });
});

describe('classifyStatus', () => {
  const where = { host: 'h', path: 'system/info' };
  it.each([
    [401, { code: 'Unauthorized' }, 'unauthorized'],
    [401, { code: 'ConnectWiseApi', message: 'UserNotAuthenticated' }, 'unauthorized'],
    [400, { code: 'InvalidObject', message: 'clientId header is required.' }, 'bad-client-id'],
    [401, { message: 'Invalid ClientId' }, 'bad-client-id'],
    [
      403,
      { code: 'Security', message: 'You do not have security permission to perform this action.' },
      'forbidden',
    ],
    [404, null, 'not-found'],
    [429, null, 'throttled'],
    [500, { message: 'timeout expired' }, 'server'],
    [503, '<html>', 'server'],
    [302, '', 'not-connectwise'],
    [400, { code: 'InvalidObject', message: 'conditions' }, 'server'],
  ])('%i %j → %s', (status, body, code) => {
    const error = classifyStatus(status, body, where);
    expect(error).toBeInstanceOf(ConnectWiseError);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
  });

  it('never quotes the body (which may repeat the Client ID)', () => {
    const error = classifyStatus(
      400,
      { message: 'clientId 7a002312-3831-42a6-cff5-8cd2c8d969f1 unknown' },
      where,
    );
    expect(error.message).not.toContain('7a002312');
  });

  it('carries Retry-After seconds on throttling, to the boundary too', () => {
    const error = classifyStatus(429, null, { ...where, retryAfterSeconds: 120 });
    expect(error.toAppError()).toEqual({ code: 'throttled', message: error.message, retryAfterSeconds: 120 });
  });
});

describe('DNS failures say what to check', () => {
  const dnsError = Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
  it('a ConnectWise cloud name that cannot be found points at this computer, not at a typo', () => {
    const error = classifyNetworkError(dnsError, 'api-na.myconnectwise.net');
    expect(error.code).toBe('dns');
    expect(error.message).toMatch(/offline|firewall/);
    expect(error.message).not.toMatch(/spelling/);
  });
  it('any other name may be misspelled', () => {
    const error = classifyNetworkError(dnsError, 'psa.mymsp.invalid');
    expect(error.code).toBe('dns');
    expect(error.message).toMatch(/spelling/);
  });
  it('knows ConnectWise cloud hosts', () => {
    expect(isConnectWiseCloudHost('na.myconnectwise.net')).toBe(true);
    expect(isConnectWiseCloudHost('API-EU.MyConnectWise.net:443')).toBe(true);
    expect(isConnectWiseCloudHost('api-staging.connectwisedev.com')).toBe(true);
    expect(isConnectWiseCloudHost('myconnectwise.net.evil.example')).toBe(false);
    expect(isConnectWiseCloudHost('psa.mymsp.com')).toBe(false);
  });
});
