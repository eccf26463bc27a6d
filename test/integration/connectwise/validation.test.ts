/**
 * runValidation against the simulator over real HTTP: every check's pass path and its fail (or warn,
 * unverified, skipped) paths, progress events, concurrency, and that nothing but GETs reached the PSA.
 */
import { describe, expect, it } from 'vitest';
import type { CheckId, CheckResult, ValidationReport } from '../../../common/schemas/validation.js';
import { ValidationReportSchema } from '../../../common/schemas/validation.js';
import { runValidation, type ValidationOptions } from '../../../main/validation/run.js';
import { sequentialRounds } from '../../support/cw-simulator/rounds.js';
import {
  auth,
  boards,
  cloud,
  errors,
  healthy,
  inputFor,
  onprem,
  permissions,
  type SimInput,
} from '../../support/cw-simulator/scenarios/index.js';
import type { Scenario } from '../../support/cw-simulator/types.js';
import { closedPort, FAST_RETRY, simulate } from './helpers.js';

async function validate(
  scenario: Scenario,
  overrides: Partial<SimInput> = {},
  options: ValidationOptions = {},
) {
  const sim = await simulate(scenario);
  const report = await runValidation(inputFor(scenario, sim.url, overrides), {
    retry: FAST_RETRY,
    ...options,
  });
  expect(ValidationReportSchema.parse(report)).toEqual(report);
  return { sim, report, check: (id: CheckId) => checkOf(report, id) };
}

function checkOf(report: ValidationReport, id: CheckId): CheckResult {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

function statuses(report: ValidationReport): Record<string, string> {
  return Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
}

const ALL_PASS = {
  input: 'pass',
  site: 'pass',
  company: 'pass',
  'client-id': 'pass',
  keys: 'pass',
  member: 'pass',
  permissions: 'pass',
  'least-privilege': 'pass',
  board: 'pass',
  statuses: 'pass',
};

describe('a healthy PSA', () => {
  it('passes every check, in at most 10 requests and 3 sequential rounds, GETs only', async () => {
    const sim = await simulate(healthy, { latencyMs: 40 });
    const report = await runValidation(inputFor(healthy, sim.url));
    expect(statuses(report)).toEqual(ALL_PASS);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.id)).toEqual(Object.keys(ALL_PASS));
    expect(report.board).toEqual({ id: 1, name: 'Support' });
    expect(report.statuses.map((s) => s.id)).toEqual([1, 2, 3, 4, 5]);
    expect(report.connection).toEqual({
      apiBase: `${sim.url}/v2025_1/apis/3.0/`,
      codebase: 'v2025_1/',
      version: 'v2025.1.112233',
      isCloud: false,
    });
    expect(new Date(report.checkedAt).toISOString()).toBe(report.checkedAt);
    expect(sim.requests.length).toBeLessThanOrEqual(10);
    const apiCalls = sim.requests.filter((r) => r.apiPath !== null);
    expect(apiCalls.length).toBeGreaterThan(0);
    for (const call of apiCalls) {
      expect(call.headers.clientid).toBe(healthy.credentials.clientIds[0]);
      expect(call.headers.authorization).toMatch(/^Basic /);
      expect(call.headers.accept).toContain('version=');
    }
    expect(sequentialRounds(sim.requests)).toBeLessThanOrEqual(3);
    expect(report.checks.every((c) => c.fix === undefined && c.step === undefined)).toBe(true);
  });

  it('cloud split host: companyinfo on the login host, everything else on the API host', async () => {
    const { sim, report } = await validate(cloud.cloudSplit);
    expect(statuses(report)).toEqual(ALL_PASS);
    expect(report.connection).toMatchObject({ apiBase: `${sim.apiUrl}/v2025_1/apis/3.0/`, isCloud: true });
    expect(sim.requests.filter((r) => r.server === 'login').map((r) => r.path)).toEqual([
      '/login/companyinfo/demo_msp',
    ]);
  });

  it('on-premise v4_6_release/', async () => {
    const { report } = await validate(onprem.onPremise);
    expect(statuses(report)).toEqual(ALL_PASS);
    expect(report.connection?.codebase).toBe('v4_6_release/');
  });

  it('recovers from a 429 and a dropped connection on the way', async () => {
    expect(statuses((await validate(errors.throttledOnce)).report)).toEqual(ALL_PASS);
    expect(statuses((await validate(errors.resetOnce)).report)).toEqual(ALL_PASS);
  });

  it('reads the board’s statuses across pages', async () => {
    const { report, sim } = await validate(boards.manyStatuses);
    expect(statuses(report)).toEqual(ALL_PASS);
    expect(sim.requests.filter((r) => r.apiPath === 'service/boards/1/statuses')).toHaveLength(2);
  });

  it('reports progress: running then done once per check, done carrying the reported result', async () => {
    const events: Parameters<NonNullable<ValidationOptions['onProgress']>>[0][] = [];
    const { report } = await validate(healthy, {}, { onProgress: (e) => events.push(e) });
    for (const check of report.checks) {
      const mine = events.filter((e) => e.checkId === check.id);
      expect(mine.map((e) => e.state)).toEqual(['running', 'done']);
      expect(mine[1]?.result).toEqual(check);
    }
  });
});

