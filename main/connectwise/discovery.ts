/**
 * Finding the API (connectwise-api.md §1): `GET {login}/login/companyinfo/{companyId}`, no authentication.
 * Gives the codebase, version and cloud flag, and `SiteUrl`, the API host.
 */
import { z } from 'zod';
import { ConnectWiseError, notConnectWise } from './errors.js';
import { getJson, type HttpContext } from './http.js';
import { apiBaseFor, apiOriginFor, normaliseCodebase, normaliseSite, type Site } from './site.js';

export interface Discovery {
  site: Site;
  companyName: string;
  /** The company as ConnectWise spells it (it may differ in case from what was typed). */
  companyId: string;
  codebase: string;
  /** `VersionCode` (v2025.1), else `VersionNumber`, else "". */
  version: string;
  isCloud: boolean;
  apiOrigin: string;
  apiBase: string;
}

/** PascalCase, as companyinfo answers [seen]; every field optional so a surprise degrades, never throws. */
const CompanyInfoSchema = z.looseObject({
  CompanyName: z.string().nullish(),
  Codebase: z.unknown(),
  VersionCode: z.string().nullish(),
  VersionNumber: z.string().nullish(),
  CompanyID: z.string().nullish(),
  IsCloud: z.boolean().nullish(),
  SiteUrl: z.string().nullish(),
});

export async function discover(siteInput: string, companyId: string, http: HttpContext): Promise<Discovery> {
  const site = normaliseSite(siteInput);
  const id = companyId.trim();
  if (id === '')
    throw new ConnectWiseError('invalid-input', 'The Company ID is empty.', { field: 'companyId' });
  const url = new URL(`${site.loginOrigin}/login/companyinfo/${encodeURIComponent(id)}`);
  const answer = await getJson(url, { accept: 'application/json' }, http, {
    accept: [404],
    label: 'login/companyinfo',
  });

  if (answer.status === 404) {
    // A 404 is one way ConnectWise says "no such company" [seen]; an HTML 404 is some other web server.
    if (answer.body === undefined) throw notConnectWise(site.host, 'has no ConnectWise login page', 404);
    throw unknownCompany(id, site.host);
  }
  if (answer.body === null) throw unknownCompany(id, site.host);
  const parsed = CompanyInfoSchema.safeParse(answer.body);
  if (!parsed.success || Array.isArray(answer.body))
    throw notConnectWise(site.host, 'answered companyinfo with something unexpected');
  const info = parsed.data;
  const codebase = normaliseCodebase(info.Codebase);
  if (codebase === null) throw notConnectWise(site.host, 'answered companyinfo without a usable codebase');

  const apiOrigin = apiOriginFor(site, info.SiteUrl);
  return {
    site,
    companyName: info.CompanyName ?? id,
    companyId: info.CompanyID ?? id,
    codebase,
    version: info.VersionCode ?? info.VersionNumber ?? '',
    // IsCloud is [seen]; when absent, a known cloud host is the best evidence there is.
    isCloud: info.IsCloud ?? site.isKnownCloud,
    apiOrigin,
    apiBase: apiBaseFor(apiOrigin, codebase),
  };
}

function unknownCompany(companyId: string, host: string): ConnectWiseError {
  return new ConnectWiseError('unknown-company', `${host} does not know the company "${companyId}".`, {
    host,
    field: 'companyId',
  });
}
