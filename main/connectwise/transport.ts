/**
 * The undici dispatchers one session uses: a direct agent (with the `.invalid` guard, the optional private CA
 * and the timeout) and, for https hosts the environment says to proxy, a tunnelling ProxyAgent with the same
 * TLS trust. One transport per session, destroyed at its end so no keep-alive socket outlives it.
 */
import type { LookupFunction } from 'node:net';
import { Agent, type Dispatcher, ProxyAgent } from 'undici';
import { guardedLookup } from './dns-guard.js';
import { ConnectWiseError } from './errors.js';
import { type Env, proxyFor } from './proxy.js';
import { systemCaCertificates, trustedRoots } from './trust.js';

export interface TransportOptions {
  timeoutMs: number;
  /** PEM of an extra CA (on-premise servers with a private CA), trusted in addition to the usual roots. */
  ca?: string;
  /** The OS store's roots; read from the runtime when not given (see trust.ts). */
  systemCa?: readonly string[];
  env?: Env;
  lookup?: LookupFunction;
}

export interface Transport {
  dispatcherFor(url: URL): Dispatcher;
  /** Whether requests to `url` go through the HTTPS_PROXY (so a failure may be the proxy's). */
  viaProxy(url: URL): boolean;
  close(): Promise<void>;
}

export function createTransport(options: TransportOptions): Transport {
  const roots = trustedRoots(options.ca, options.systemCa ?? systemCaCertificates());
  const trust = roots ? { ca: roots } : {};
  const timeouts = { headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs };
  const direct = new Agent({
    ...timeouts,
    connect: { timeout: options.timeoutMs, lookup: options.lookup ?? guardedLookup(), ...trust },
  });
  const proxies = new Map<string, ProxyAgent>();
  const env = options.env ?? process.env;

  return {
    viaProxy: (url) => proxyFor(url, env) !== null,
    dispatcherFor(url) {
      const proxy = proxyFor(url, env);
      if (proxy === null) return direct;
      let agent = proxies.get(proxy);
      if (!agent) {
        try {
          agent = new ProxyAgent({
            uri: proxy,
            ...timeouts,
            connect: { timeout: options.timeoutMs },
            requestTls: { timeout: options.timeoutMs, ...trust },
          });
        } catch {
          // The proxy URL may hold a password: say which variable, not what it contains.
          throw new ConnectWiseError(
            'network',
            'The proxy address (HTTPS_PROXY or the system proxy settings) is not valid.',
          );
        }
        proxies.set(proxy, agent);
      }
      return agent;
    },
    async close() {
      await Promise.allSettled([direct.destroy(), ...[...proxies.values()].map((p) => p.destroy())]);
    },
  };
}
