/** The ConnectWise client: what other parts of the app may use. */
export { ACCEPT_HEADER, type ConnectWiseApi, type Credentials, MAX_PAGE_SIZE } from './api.js';
export { buildQuery, equalsCondition, quoteConditionString } from './conditions.js';
export { type Discovery, discover } from './discovery.js';
export { ConnectWiseError, type TlsProblem } from './errors.js';
export {
  type BoardInfo,
  findBoardsByName,
  listBoards,
  listStatuses,
  type StatusInfo,
} from './resources.js';
export { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
export { DEFAULT_TIMEOUT_MS, openSession, readCaFile, type Session, type SessionOptions } from './session.js';
export {
  apiBaseFor,
  apiOriginFor,
  CLOUD_LOGIN_HOSTS,
  isLoopbackHost,
  normaliseSite,
  type Site,
} from './site.js';
