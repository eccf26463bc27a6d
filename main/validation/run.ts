/**
 * `runValidation`: every check against the live PSA, as one report. Checks start together and each waits
 * only for the answers (and the checks) it depends on; a check whose dependency did not pass is "skipped".
 * Reads only: nothing is ever created, changed or deleted in the PSA.
 */
import { AppFailure } from '../../common/errors.js';
import type {
  CheckId,
  CheckResult,
  Connection,
  IdName,
  ValidationInput,
  ValidationReport,
} from '../../common/schemas/validation.js';
import { CHECK_IDS } from '../../common/schemas/validation.js';
import type { RetryPolicy } from '../connectwise/retry.js';
import { openSession, readCaFile } from '../connectwise/session.js';
import type { Logger } from '../log.js';
import { checkBoard } from './checks/board.js';
import { authOutcome, checkClientId, checkCompany, checkKeys, checkSite } from './checks/connection.js';
import { checkInput, prepareInput } from './checks/input.js';
import { checkMember } from './checks/member.js';
import { checkLeastPrivilege, checkPermissions } from './checks/permissions.js';
import { checkStatuses } from './checks/statuses.js';
import { startRequests } from './requests.js';
import { skipped } from './result.js';
import type { Settled } from './settled.js';

export interface ValidationProgressEvent {
  checkId: CheckId;
  state: 'running' | 'done';
  result?: CheckResult;
}

export interface ValidationOptions {
  timeoutMs?: number;
  caFile?: string;
  onProgress?: (p: ValidationProgressEvent) => void;
  signal?: AbortSignal;
  /** Events only (check ids and statuses); every secret of the input is registered with it first. */
  log?: Logger;
  /** Tests shorten the backoff; the defaults are connectwise/retry.ts's. */
  retry?: Partial<RetryPolicy>;
  /** The environment proxies are read from (process.env by default). */
  env?: Record<string, string | undefined>;
  /** The role the wizard told the user to create, for the fixes' wording. */
  roleName?: string;
}

const NOT_TRIED = (why: string): Settled<never> => ({
  ok: false,
  error: new AppFailure('not-available', why),
});

