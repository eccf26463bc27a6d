/**
 * The four contract calls that talk to ConnectWise, as handler functions for main/handlers.ts to wire.
 * `readInput` supplies the draft's fields and the vault's secrets (main/vault); it may throw the vault's
 * own AppFailures (locked, secret-missing), which pass through unchanged.
 */
import { AppFailure } from '../../common/errors.js';
import { GUID_PATTERN } from '../../common/schemas/text.js';
import type { ValidationInput } from '../../common/schemas/validation.js';
import { withSystemProxy } from '../connectwise/proxy.js';
import { listBoards, listStatuses } from '../connectwise/resources.js';
import { openSession, readCaFile, type SessionOptions } from '../connectwise/session.js';
import { normaliseSite } from '../connectwise/site.js';
import type { Handlers } from '../dispatch.js';
import type { Logger } from '../log.js';
import { prepareInput } from './checks/input.js';
import { credentialsOf } from './requests.js';
import { runValidation, type ValidationOptions } from './run.js';

export interface ConnectWiseHandlerOptions {
  timeoutMs?: number;
  caFile?: string;
  log?: Logger;
  retry?: ValidationOptions['retry'];
  env?: ValidationOptions['env'];
  /** The OS's proxy rules for a URL (the desktop app: Electron's session.resolveProxy). */
  systemProxy?: (url: string) => Promise<string>;
}

export type ConnectWiseHandlers = Pick<
  Handlers,
  'connectwise.companyInfo' | 'connectwise.listBoards' | 'connectwise.listStatuses' | 'validation.run'
>;

/** The contract caps picker lists at 5000 entries. */
const MAX_LIST = 5000;

export function createConnectWiseHandlers(
  readInput: () => Promise<ValidationInput>,
  options: ConnectWiseHandlerOptions = {},
): ConnectWiseHandlers {
  /** The proxy environment for a site: the user's HTTPS_PROXY, else the system proxy (see proxy.ts). */
  const envFor = async (site: string) => {
    let origin: string | null = null;
    try {
      origin = normaliseSite(site).loginOrigin;
    } catch {
      // A malformed site fails later with its own message; no proxy question to ask for it.
    }
    const env = await withSystemProxy(options.env ?? process.env, origin, options.systemProxy);
    return env === process.env && options.env === undefined ? undefined : env;
  };

  const sessionOptions = async (site: string): Promise<SessionOptions> => {
    const env = await envFor(site);
    return {
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.caFile !== undefined ? { ca: await readCaFile(options.caFile) } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
      ...(env ? { env } : {}),
    };
  };

  /** Discovery and an authenticated API from the stored input, closed after `use`. */
  const withApi = async <T>(use: (api: ReturnType<ReturnType<typeof openSession>['api']>) => Promise<T>) => {
    const p = prepareInput(await readInput());
    for (const secret of [p.clientId, p.publicKey, p.privateKey]) options.log?.addSecret(secret);
    if (p.site === '' || p.companyId === '')
      throw new AppFailure('invalid-input', 'Enter the site and Company ID first.', {
        field: p.site === '' ? 'site' : 'companyId',
      });
    if (!GUID_PATTERN.test(p.clientId))
      throw new AppFailure('invalid-input', 'Enter a valid Client ID first.', { field: 'clientId' });
    if (p.publicKey === '' || p.privateKey === '')
      throw new AppFailure('invalid-input', 'Enter the public and private keys first.', {
        field: 'publicKey',
      });
    const session = openSession(await sessionOptions(p.site));
    try {
      const discovery = await session.discover(p.site, p.companyId);
      return await use(session.api(discovery, credentialsOf(p)));
    } finally {
      await session.close();
    }
  };

  return {
    'connectwise.companyInfo': async ({ site, companyId }) => {
      const session = openSession(await sessionOptions(site));
      try {
        const d = await session.discover(site, companyId);
        return {
          companyName: d.companyName.slice(0, 300),
          companyId: d.companyId.slice(0, 100),
          version: d.version.slice(0, 100),
          codebase: d.codebase,
          isCloud: d.isCloud,
          apiBase: d.apiBase.slice(0, 500),
        };
      } finally {
        await session.close();
      }
    },
    'connectwise.listBoards': () =>
      withApi(async (api) =>
        (await listBoards(api, MAX_LIST))
          // Sorted here too: orderBy is a request, and the picker needs an order whatever the server did.
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((b) => ({ id: b.id, name: b.name.slice(0, 200), inactive: b.inactive })),
      ),
    'connectwise.listStatuses': ({ boardId }) =>
      withApi(async (api) =>
        (await listStatuses(api, boardId, MAX_LIST)).map((s) => ({
          id: s.id,
          name: s.name.slice(0, 200),
          inactive: s.inactive,
          closed: s.closed,
        })),
      ),
    'validation.run': async ({ runId }, ctx) => {
      const input = await readInput();
      const env = await envFor(input.site);
      return runValidation(input, {
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.caFile !== undefined ? { caFile: options.caFile } : {}),
        ...(options.log ? { log: options.log } : {}),
        ...(options.retry ? { retry: options.retry } : {}),
        ...(env ? { env } : {}),
        onProgress: (p) => ctx.emit('validation.progress', { runId, ...p }),
      });
    },
  };
}
