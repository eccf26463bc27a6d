/**
 * The site the admin signs in to, from whatever they paste: a full login URL, a bare host, the API host.
 * Cloud sites become their login host (na.myconnectwise.net); on-premise servers keep their origin
 * (https is implied and dropped; http and ports are kept). main/connectwise normalises again when it calls.
 */
import type { Region } from '../../../common/schemas/draft.js';

export interface RegionOption {
  region: Region;
  label: string;
  /** The login host, for cloud regions. */
  host: string | null;
}

export const REGION_OPTIONS: readonly RegionOption[] = [
  { region: 'na', label: 'North America', host: 'na.myconnectwise.net' },
  { region: 'eu', label: 'Europe', host: 'eu.myconnectwise.net' },
  { region: 'au', label: 'Australia (au)', host: 'au.myconnectwise.net' },
  { region: 'aus', label: 'Australia (aus)', host: 'aus.myconnectwise.net' },
  { region: 'za', label: 'South Africa', host: 'za.myconnectwise.net' },
  { region: 'staging', label: 'Staging', host: 'staging.connectwisedev.com' },
  { region: 'on-premise', label: 'On-premise (your own server)', host: null },
];

export function regionHost(region: Region): string | null {
  return REGION_OPTIONS.find((o) => o.region === region)?.host ?? null;
}

export interface NormalisedSite {
  /** What goes into the draft. Empty when nothing usable was given. */
  site: string;
  region: Region;
  /** Where the API calls will go, for showing. */
  apiHost: string;
}

const CLOUD = /^(?:api-)?(na|eu|au|aus|za)\.myconnectwise\.net$/;
const STAGING = /^(?:api-)?staging\.connectwisedev\.com$/;
const HOSTNAME =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export type SiteProblem = 'empty' | 'not-a-host' | 'not-https' | 'credentials';

/** Turns what was pasted into a site, or says what is wrong with it. */
export function normaliseSite(input: string): NormalisedSite | { problem: SiteProblem } {
  const raw = input.trim();
  if (raw === '') return { problem: 'empty' };
  if (/\s/.test(raw)) return { problem: 'not-a-host' };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { problem: 'not-a-host' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: 'not-https' };
  if (url.username !== '' || url.password !== '') return { problem: 'credentials' };
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const isIp = /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
  if (!isIp && (!HOSTNAME.test(host) || (!host.includes('.') && host !== 'localhost')))
    return { problem: 'not-a-host' };

  const cloud = CLOUD.exec(host);
  if (cloud?.[1]) {
    const region = cloud[1] as Region;
    return { site: `${region}.myconnectwise.net`, region, apiHost: `api-${region}.myconnectwise.net` };
  }
  if (STAGING.test(host))
    return {
      site: 'staging.connectwisedev.com',
      region: 'staging',
      apiHost: 'api-staging.connectwisedev.com',
    };
  // On-premise: the MSP's own server, no api- prefix. Plain http is only kept for this computer (a test server).
  const loopback = host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
  if (url.protocol === 'http:' && !loopback) return { problem: 'not-https' };
  const hostPort = url.port ? `${host}:${url.port}` : host;
  const site = url.protocol === 'http:' ? `http://${hostPort}` : hostPort;
  return { site, region: 'on-premise', apiHost: hostPort };
}

export function siteProblemText(problem: SiteProblem): string {
  switch (problem) {
    case 'empty':
      return 'Enter the address you use to sign in to ConnectWise.';
    case 'not-a-host':
      return 'This does not look like a web address. Paste it from your browser, for example na.myconnectwise.net.';
    case 'not-https':
      return 'ConnectWise is reached over https. Paste an address that starts with https://.';
    case 'credentials':
      return 'The address must not contain a user name or password. Paste just the address.';
  }
}