describe('input', () => {
  it('a Client ID that is not a GUID: input fails, the keys are not tried, the site still is', async () => {
    const { report, sim } = await validate(healthy, { clientId: 'nope' });
    expect(statuses(report)).toMatchObject({
      input: 'fail',
      site: 'pass',
      company: 'pass',
      'client-id': 'skipped',
      keys: 'skipped',
      member: 'skipped',
      board: 'skipped',
    });
    expect(checkOf(report, 'client-id').step).toBe('client-id');
    expect(sim.requests.map((r) => r.path)).toEqual(['/login/companyinfo/demo_msp']);
    expect(report.ok).toBe(false);
  });

  it('keys of an odd form only warn', async () => {
    const scenario = { ...healthy, credentials: { ...healthy.credentials, publicKey: 'short1' } };
    const { report } = await validate(scenario);
    expect(statuses(report)).toEqual({ ...ALL_PASS, input: 'warn' });
    expect(report.ok).toBe(true);
  });

  it('no statuses: only the statuses check is skipped', async () => {
    const { report } = await validate(healthy, { statuses: [] });
    expect(statuses(report)).toEqual({ ...ALL_PASS, input: 'fail', statuses: 'skipped' });
  });
});

describe('site', () => {
  it('dns: site fails, everything after it is skipped, pointing at the site step', async () => {
    const { report } = await validate(healthy, { site: 'https://psa.mymsp.invalid' });
    expect(checkOf(report, 'site')).toMatchObject({ status: 'fail', step: 'site' });
    expect(checkOf(report, 'site').detail).toMatch(/could not be found/);
    for (const id of [
      'company',
      'client-id',
      'keys',
      'member',
      'permissions',
      'least-privilege',
      'board',
      'statuses',
    ] as const)
      expect(checkOf(report, id).status).toBe('skipped');
    expect(report.connection).toBeUndefined();
  });

  it('refused', async () => {
    const port = await closedPort();
    const { report } = await validate(healthy, { site: `http://127.0.0.1:${port}` });
    expect(checkOf(report, 'site').detail).toMatch(/refused/);
  });

  it('plain http to a real host is refused before any request', async () => {
    const { report, sim } = await validate(healthy, { site: 'http://na.myconnectwise.net' });
    expect(checkOf(report, 'site')).toMatchObject({ status: 'fail' });
    expect(checkOf(report, 'site').detail).toMatch(/https/);
    expect(sim.requests).toHaveLength(0);
  });

  it('a web site that is not ConnectWise', async () => {
    const { report } = await validate(errors.htmlSite);
    expect(checkOf(report, 'site').status).toBe('fail');
    expect(checkOf(report, 'site').fix).toMatch(/ConnectWise login page/);
  });

  it('companyinfo keeps failing with 500: site fails as a server error', async () => {
    const { report } = await validate(errors.serverErrorAlways);
    expect(checkOf(report, 'site').detail).toMatch(/HTTP 500/);
  });

  it('the login host answers but the API host times out: site fails, keys are skipped', async () => {
    const { report } = await validate(errors.silentApi, {}, { timeoutMs: 400 });
    expect(checkOf(report, 'site')).toMatchObject({ status: 'fail' });
    expect(checkOf(report, 'site').detail).toMatch(/API .* did not.*0\.4 s/);
    expect(checkOf(report, 'keys').status).toBe('skipped');
  });
});