export async function runValidation(
  input: ValidationInput,
  options: ValidationOptions = {},
): Promise<ValidationReport> {
  const started = performance.now();
  const checkedAt = new Date().toISOString();
  const prepared = prepareInput(input);
  for (const secret of [prepared.clientId, prepared.publicKey, prepared.privateKey])
    options.log?.addSecret(secret);
  const ca = options.caFile === undefined ? undefined : await readCaFile(options.caFile);

  const session = openSession({
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(ca !== undefined ? { ca } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  const track = async (id: CheckId, run: () => Promise<CheckResult> | CheckResult): Promise<CheckResult> => {
    options.onProgress?.({ checkId: id, state: 'running' });
    const outcome = await run();
    options.log?.info(`validation: ${id} ${outcome.status}`);
    options.onProgress?.({ checkId: id, state: 'done', result: outcome });
    return outcome;
  };

  try {
    const { result: inputResult, gate } = checkInput(prepared);
    const req = startRequests(prepared, gate, session);
    const roleName = options.roleName ?? roleNameOf(input);

    // Every authenticated answer is evidence about the Client ID and the keys; /system/info comes first.
    const authenticated = Promise.all([
      req.info,
      req.member,
      req.security,
      req.securityRoles,
      req.companies,
      req.tickets,
      req.board,
    ]).then((all) => {
      const present = (all as (Settled<unknown> | null)[]).filter((r): r is Settled<unknown> => r !== null);
      return present.length > 0 ? authOutcome(present) : null;
    });

    const inputCheck = track('input', () => inputResult);
    const site = track('site', async () => {
      await authenticated;
      const d = await req.latestDiscovery();
      if (!d) return skipped('site', await inputCheck);
      return checkSite(d, await authenticated);
    });
    const company = track('company', async () => {
      const d = await req.latestDiscovery();
      if (!d) return skipped('company', await inputCheck);
      return checkCompany(prepared.companyId, d, await site);
    });
    const clientId = track('client-id', async () => {
      const [s, c] = await Promise.all([site, company]);
      if (!gate.credentials) return skipped('client-id', await inputCheck);
      if (s.status === 'fail') return skipped('client-id', s);
      if (c.status === 'fail') return skipped('client-id', c);
      const outcome = await authenticated;
      return outcome ? checkClientId(outcome) : skipped('client-id', await inputCheck);
    });
    const keys = track('keys', async () => {
      const [s, c, id] = await Promise.all([site, company, clientId]);
      if (!gate.credentials) return skipped('keys', await inputCheck);
      if (s.status === 'fail') return skipped('keys', s);
      if (c.status === 'fail') return skipped('keys', c);
      const outcome = await authenticated;
      if (!outcome) return skipped('keys', await inputCheck);
      const diagnosis = outcome.kind === 'unauthorized' ? await req.diagnoseKeys() : null;
      return checkKeys(outcome, id, diagnosis);
    });
    /** Checks that need working keys: skipped, pointing at the keys, when they did not pass. */
    const afterKeys = async (id: CheckId, run: () => Promise<CheckResult>): Promise<CheckResult> => {
      const k = await keys;
      return k.status === 'pass' ? run() : skipped(id, k);
    };
    const evidence = async () => ({
      security: (await req.security) ?? NOT_TRIED('not read'),
      securityRoles: (await req.securityRoles) ?? NOT_TRIED('not read'),
      probes: {
        companies: (await req.companies) ?? NOT_TRIED('not read'),
        tickets: (await req.tickets) ?? NOT_TRIED('not read'),
      },
      roleName,
    });
    const member = track('member', () =>
      afterKeys('member', async () => checkMember((await req.member) ?? NOT_TRIED('not read'))),
    );
    const permissions = track('permissions', () =>
      afterKeys('permissions', async () => checkPermissions(await evidence())),
    );
    const leastPrivilege = track('least-privilege', () =>
      afterKeys('least-privilege', async () => checkLeastPrivilege(await evidence())),
    );
    const board = track('board', async () => {
      if (!gate.board) return skipped('board', await inputCheck);
      return afterKeys('board', async () =>
        checkBoard(prepared.board, (await req.board) ?? NOT_TRIED('not read')),
      );
    });
    let foundStatuses: IdName[] = [];
    const statuses = track('statuses', async () => {
      const b = await board;
      if (!gate.statuses) return skipped('statuses', await inputCheck);
      const lookup = await req.board;
      const found = lookup?.ok ? lookup.value.found : null;
      // An inactive board still has its statuses: checking them now saves a second round of fixes.
      if (!found) return skipped('statuses', b);
      const outcome = checkStatuses(
        found.name,
        prepared.statuses,
        (await req.statuses) ?? NOT_TRIED('not read'),
      );
      foundStatuses = outcome.found;
      return outcome.result;
    });

    const byId: Record<CheckId, Promise<CheckResult>> = {
      input: inputCheck,
      site,
      company,
      'client-id': clientId,
      keys,
      member,
      permissions,
      'least-privilege': leastPrivilege,
      board,
      statuses,
    };
    const checks = await Promise.all(CHECK_IDS.map((id) => byId[id]));
    if (options.signal?.aborted) throw new AppFailure('cancelled', 'The validation was cancelled.');

    const report: ValidationReport = {
      ok: !checks.some((c) => c.status === 'fail'),
      checks,
      statuses: foundStatuses,
      durationMs: Math.round(performance.now() - started),
      checkedAt,
    };
    const connection = await connectionOf(req);
    if (connection) report.connection = connection;
    const lookup = await req.board;
    if (lookup?.ok && lookup.value.found)
      report.board = { id: lookup.value.found.id, name: lookup.value.found.name };
    return report;
  } finally {
    await session.close();
  }
}

async function connectionOf(req: ReturnType<typeof startRequests>): Promise<Connection | undefined> {
  const d = await req.latestDiscovery();
  if (!d?.ok) return undefined;
  const info = await req.info;
  const version = (info?.ok ? info.value.version : undefined) ?? d.value.version;
  return {
    apiBase: d.value.apiBase,
    codebase: d.value.codebase,
    version: version || 'unknown',
    isCloud: d.value.isCloud,
  };
}

/** The role's name when the input carries one (the app's draft does), for the fixes' wording. */
function roleNameOf(input: ValidationInput): string {
  const value = (input as Record<string, unknown>).roleName;
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 100) : 'BitAgent API';
}
