/** `bitagent-cw validate`: output forms, exit codes, flags, and one run as a real process. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main.js';
import type { CommandIo } from '../../../cli/usage.js';
import { errors, healthy, inputFor, permissions } from '../../support/cw-simulator/scenarios/index.js';
import { makeTestCerts, type TestCerts } from '../../support/tls-certs.js';
import { simulate } from './helpers.js';

const run = promisify(execFile);
let dir: string;
let certs: TestCerts;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bitagent-validate-'));
  certs = makeTestCerts();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  certs.cleanup();
});

let n = 0;
function inputFile(content: unknown): string {
  const file = path.join(dir, `input-${n++}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

async function cli(args: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CommandIo = {
    out: (t) => stdout.push(t),
    err: (t) => stderr.push(t),
    interrupted: () => new Promise(() => {}),
    env: options.env ?? {},
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
  };
  const code = await runCli(['validate', ...args], io);
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

describe('bitagent-cw validate', () => {
  it('--json: one object with the documented keys; exit 0 when nothing failed', async () => {
    const sim = await simulate(healthy);
    const { code, stdout, stderr } = await cli(['--input', inputFile(inputFor(healthy, sim.url)), '--json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ ok: true, board: { id: 1, name: 'Support' } });
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(['ok', 'checks', 'connection', 'board', 'statuses', 'durationMs']),
    );
    expect(report.checks[0]).toEqual({
      id: 'input',
      status: 'pass',
      title: expect.any(String),
      detail: expect.any(String),
    });
    expect(Object.keys(report.connection)).toEqual(['apiBase', 'codebase', 'version', 'isCloud']);
  });

  it('a table with coloured statuses and the fixes; exit 1 when a check failed', async () => {
    const sim = await simulate(healthy);
    const file = inputFile(inputFor(healthy, sim.url, { board: 'support' }));
    const coloured = await cli(['--input', file], { env: { FORCE_COLOR: '1' } });
    expect(coloured.code).toBe(1);
    expect(coloured.stdout).toContain('\u001b[31mFAIL');
    expect(coloured.stdout).toContain('\u001b[32mPASS');
    expect(coloured.stdout).toContain('Fix: Did you mean “Support”?');
    expect(coloured.stdout).toContain('(wizard step: board)');
    const plain = await cli(['--input', file], { env: { NO_COLOR: '1' } });
    expect(plain.stdout).not.toContain('\u001b[');
    expect(plain.stdout).toMatch(/^ {2}FAIL {8}Service board exists$/m);
  });

  it('reads the input from standard input with --input -, extra keys allowed (roleName words the fixes)', async () => {
    const sim = await simulate(permissions.missingTicketEdit);
    const input = { ...inputFor(healthy, sim.url), roleName: 'MSP Bot Role', note: 'from open --json' };
    const { code, stdout } = await cli(['--input', '-', '--json'], { stdin: JSON.stringify(input) });
    expect(code).toBe(1);
    const permissionsCheck = JSON.parse(stdout).checks.find((c: { id: string }) => c.id === 'permissions');
    expect(permissionsCheck.fix).toContain('System › Security Roles › MSP Bot Role');
  });

  it('--timeout-ms reaches the client', async () => {
    const sim = await simulate(errors.silentApi);
    const { code, stdout } = await cli([
      '--input',
      inputFile(inputFor(healthy, sim.url)),
      '--json',
      '--timeout-ms',
      '300',
    ]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).checks[1].detail).toMatch(/0\.3 s/);
  });

  it('--ca trusts an on-premise server’s private CA', async () => {
    const sim = await simulate(healthy, { tls: certs.valid });
    const file = inputFile(inputFor(healthy, sim.url));
    expect((await cli(['--input', file, '--json'])).code).toBe(1);
    expect((await cli(['--input', file, '--json', '--ca', certs.caFile])).code).toBe(0);
  });

  it.each([
    ['no --input', () => [], /--input FILE/],
    ['a missing file', () => ['--input', path.join(dir, 'nope.json')], /cannot read the input file .*ENOENT/],
    ['malformed JSON', () => ['--input', inputFile('{"site": ')], /not valid JSON/],
    ['a missing field', () => ['--input', inputFile({ site: 'x' })], /field "companyId" is missing/],
    [
      'a wrong type',
      () => ['--input', inputFile({ ...inputFor(healthy, 'x'), statuses: 'New' })],
      /field "statuses"/,
    ],
    ['a bad --timeout-ms', () => ['--input', inputFile({}), '--timeout-ms', '1.5'], /--timeout-ms/],
    ['an unknown flag', () => ['--input', inputFile({}), '--verbose'], /verbose/],
    [
      'an unreadable --ca',
      () => ['--input', inputFile({}), '--ca', path.join(dir, 'none.pem')],
      /CA file .* cannot be read/,
    ],
    [
      'a --ca that is not PEM',
      () => ['--input', inputFile({}), '--ca', inputFile('hello')],
      /no PEM certificate/,
    ],
  ])('exit 2 for %s, one line on stderr, no stack', async (_, args, message) => {
    const { code, stdout, stderr } = await cli(args());
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('never names a value from the file in a usage error', async () => {
    const input = { ...inputFor(healthy, 'x'), privateKey: 12345678 };
    const { code, stderr } = await cli(['--input', inputFile(input)]);
    expect(code).toBe(2);
    expect(stderr).toContain('field "privateKey"');
    expect(stderr).not.toContain('12345678');
  });

  it('as a real process: exit codes and a single stderr line', async () => {
    const sim = await simulate(healthy);
    const entry = path.resolve('cli/entry.ts');
    const tsx = path.resolve('node_modules/.bin/tsx');
    const ok = await run(tsx, [
      entry,
      'validate',
      '--input',
      inputFile(inputFor(healthy, sim.url)),
      '--json',
    ]);
    expect(JSON.parse(ok.stdout).ok).toBe(true);
    const bad = await run(tsx, [entry, 'validate', '--input', inputFile('not json')]).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
