/**
 * Authenticated reads of the REST API (connectwise-api.md §2-3): Basic auth, clientId, a pinned Accept,
 * paging through `Link: rel="next"`, and one re-discovery when a 404 may mean the codebase moved.
 */
import { buildQuery, type QueryValue } from './conditions.js';
import type { Discovery } from './discovery.js';
import { ConnectWiseError, notConnectWise } from './errors.js';
import { getJson, type HttpContext } from './http.js';
import { nextLink } from './link.js';

export const ACCEPT_HEADER = 'application/vnd.connectwise.com+json; version=2025.1';
export const USER_AGENT = 'BitAgent-ConnectWise-Onboarding';
/** ConnectWise's hard maximum page size [seen]. */
export const MAX_PAGE_SIZE = 1000;

export interface Credentials {
  companyId: string;
  publicKey: string;
  privateKey: string;
  clientId: string;
}

export interface ListOptions {
  /** Stop after this many items (the contract bounds lists); `truncated` then says so. */
  maxItems?: number;
  pageSize?: number;
}

export interface ConnectWiseApi {
  /** The discovery in use (a re-discovery may have replaced the first one). */
  readonly discovery: Discovery;
  get(path: string, query?: Record<string, QueryValue>): Promise<unknown>;
  getAll(path: string, query?: Record<string, QueryValue>, options?: ListOptions): Promise<unknown[]>;
}

export function authHeaders(credentials: Credentials): Record<string, string> {
  const user = `${credentials.companyId}+${credentials.publicKey}`;
  return {
    authorization: `Basic ${Buffer.from(`${user}:${credentials.privateKey}`, 'utf8').toString('base64')}`,
    clientid: credentials.clientId,
    accept: ACCEPT_HEADER,
    'user-agent': USER_AGENT,
  };
}

export function createApi(
  first: Discovery,
  credentials: Credentials,
  http: HttpContext,
  rediscover?: () => Promise<Discovery>,
): ConnectWiseApi {
  const headers = authHeaders(credentials);
  let discovery = first;
  // Shared by every request of the session, so a burst of 404s costs one companyinfo call, not one each.
  let rediscovery: Promise<Discovery | null> | null = null;

  const refresh = (): Promise<Discovery | null> => {
    if (!rediscover) return Promise.resolve(null);
    rediscovery ??= rediscover().then(
      (next) => {
        const moved = next.apiBase !== discovery.apiBase;
        discovery = next;
        return moved ? next : null;
      },
      () => null,
    );
    return rediscovery;
  };

  /** One GET (with its retries), and on a 404 one more after re-discovery if the API base moved. [seen] */
  const fetchPage = async (relative: string, label: string) => {
    const base = discovery.apiBase;
    try {
      return await getJson(new URL(relative, base), headers, http, { label });
    } catch (error) {
      if (!(error instanceof ConnectWiseError) || error.code !== 'not-found') throw error;
      const moved = await refresh();
      if (!moved && discovery.apiBase === base) throw error;
      return getJson(new URL(relative, discovery.apiBase), headers, http, { label });
    }
  };

  return {
    get discovery() {
      return discovery;
    },
    async get(path, query = {}) {
      return (await fetchPage(`${path}${buildQuery(query)}`, path)).body;
    },
    async getAll(path, query = {}, options = {}) {
      const maxItems = options.maxItems ?? 10_000;
      const pageSize = Math.min(options.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
      const items: unknown[] = [];
      let relative = `${path}${buildQuery({ ...query, page: 1, pageSize })}`;
      const seen = new Set<string>();
      for (let pages = 0; pages < Math.ceil(maxItems / pageSize) + 1; pages++) {
        seen.add(relative);
        const answer = await fetchPage(relative, path);
        if (!Array.isArray(answer.body))
          throw notConnectWise(
            new URL(discovery.apiBase).host,
            `answered ${path} with something other than a list`,
          );
        items.push(...answer.body);
        if (items.length >= maxItems) return items.slice(0, maxItems);
        const next = nextRelative(nextLink(answer.headers.link), discovery.apiBase, relative);
        if (next === null || seen.has(next)) return items;
        relative = next;
      }
      return items;
    },
  };
}

/**
 * The next page, relative to the API base. Credentials only ever go to the host the user entered: a next link
 * pointing elsewhere (another host, outside the API) is reduced to its `page` number on our own URL.
 */
function nextRelative(link: string | null, apiBase: string, current: string): string | null {
  if (link === null) return null;
  let url: URL;
  try {
    url = new URL(link, apiBase);
  } catch {
    return null;
  }
  const base = new URL(apiBase);
  if (url.origin === base.origin && url.pathname.startsWith(base.pathname))
    return `${url.pathname.slice(base.pathname.length)}${url.search}`;
  const page = url.searchParams.get('page');
  if (page === null || !/^\d{1,6}$/.test(page)) return null;
  // String surgery, not URLSearchParams: re-serialising would turn our %20s into `+`.
  return /([?&])page=\d+/.test(current) ? current.replace(/([?&])page=\d+/, `$1page=${page}`) : null;
}
