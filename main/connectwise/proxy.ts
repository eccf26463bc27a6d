/**
 * The proxy an MSP's network may require: HTTPS_PROXY, minus NO_PROXY, for https targets. Loopback is never
 * proxied (the simulator, and a proxy could not reach our 127.0.0.1 anyway); plain http only ever goes to
 * loopback (site.ts), so HTTP_PROXY never applies.
 */
import { isLoopbackHost } from './site.js';

export type Env = Record<string, string | undefined>;

export function proxyFor(target: URL, env: Env): string | null {
  if (target.protocol !== 'https:' || isLoopbackHost(target.hostname)) return null;
  const proxy = (env.HTTPS_PROXY ?? env.https_proxy ?? '').trim();
  if (proxy === '') return null;
  if (bypassesProxy(target, env.NO_PROXY ?? env.no_proxy ?? '')) return null;
  return proxy;
}

/**
 * NO_PROXY as curl reads it: comma or space separated; `*` for everything; `host`, `.domain` and `domain`
 * match the name and its subdomains; an entry with `:port` matches only that port; IPs match exactly.
 */
export function bypassesProxy(target: URL, noProxy: string): boolean {
  const hostname = target.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(/[,\s]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    const portMatch = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\[|\](?=:|$)/g, ''));
    const name = (portMatch?.[1] ?? entry).replace(/^\*?\./, '');
    const entryPort = portMatch?.[2];
    if (entryPort !== undefined && entryPort !== port) continue;
    if (hostname === name || hostname.endsWith(`.${name}`)) return true;
  }
  return false;
}

/**
 * The proxy the operating system would use, from Chromium's answer for a URL (Electron's
 * `session.resolveProxy`: system settings, PAC scripts, WPAD), e.g. `PROXY proxy.corp:8080; DIRECT`.
 * The first entry decides: PROXY and HTTPS entries become a proxy URL; DIRECT, SOCKS (which our
 * client does not speak) or anything unknown mean "go direct".
 */
export function proxyFromSystemRules(rules: string): string | null {
  const first = rules.split(';')[0]?.trim() ?? '';
  const match = /^(PROXY|HTTPS)\s+(\[[0-9a-f:.]+\]|[a-z0-9.-]+):(\d{1,5})$/i.exec(first);
  if (!match) return null;
  const [, kind, host, port] = match;
  return `${kind?.toUpperCase() === 'HTTPS' ? 'https' : 'http'}://${host}:${port}`;
}

/**
 * The environment a session reads its proxy from: HTTPS_PROXY/NO_PROXY when the user set them (they win),
 * else the system proxy for the site when the platform can tell (the desktop app), else as it is.
 */
export async function withSystemProxy(
  env: Env,
  siteOrigin: string | null,
  systemProxy: ((url: string) => Promise<string>) | undefined,
): Promise<Env> {
  if (!systemProxy || siteOrigin === null || (env.HTTPS_PROXY ?? env.https_proxy ?? '').trim() !== '')
    return env;
  let proxy: string | null;
  try {
    proxy = proxyFromSystemRules(await systemProxy(siteOrigin));
  } catch {
    return env;
  }
  return proxy === null ? env : { ...env, HTTPS_PROXY: proxy };
}