describe('company, client ID and keys', () => {
  it('unknown company: company fails; client ID and keys are skipped', async () => {
    const { report } = await validate(healthy, { companyId: 'nosuchmsp' });
    expect(statuses(report)).toMatchObject({
      site: 'pass',
      company: 'fail',
      'client-id': 'skipped',
      keys: 'skipped',
    });
    expect(checkOf(report, 'company').fix).toMatch(/login form/);
  });

  it('a Company ID in the wrong case: company warns; the keys fail and say which spelling works', async () => {
    const { report } = await validate(auth.mixedCaseCompany, { companyId: 'demomsp' });
    expect(checkOf(report, 'company')).toMatchObject({ status: 'warn' });
    expect(checkOf(report, 'keys')).toMatchObject({ status: 'fail', step: 'site' });
    expect(checkOf(report, 'keys').fix).toContain('“DemoMSP”');
  });

  it('an unknown Client ID fails client-id; the keys are skipped', async () => {
    const { report } = await validate(healthy, { clientId: '0badc11e-0000-4000-8000-00000000beef' });
    expect(checkOf(report, 'client-id')).toMatchObject({ status: 'fail', step: 'client-id' });
    expect(checkOf(report, 'keys').status).toBe('skipped');
    expect(checkOf(report, 'member').status).toBe('skipped');
  });

  it('a wrong private key: keys fail, the Client ID is unverified, later checks skipped', async () => {
    const { report } = await validate(healthy, { privateKey: 'WrongPrivateKey1' });
    expect(statuses(report)).toMatchObject({
      'client-id': 'unverified',
      keys: 'fail',
      member: 'skipped',
      permissions: 'skipped',
      'least-privilege': 'skipped',
      board: 'skipped',
      statuses: 'skipped',
    });
    expect(checkOf(report, 'keys').step).toBe('member');
    expect(checkOf(report, 'member').step).toBe('member');
  });

  it('swapped keys are recognised', async () => {
    const { report } = await validate(healthy, {
      publicKey: healthy.credentials.privateKey,
      privateKey: healthy.credentials.publicKey,
    });
    expect(checkOf(report, 'keys')).toMatchObject({
      status: 'fail',
      fix: 'Swap the public and private keys.',
    });
  });

  it('wrong keys refused with the other 401 body, or with a 404', async () => {
    for (const scenario of [auth.userNotAuthenticated, auth.authAsNotFound]) {
      const { report } = await validate(scenario, { publicKey: 'WrongPublicKey01' });
      expect(checkOf(report, 'keys').status).toBe('fail');
    }
  });

  it('every authenticated call throttled for minutes: keys unverified, never passed or failed', async () => {
    const { report } = await validate(errors.throttledLong);
    expect(checkOf(report, 'keys').status).toBe('unverified');
    expect(checkOf(report, 'keys').fix).toMatch(/Wait 120 seconds/);
    expect(checkOf(report, 'client-id').status).toBe('unverified');
  });
});

describe('member', () => {
  it('an inactive full member warns, naming both', async () => {
    const { report } = await validate(permissions.fullMemberInactive);
    const member = checkOf(report, 'member');
    expect(member.status).toBe('warn');
    expect(member.detail).toMatch(/inactive/);
    expect(member.detail).toMatch(/not an API member \(licence class F\)/);
  });

  it('a member record that cannot be read, or is not understood, is unverified', async () => {
    expect(checkOf((await validate(permissions.memberUnreadable)).report, 'member').status).toBe(
      'unverified',
    );
    expect(checkOf((await validate(permissions.memberUnrecognised)).report, 'member').status).toBe(
      'unverified',
    );
  });
});

describe('permissions and least privilege', () => {
  it('Service Tickets Edit None fails, naming module, function and level', async () => {
    const { report } = await validate(permissions.missingTicketEdit);
    expect(checkOf(report, 'permissions')).toMatchObject({ status: 'fail', step: 'role' });
    expect(checkOf(report, 'permissions').detail).toContain(
      'Service Desk › Service Tickets › Edit is None; BitAgent needs All',
    );
    expect(report.ok).toBe(false);
  });

  it('reading companies refused (Inquire None) fails', async () => {
    const { report } = await validate(permissions.noCompanyRead);
    expect(checkOf(report, 'permissions').detail).toContain('Companies › Company Maintenance › Inquire');
  });

  it('Inquire My fails even though reads succeed', async () => {
    const { report } = await validate(permissions.companiesInquireMy);
    expect(checkOf(report, 'permissions').status).toBe('fail');
  });

  it('rights that cannot be read: Add and Edit unverified, least privilege unverified', async () => {
    const { report } = await validate(permissions.securityUnreadable);
    expect(statuses(report)).toMatchObject({ permissions: 'unverified', 'least-privilege': 'unverified' });
    expect(checkOf(report, 'permissions').detail).toMatch(/Service Tickets › Add/);
    expect(report.ok).toBe(true);
  });

  it('extra rights warn, each one named', async () => {
    const { report } = await validate(permissions.overPrivileged);
    const lp = checkOf(report, 'least-privilege');
    expect(lp.status).toBe('warn');
    expect(lp.detail).toContain('Service Desk › Service Tickets › Delete: All');
    expect(lp.detail).toContain('System › Member Maintenance › Inquire: All');
    expect(lp.detail).toContain('System › Security Roles');
    expect(checkOf(report, 'permissions').status).toBe('pass');
  });
});

