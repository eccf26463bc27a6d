/**
 * Host name lookup with one rule in front of the system resolver: names under `.invalid` (RFC 6761 §6.4)
 * fail at once, as resolvers are meant to make them. glibc does not: with a DNS server configured it sends
 * the query out, which a check of a mistyped site (or a test) has no business doing.
 */
import dns from 'node:dns';
import type { LookupFunction } from 'node:net';

export function isReservedInvalidName(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h === 'invalid' || h.endsWith('.invalid');
}

export function guardedLookup(inner: LookupFunction = dns.lookup as LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    if (isReservedInvalidName(hostname)) {
      const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
        code: 'ENOTFOUND',
        syscall: 'getaddrinfo',
        hostname,
      });
      process.nextTick(() => callback(error, '', 0));
      return;
    }
    inner(hostname, options, callback);
  };
}
