/**
 * Scenario data for the ConnectWise simulator: a scenario is a plain object describing one PSA (its company,
 * keys, member, rights, boards) and the faults it injects. Plain TypeScript with no test-only imports: the
 * CLI bundle (`serve --demo`) includes it.
 */
export type SimLevel = 'All' | 'My' | 'None';

export interface SimRight {
  moduleDescription: string;
  moduleFunctionDescription: string;
  addLevel: SimLevel;
  editLevel: SimLevel;
  deleteLevel: SimLevel;
  inquireLevel: SimLevel;
}

export interface SimStatus {
  id: number;
  name: string;
  inactive?: boolean;
  closedStatus?: boolean;
  defaultFlag?: boolean;
  sortOrder?: number;
}

export interface SimBoard {
  id: number;
  name: string;
  inactiveFlag?: boolean;
  statuses: SimStatus[];
}

export interface SimMember {
  id: number;
  identifier: string;
  /** `A` API member, `F` full member. */
  licenseClass: string;
  inactiveFlag: boolean;
  securityRole: { id: number; name: string };
}

export interface SimFault {
  /** Substring of the path after the API base (`system/info`), or `companyinfo` for the login call. */
  path: string;
  kind: 'status' | 'reset' | 'hang' | 'html';
  status?: number;
  /** The Retry-After header to send with a 429. */
  retryAfter?: string;
  body?: unknown;
  /** How many matching requests it hits (then the route answers normally); all of them when absent. */
  times?: number;
}

export interface Scenario {
  name: string;
  description: string;
  /** `split`: a login host and a separate API host (cloud-like); `single`: one host for both (on-premise-like). */
  topology: 'single' | 'split';
  /** What companyinfo's SiteUrl says: the API host (`api`, the default), or nothing (`none`). */
  siteUrl?: 'api' | 'none';
  company: {
    companyId: string;
    companyName: string;
    codebase: string;
    versionCode: string;
    versionNumber: string;
    isCloud: boolean;
  };
  /** How companyinfo says "no such company": 200 with `null` [seen] or a 404. */
  unknownCompany?: 'null' | '404';
  /** The codebase the first companyinfo answer reports, as if an upgrade moved it just after. */
  staleCodebaseOnce?: string;
  credentials: { publicKey: string; privateKey: string; clientIds: string[] };
  /** How wrong keys are refused: the two 401 bodies seen, or a 404 as on some cloud hosts. */
  authFailure?: 'unauthorized' | 'user-not-authenticated' | 'not-found';
  member: SimMember | 'forbidden' | 'not-found' | 'unrecognised';
  security: SimRight[] | 'forbidden' | 'not-found';
  /** Overrides the read probes; by default they follow the Inquire levels of `security`. */
  reads?: { companies?: boolean; tickets?: boolean };
  /** Reading security roles needs System rights; refused for a proper BitAgent role [seen]. */
  securityRoles: 'forbidden' | { id: number; name: string }[];
  boardsForbidden?: boolean;
  boards: SimBoard[];
  system: { version: string; isCloud: boolean; cloudRegion?: string; serverTimeZone?: string };
  /** ConnectWise's hard maximum is 1000. */
  maxPageSize?: number;
  /** A host to put in Link headers instead of our own (a proxy-rewritten or misconfigured server). */
  linkHost?: string;
  faults?: SimFault[];
  /** Every path answers with an HTML page, like a web site that is not ConnectWise at all. */
  html?: boolean;
}

export interface RecordedRequest {
  method: string;
  /** Which server answered: the login host or the API host (the same server in `single`). */
  server: 'login' | 'api';
  /** The path, as sent (still percent-encoded). */
  path: string;
  /** The path after `/{codebase}apis/3.0/`, or null for other paths. */
  apiPath: string | null;
  /** The raw query string without `?`, as sent. */
  rawQuery: string;
  /** Decoded query parameters (percent-decoding only: a `+` stays a `+`). */
  query: Record<string, string>;
  headers: { authorization?: string; clientid?: string; accept?: string; userAgent?: string };
  status?: number;
  startedAt: number;
  endedAt?: number;
}