describe('board and statuses', () => {
  it('a board name in the wrong case fails and suggests the right one; statuses are skipped', async () => {
    const { report } = await validate(healthy, { board: 'support' });
    const board = checkOf(report, 'board');
    expect(board).toMatchObject({ status: 'fail', step: 'board' });
    expect(board.fix).toContain('Did you mean “Support”?');
    expect(checkOf(report, 'statuses').status).toBe('skipped');
    expect(report.board).toBeUndefined();
  });

  it('a missing board among 2100 suggests close names (reading all three pages)', async () => {
    const { report, sim } = await validate(boards.manyBoards, { board: 'Customer Board 0O42' });
    expect(checkOf(report, 'board').detail).toContain('“Customer Board 0042”');
    expect(sim.requests.filter((r) => r.apiPath === 'service/boards')).toHaveLength(4);
  });

  it('a board whose name holds double quotes is found by name', async () => {
    const { report } = await validate(healthy, { board: 'Help "Desk"', statuses: ['New', 'Assigned'] });
    expect(statuses(report)).toEqual(ALL_PASS);
    expect(report.board).toEqual({ id: 2, name: 'Help "Desk"' });
    expect(report.statuses).toEqual([
      { id: 21, name: 'New' },
      { id: 22, name: 'Assigned' },
    ]);
  });

  it('a server that refuses the board condition (400): the full list is read instead', async () => {
    const { report, sim } = await validate(boards.conditionsRejected);
    expect(statuses(report)).toEqual(ALL_PASS);
    expect(sim.requests.filter((r) => r.apiPath === 'service/boards').map((r) => r.status)).toEqual([
      400, 200,
    ]);
  });

  it('an inactive board fails; its statuses are still checked', async () => {
    const { report } = await validate(boards.inactiveBoard);
    expect(checkOf(report, 'board')).toMatchObject({ status: 'fail' });
    expect(checkOf(report, 'board').detail).toMatch(/inactive/);
    expect(checkOf(report, 'statuses').status).toBe('pass');
  });

  it('boards that may not be listed: unverified, not failed', async () => {
    const { report } = await validate(boards.boardsForbidden);
    expect(statuses(report)).toMatchObject({ keys: 'pass', board: 'unverified', statuses: 'skipped' });
  });

  it('a missing status fails, naming it and suggesting close names; a status of another board is missing too', async () => {
    const { report } = await validate(healthy, { statuses: ['New', 'New (Email Conector)', 'Assigned'] });
    const check = checkOf(report, 'statuses');
    expect(check.status).toBe('fail');
    expect(check.detail).toContain('“New (Email Conector)” (closest: “New (Email Connector)”');
    expect(check.detail).toContain('“Assigned”');
    expect(check.fix).toContain('did you mean “New (Email Connector)”?');
    expect(report.statuses).toEqual([{ id: 1, name: 'New' }]);
  });

  it('a closed status warns; an inactive one fails', async () => {
    expect(
      checkOf((await validate(healthy, { statuses: ['New', '>Closed'] })).report, 'statuses').status,
    ).toBe('warn');
    const inactive = checkOf(
      (await validate(healthy, { statuses: ['New (Old Portal)'] })).report,
      'statuses',
    );
    expect(inactive.status).toBe('fail');
    expect(inactive.detail).toMatch(/Inactive: “New \(Old Portal\)”/);
  });
});

describe('cancellation', () => {
  it('rejects with cancelled and leaves no request hanging', async () => {
    const sim = await simulate(errors.silentApi);
    const controller = new AbortController();
    const run = runValidation(inputFor(healthy, sim.url), { signal: controller.signal, timeoutMs: 10_000 });
    setTimeout(() => controller.abort(), 150);
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
  });
});
