/**
 * Secrets canary: known public key, private key and Client ID values go through validation against failing
 * (and one passing) scenario, and must appear nowhere: not in the report, not in the CLI's output (either
 * form), not in any thrown error, not in a log line (the logger here does NOT redact, so nothing is hidden).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main.js';
import { AppFailure } from '../../../common/errors.js';
import { openSession } from '../../../main/connectwise/session.js';
import type { Logger } from '../../../main/log.js';
import { runValidation } from '../../../main/validation/run.js';
import {
  auth,
  errors,
  healthy,
  inputFor,
  permissions,
  variant,
} from '../../support/cw-simulator/scenarios/index.js';
import type { Scenario } from '../../support/cw-simulator/types.js';
import { closedPort, FAST_RETRY, simulate } from './helpers.js';

const CANARY = {
  clientId: 'c0ffee00-cafe-4bad-beef-5ec7e7000001',
  publicKey: 'CanaryPub7Kq2Zx9',
  privateKey: 'CanaryPriv4Wm8Ty',
};
const FORMS = (companyId: string) => [
  ...Object.values(CANARY),
  // The Authorization header, whole or in part, would leak them too.
  Buffer.from(`${companyId}+${CANARY.publicKey}:${CANARY.privateKey}`).toString('base64'),
  Buffer.from(`${CANARY.publicKey}:${CANARY.privateKey}`).toString('base64'),
  CANARY.clientId.toUpperCase(),
];

/** The canary credentials as the PSA's own (so they are sent on every call), or as wrong ones. */
const accepting = (scenario: Scenario): Scenario => ({
  ...scenario,
  credentials: { publicKey: CANARY.publicKey, privateKey: CANARY.privateKey, clientIds: [CANARY.clientId] },
});

const CASES: [string, Scenario, Record<string, string>][] = [
  ['unknown Client ID (the server quotes it back)', healthy, {}],
  [
    'wrong keys',
    accepting({ ...healthy, credentials: { ...healthy.credentials, clientIds: [CANARY.clientId] } }),
    {},
  ],
  ['keys swapped', accepting(healthy), { publicKey: CANARY.privateKey, privateKey: CANARY.publicKey }],
  ['wrong keys as 404', accepting(auth.authAsNotFound), { privateKey: 'SomethingElse123' }],
  ['missing rights', accepting(permissions.missingTicketEdit), {}],
  ['extra rights', accepting(permissions.overPrivileged), {}],
  ['missing board and statuses', accepting(healthy), { board: 'Suport', statuses: 'Nwe' }],
  ['throttled', accepting(errors.throttledLong), {}],
  [
    'server errors',
    accepting(variant({ name: 'x', description: '', faults: [{ path: '/', kind: 'status', status: 502 }] })),
    {},
  ],
  ['an HTML site', accepting(errors.htmlSite), {}],
  ['an unknown company', accepting(healthy), { companyId: 'nosuch' }],
  ['all good', accepting(healthy), {}],
];

const dir = mkdtempSync(path.join(os.tmpdir(), 'bitagent-canary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function rawLogger(lines: string[]): Logger {
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    lines.push(`${level} ${message} ${fields ? JSON.stringify(fields) : ''}`);
  return { info: write('info'), warn: write('warn'), error: write('error'), addSecret: () => {} };
}

function expectClean(text: string, companyId: string) {
  for (const secret of FORMS(companyId)) expect(text).not.toContain(secret);
}

describe('no secret anywhere', () => {
  it.each(CASES)('%s', async (_, scenario, patch) => {
    const sim = await simulate(scenario);
    const input = {
      ...inputFor(scenario, sim.url, { ...CANARY }),
      ...patch,
      ...(patch.statuses ? { statuses: [patch.statuses] } : {}),
    };
    const lines: string[] = [];
    const report = await runValidation(input, { retry: FAST_RETRY, log: rawLogger(lines) });
    expect(sim.requests.length).toBeGreaterThan(0);
    expectClean(JSON.stringify(report), input.companyId);
    expectClean(lines.join('\n'), input.companyId);

    const file = path.join(dir, `${scenario.name}-${Math.random()}.json`);
    writeFileSync(file, JSON.stringify(input));
    for (const args of [['--json'], []]) {
      const out: string[] = [];
      const code = await runCli(['validate', '--input', file, ...args], {
        out: (t) => out.push(t),
        err: (t) => out.push(t),
        interrupted: () => new Promise(() => {}),
        env: { FORCE_COLOR: '1' },
        stdin: Readable.from([]),
      });
      expect([0, 1]).toContain(code);
      expectClean(out.join('\n'), input.companyId);
    }
  });

  it('errors thrown by the client carry no secret, whatever fails', async () => {
    const creds = { companyId: 'demo_msp', ...CANARY };
    const sims = await Promise.all([simulate(healthy), simulate(accepting(permissions.memberUnreadable))]);
    const port = await closedPort();
    const attempts: (() => Promise<unknown>)[] = [
      ...sims.flatMap((sim) =>
        ['system/info', 'system/myMembers', 'no/such/path'].map((p) => async () => {
          const s = openSession({ retry: FAST_RETRY });
          try {
            return await s.api(await s.discover(sim.url, 'demo_msp'), creds).get(p);
          } finally {
            await s.close();
          }
        }),
      ),
      async () => openSession().discover(`http://127.0.0.1:${port}`, 'demo_msp'),
      async () => openSession().discover(`https://${CANARY.publicKey}.invalid`, 'demo_msp'),
    ];
    let failures = 0;
    for (const attempt of attempts) {
      try {
        await attempt();
      } catch (error) {
        failures++;
        expect(error).toBeInstanceOf(AppFailure);
        const appError = (error as AppFailure).toAppError();
        for (const secret of FORMS('demo_msp').filter((s) => s !== CANARY.publicKey))
          expect(JSON.stringify({ appError, stack: (error as Error).stack })).not.toContain(secret);
      }
    }
    expect(failures).toBeGreaterThanOrEqual(6);
  });
});
