/**
 * What users paste as their ConnectWise site, reduced to the login host, and the API origin derived from it.
 * connectwise-api.md §1: cloud login hosts have an `api-` twin; on-premise servers use their own host.
 */
import { ConnectWiseError } from './errors.js';

/** Cloud login hosts whose API host is the same name with an `api-` prefix. [seen] */
export const CLOUD_LOGIN_HOSTS: readonly string[] = [
  'na.myconnectwise.net',
  'eu.myconnectwise.net',
  'au.myconnectwise.net',
  'aus.myconnectwise.net',
  'za.myconnectwise.net',
  'staging.connectwisedev.com',
];

export interface Site {
  scheme: 'https:' | 'http:';
  /** The login host name, lower case, without port (IPv6 in brackets, as URL spells it). */
  hostname: string;
  /** `host[:port]` as it goes in a URL. */
  host: string;
  /** `scheme://host[:port]`: where /login/companyinfo lives. */
  loginOrigin: string;
  isKnownCloud: boolean;
}

/** Loopback only: the one place plain http is allowed (the simulator). Keys never cross a network in clear. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

function siteError(message: string): ConnectWiseError {
  return new ConnectWiseError('invalid-input', message, { field: 'site' });
}

/**
 * Accepts `https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?...`, `na.myconnectwise.net/`,
 * `api-eu.myconnectwise.net`, `psa.mymsp.com`, `http://127.0.0.1:PORT`; throws a `ConnectWiseError`
 * (invalid-input, field "site") with a message that says what to type instead.
 */
export function normaliseSite(raw: string): Site {
  const text = raw.trim();
  if (text === '') throw siteError('The site is empty. Enter the address you use to log in to ConnectWise.');
  if (/\s/.test(text))
    throw siteError('The site contains spaces. Enter just the address, e.g. na.myconnectwise.net.');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw siteError(
      'The site is not a web address. Enter it like na.myconnectwise.net or psa.yourcompany.com.',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw siteError('The site must be an https:// address.');
  // A pasted URL with credentials in it would send them to whoever runs that host: refuse, never strip quietly.
  if (url.username !== '' || url.password !== '')
    throw siteError('The site must not contain a user name or password. Enter just the address.');
  if (url.hostname === '') throw siteError('The site has no host name.');

  let hostname = url.hostname.toLowerCase().replace(/\.$/, '');
  // Users often paste the API host itself: the login host is the same name without `api-`.
  if (hostname.startsWith('api-') && CLOUD_LOGIN_HOSTS.includes(hostname.slice(4)))
    hostname = hostname.slice(4);
  if (url.protocol === 'http:' && !isLoopbackHost(hostname))
    throw siteError(
      'The site must use https:// (your API keys would otherwise travel unencrypted). Enter it without http://.',
    );

  const scheme = url.protocol;
  const host = url.port ? `${hostname}:${url.port}` : hostname;
  return {
    scheme,
    hostname,
    host,
    loginOrigin: `${scheme}//${host}`,
    isKnownCloud: CLOUD_LOGIN_HOSTS.includes(hostname),
  };
}

/**
 * The API origin: companyinfo's `SiteUrl` when present (with the scheme the user entered), else the login host,
 * with `api-` for known cloud hosts. Throws when that would send keys in clear to a non-loopback host.
 */
export function apiOriginFor(site: Site, siteUrl: string | null | undefined): string {
  let host = site.isKnownCloud ? `api-${site.host}` : site.host;
  const fromServer = parseSiteUrl(siteUrl);
  // A SiteUrl naming a cloud login host (not its api- twin) would send API calls to the web app's HTML.
  if (fromServer) host = CLOUD_LOGIN_HOSTS.includes(fromServer) ? `api-${fromServer}` : fromServer;
  const origin = `${site.scheme}//${host}`;
  const hostname = new URL(origin).hostname;
  if (site.scheme === 'http:' && !isLoopbackHost(hostname))
    throw new ConnectWiseError(
      'not-connectwise',
      `${site.host} points its API at ${hostname} over plain http; refusing to send keys there unencrypted.`,
      { host: site.host },
    );
  return origin;
}

/** `api-na.myconnectwise.net`, `https://psa.example.com/`, `127.0.0.1:4100` → `host[:port]`; junk → null. */
function parseSiteUrl(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const hostPart = text.split(/[/?#]/, 1)[0] ?? '';
  if (hostPart === '' || hostPart.includes('@')) return null;
  try {
    const url = new URL(`https://${hostPart}`);
    return url.port ? `${url.hostname.toLowerCase()}:${url.port}` : url.hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** Codebases look like `v2025_1/` or `v4_6_release/`; anything else is not trusted into a URL path. */
export function normaliseCodebase(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim().replace(/^\/+/, '');
  const withSlash = text.endsWith('/') ? text : `${text}/`;
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,60}\/$/.test(withSlash) && !withSlash.includes('..')
    ? withSlash
    : null;
}

export function apiBaseFor(apiOrigin: string, codebase: string): string {
  return `${apiOrigin}/${codebase}apis/3.0/`;
}
