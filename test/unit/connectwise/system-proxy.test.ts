import { describe, expect, it } from 'vitest';
import { proxyFromSystemRules, withSystemProxy } from '../../../main/connectwise/proxy.js';

describe('the system proxy, as Chromium states it', () => {
  it.each([
    ['PROXY proxy.corp:8080', 'http://proxy.corp:8080'],
    ['PROXY proxy.corp:8080; DIRECT', 'http://proxy.corp:8080'],
    ['HTTPS secure-proxy.corp:443; PROXY b:1', 'https://secure-proxy.corp:443'],
    ['proxy 10.0.0.5:3128', 'http://10.0.0.5:3128'],
    ['PROXY [fd00::1]:3128', 'http://[fd00::1]:3128'],
  ])('%s -> %s', (rules, url) => {
    expect(proxyFromSystemRules(rules)).toBe(url);
  });

  it.each(['DIRECT', 'DIRECT; PROXY a:1', 'SOCKS5 socks.corp:1080', '', 'PROXY no-port', 'PROXY a:1/evil'])(
    '%j means direct',
    (rules) => {
      expect(proxyFromSystemRules(rules)).toBeNull();
    },
  );
});

describe('which proxy a session uses', () => {
  const system = async () => 'PROXY proxy.corp:8080';

  it('uses the system proxy when the environment names none', async () => {
    expect(await withSystemProxy({}, 'https://na.myconnectwise.net', system)).toEqual({
      HTTPS_PROXY: 'http://proxy.corp:8080',
    });
  });

  it('lets HTTPS_PROXY win, and asks nothing without a platform answer or a site', async () => {
    const env = { HTTPS_PROXY: 'http://mine:1' };
    expect(await withSystemProxy(env, 'https://na.myconnectwise.net', system)).toBe(env);
    expect(await withSystemProxy({}, 'https://na.myconnectwise.net', undefined)).toEqual({});
    expect(await withSystemProxy({}, null, system)).toEqual({});
  });

  it('goes direct when the platform says DIRECT or cannot answer', async () => {
    expect(await withSystemProxy({}, 'https://x.example', async () => 'DIRECT')).toEqual({});
    expect(
      await withSystemProxy({}, 'https://x.example', async () => {
        throw new Error('no session');
      }),
    ).toEqual({});
  });
});
