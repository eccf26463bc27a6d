/**
 * The representative's round trip through the real CLI, in child processes: keygen → pack → open (human,
 * --json, --reveal) → the JSON piped back in; and every kind of refusal as a user sees it: exit 1 and one line
 * naming the reason, exit 2 for usage errors, never a stack trace, never a secret without --reveal.
 *
 * The CLI is bundled from cli/entry.ts with the same esbuild options as scripts/build.mjs, into a private
 * folder: out/ is shared with everyone else's builds in this tree, so a test of this code builds its own.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../support/cw-simulator/index.js';
import { healthy, inputFor } from '../support/cw-simulator/scenarios/index.js';
import {
  CANARY,
  canaryLeaks,
  DEV_PRIVATE_JWK_PATH,
  DEV_PUBLIC_JWK_PATH,
  ROOT,
} from '../support/dev-recipient.js';
import { seededRandom } from '../support/fuzz.js';

let bundle: string;
let bundleDir: string;
let work: string;
const outputs: string[] = [];

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

// The default signing key lives in the data folder: keep it in the test's folder.
const childEnv = () => ({
  ...process.env,
  XDG_CONFIG_HOME: path.join(work, 'config'),
  APPDATA: path.join(work, 'config'),
});

function cli(args: string[], options: { input?: string; reveal?: boolean } = {}): Run {
  const result = spawnSync(process.execPath, [bundle, ...args], {
    cwd: work,
    encoding: 'utf8',
    input: options.input ?? '',
    timeout: 30_000,
    env: childEnv(),
  });
  if (!args.includes('--reveal') && !options.reveal) outputs.push(result.stdout, result.stderr);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `first | second`, through a real pipe between two processes (async: the simulator answers from this process). */
function cliPipe(first: string[], second: string[]): Promise<{ first: number | null; second: Run }> {
  return new Promise((resolve, reject) => {
    const opts = { cwd: work, env: childEnv() };
    const a = spawn(process.execPath, [bundle, ...first], { ...opts, stdio: ['ignore', 'pipe', 'inherit'] });
    const b = spawn(process.execPath, [bundle, ...second], { ...opts, stdio: ['pipe', 'pipe', 'pipe'] });
    a.stdout.pipe(b.stdin);
    let firstStatus: number | null = null;
    let stdout = '';
    let stderr = '';
    a.on('close', (status) => {
      firstStatus = status;
    });
    b.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    b.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    a.on('error', reject);
    b.on('error', reject);
    b.on('close', (status) => {
      outputs.push(stdout, stderr);
      resolve({ first: firstStatus, second: { status, stdout, stderr } });
    });
  });
}

/** For commands that talk to the simulator, which runs in this process: spawnSync would block its answers. */
function cliAsync(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, ...args], {
      cwd: work,
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (status) => {
      outputs.push(stdout, stderr);
      resolve({ status, stdout, stderr });
    });
  });
}

/** Exit code and exactly one line on stderr, no stack trace. */
function expectOneLine(run: Run, status: number, pattern: RegExp) {
  expect({ status: run.status, stderr: run.stderr }).toMatchObject({
    status,
    stderr: expect.stringMatching(pattern),
  });
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
}

const INPUT = {
  site: 'na.myconnectwise.net',
  companyId: 'acme',
  ...CANARY,
  board: 'Support',
  statuses: ['New', 'New (Portal)'],
  contactName: 'Ada Lovelace',
  contactEmail: 'ada@example.com',
};

beforeAll(async () => {
  // Inside the project, so the bundle resolves node_modules and finds package.json as the installed CLI does.
  mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  bundleDir = mkdtempSync(path.join(ROOT, '.tmp', 'submission-cli-'));
  bundle = path.join(bundleDir, 'bitagent-cw.mjs');
  await build({
    entryPoints: [path.join(ROOT, 'cli', 'entry.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  work = mkdtempSync(path.join(os.tmpdir(), 'bitagent-submission-cli-'));
  writeFileSync(path.join(work, 'input.json'), JSON.stringify(INPUT));
}, 60_000);

afterAll(() => {
  rmSync(bundleDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe('keygen → pack → open', () => {
  let keys: string;
  let file: string;
  let fingerprint: string;

  beforeAll(() => {
    keys = path.join(work, 'keys');
    file = path.join(work, 'acme.bitagent');
  });

  it('keygen writes the pair (private 0600), each with a kid, and never overwrites', () => {
    const first = cli(['keygen', '--out', keys]);
    expect(first.status).toBe(0);
    const privateFile = path.join(keys, 'bitagent-recipient.private.jwk');
    const publicFile = path.join(keys, 'bitagent-recipient.public.jwk');
    const privateJwk = JSON.parse(readFileSync(privateFile, 'utf8'));
    const publicJwk = JSON.parse(readFileSync(publicFile, 'utf8'));
    expect(publicJwk).toMatchObject({ kty: 'OKP', crv: 'X25519', kid: expect.stringMatching(/^bitagent-/) });
    expect(publicJwk).not.toHaveProperty('d');
    expect(privateJwk).toMatchObject({ ...publicJwk, d: expect.any(String) });
    if (process.platform !== 'win32') expect(statSync(privateFile).mode & 0o777).toBe(0o600);
    expect(first.stdout).toContain(publicJwk.kid);

    const again = cli(['keygen', '--out', keys]);
    expectOneLine(again, 1, /already exists; keygen never overwrites/);
    expect(JSON.parse(readFileSync(privateFile, 'utf8'))).toEqual(privateJwk);

    const dev = cli(['keygen', '--out', path.join(work, 'devkeys'), '--dev']);
    expect(dev.status).toBe(0);
    expect(
      JSON.parse(readFileSync(path.join(work, 'devkeys', 'bitagent-recipient.public.jwk'), 'utf8')).kid,
    ).toMatch(/^dev-/);
  });

  it('pack seals the input, prints the fingerprint, and refuses to overwrite', () => {
    const run = cli([
      'pack',
      '--input',
      'input.json',
      '--recipient',
      path.join(keys, 'bitagent-recipient.public.jwk'),
      '--out',
      file,
      '--signing-key',
      'signing.jwk',
    ]);
    expect(run.status).toBe(0);
    fingerprint = /Signer fingerprint: ((?:[A-Z2-7]{4} ){7}[A-Z2-7]{4})/.exec(run.stdout)?.[1] ?? '';
    expect(fingerprint).not.toBe('');
    expect(run.stdout).toContain('not validated');
    if (process.platform !== 'win32')
      expect(statSync(path.join(work, 'signing.jwk')).mode & 0o777).toBe(0o600);
    const envelope = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(envelope)).toEqual([
      'format',
      'version',
      'createdAt',
      'recipientKid',
      'signer',
      'jwe',
    ]);

    const again = cli([
      'pack',
      '--input',
      'input.json',
      '--recipient',
      path.join(keys, 'bitagent-recipient.public.jwk'),
      '--out',
      file,
    ]);
    expectOneLine(again, 1, /already exists\. Nothing was written\./);
  });

  it('open shows the fields with the keys masked, the reason, and the same fingerprint', () => {
    const run = cli(['open', file, '--key', path.join(keys, 'bitagent-recipient.private.jwk')]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`Signer fingerprint: ${fingerprint}`);
    expect(run.stdout).toMatch(/Company ID:\s+acme/);
    expect(run.stdout).toMatch(/Private key:\s+•+ {2}\(masked; --reveal shows it\)/);
    expect(run.stdout).toMatch(/NOT VALIDATED\. The MSP's reason: Packed with bitagent-cw pack/);
    expect(canaryLeaks(run.stdout)).toEqual([]);

    const revealed = cli([
      'open',
      file,
      '--key',
      path.join(keys, 'bitagent-recipient.private.jwk'),
      '--reveal',
    ]);
    expect(revealed.stdout).toContain(CANARY.privateKey);
  });

  it('open --json: ok, signer and payload (masked), plus the validate input fields; --reveal unmasks', () => {
    const key = path.join(keys, 'bitagent-recipient.private.jwk');
    const masked = JSON.parse(cli(['open', file, '--key', key, '--json']).stdout);
    expect(masked).toMatchObject({
      ok: true,
      signer: { fingerprint },
      payload: { format: 'bitagent.connectwise-submission' },
    });
    expect(masked.payload.connectwise.privateKey).toBe('••••••••');
    expect(canaryLeaks(JSON.stringify(masked))).toEqual([]);

    const revealed = JSON.parse(cli(['open', file, '--key', key, '--json', '--reveal']).stdout);
    expect(revealed.payload.connectwise).toMatchObject(CANARY);
    // The top level is a validate (and pack) input.
    expect(revealed).toMatchObject({ ...INPUT });
  });

  it('open --json --reveal pipes back into pack --input - (the same input validate reads)', () => {
    const key = path.join(keys, 'bitagent-recipient.private.jwk');
    const json = cli(['open', file, '--key', key, '--json', '--reveal']).stdout;
    const repacked = path.join(work, 'repacked.bitagent');
    const pack = cli(
      [
        'pack',
        '--input',
        '-',
        '--recipient',
        DEV_PUBLIC_JWK_PATH,
        '--out',
        repacked,
        '--signing-key',
        'signing.jwk',
      ],
      { input: json, reveal: true },
    );
    expect(pack.status).toBe(0);
    expect(pack.stdout).toContain('DEVELOPMENT key');
    const reopened = JSON.parse(
      cli(['open', repacked, '--key', DEV_PRIVATE_JWK_PATH, '--json', '--reveal']).stdout,
    );
    expect(reopened.payload.connectwise).toEqual(revealed(json).payload.connectwise);
    expect(reopened.signer.fingerprint).toBe(fingerprint);

    // The masked JSON is refused as an input: sealing the mask would send nothing usable.
    const masked = cli(['open', file, '--key', key, '--json']).stdout;
    expectOneLine(
      cli(
        ['pack', '--input', '-', '--recipient', DEV_PUBLIC_JWK_PATH, '--out', path.join(work, 'm.bitagent')],
        { input: masked },
      ),
      2,
      /clientId, publicKey, privateKey are masked \(use open --json --reveal\)/,
    );
  });

  it('open refuses a file for another key: exit 1, one line (and {"ok":false} with --json)', () => {
    const run = cli(['open', file, '--key', DEV_PRIVATE_JWK_PATH]);
    expectOneLine(
      run,
      1,
      /^bitagent-cw open: For another key: it was sealed to key "bitagent-.*", and this key is "dev-/,
    );
    expect(run.stdout).toBe('');
    const json = cli(['open', file, '--key', DEV_PRIVATE_JWK_PATH, '--json']);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      ok: false,
      error: { code: 'wrong-recipient', message: expect.any(String) },
    });
  });

  it('open refuses single changed bytes, each with a specific reason', () => {
    const key = path.join(keys, 'bitagent-recipient.private.jwk');
    const original = readFileSync(file);
    const random = seededRandom(5);
    const positions = [
      2,
      15,
      original.indexOf('"version"') + 12,
      ...Array.from({ length: 5 }, () => Math.floor(random() * original.length)),
    ];
    for (const position of positions) {
      const copy = Buffer.from(original);
      copy[position] = (copy[position] as number) ^ 0x01;
      const tampered = path.join(work, `tampered-${position}.bitagent`);
      writeFileSync(tampered, copy);
      expectOneLine(
        cli(['open', tampered, '--key', key]),
        1,
        /^bitagent-cw open: (Not a submission|Bad signature|Unsupported version|For another key|Schema mismatch): /,
      );
    }
  });

  it('open refuses a truncated file, invalid JSON, and a 50 MB file (on its size, promptly)', () => {
    const key = path.join(keys, 'bitagent-recipient.private.jwk');
    const original = readFileSync(file);
    writeFileSync(path.join(work, 'truncated.bitagent'), original.subarray(0, 500));
    expectOneLine(
      cli(['open', 'truncated.bitagent', '--key', key]),
      1,
      /Not a submission: the file is not valid JSON/,
    );
    writeFileSync(path.join(work, 'junk.bitagent'), 'hello');
    expectOneLine(
      cli(['open', 'junk.bitagent', '--key', key]),
      1,
      /Not a submission: the file is not valid JSON/,
    );

    // A real 50 MB file that starts like a submission: refused on its size without being read.
    const big = Buffer.alloc(50 * 1024 * 1024, 0x41);
    original.copy(big, 0, 0, 300);
    writeFileSync(path.join(work, 'big.bitagent'), big);
    const started = Date.now();
    expectOneLine(
      cli(['open', 'big.bitagent', '--key', key]),
      1,
      /Not a submission: the file is larger than 1 MB/,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it.each([
    [['open'], /give exactly one FILE/],
    [['open', 'a', 'b', '--key', 'k'], /give exactly one FILE/],
    [['open', 'x.bitagent'], /--key PRIVATE_JWK is required/],
    [
      ['open', 'missing.bitagent', '--key', DEV_PRIVATE_JWK_PATH],
      /cannot read "missing\.bitagent" \(ENOENT\)/,
    ],
    [['open', 'input.json', '--key', 'nope.jwk'], /cannot read key "nope\.jwk" \(ENOENT\)/],
    [['open', 'input.json', '--key', DEV_PUBLIC_JWK_PATH], /Not an X25519 recipient private key: "d"/],
    [['open', 'input.json', '--key', 'input.json'], /Not an X25519 recipient private key/],
    [['open', 'input.json', '--key', DEV_PRIVATE_JWK_PATH, '--bogus'], /Unknown option '--bogus'/],
    [['pack', '--input', 'input.json', '--recipient', DEV_PUBLIC_JWK_PATH], /--out FILE is required/],
    [
      ['pack', '--input', 'input.json', '--recipient', DEV_PRIVATE_JWK_PATH, '--out', 'x'],
      /This is a private key/,
    ],
    [['pack', '--input', 'nope.json', '--recipient', DEV_PUBLIC_JWK_PATH, '--out', 'x'], /cannot read input/],
    [
      [
        'pack',
        '--input',
        'input.json',
        '--recipient',
        DEV_PUBLIC_JWK_PATH,
        '--out',
        'x',
        '--timeout-ms',
        '5000',
      ],
      /only with --validate/,
    ],
    [['keygen'], /--out DIR is required/],
  ])('usage error %j: exit 2, one line', (args, pattern) => {
    expectOneLine(cli(args), 2, pattern);
  });

  it('pack: an input with missing fields or bad JSON is a usage error naming the field, never a value', () => {
    writeFileSync(path.join(work, 'partial.json'), JSON.stringify({ ...INPUT, site: '', privateKey: ' ' }));
    expectOneLine(
      cli(['pack', '--input', 'partial.json', '--recipient', DEV_PUBLIC_JWK_PATH, '--out', 'x.bitagent']),
      2,
      /input: missing site, privateKey/,
    );
    writeFileSync(path.join(work, 'typed.json'), JSON.stringify({ ...INPUT, statuses: 'New' }));
    expectOneLine(
      cli(['pack', '--input', 'typed.json', '--recipient', DEV_PUBLIC_JWK_PATH, '--out', 'x.bitagent']),
      2,
      /input: "statuses" is missing or invalid/,
    );
    expectOneLine(
      cli(['pack', '--input', '-', '--recipient', DEV_PUBLIC_JWK_PATH, '--out', 'x.bitagent'], {
        input: '{"site":',
      }),
      2,
      /input on standard input is not valid JSON/,
    );
  });
});

describe('pack --validate, against the ConnectWise simulator', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator(healthy);
  });
  afterAll(async () => {
    await sim.close();
  });

  it('embeds a passing report, with the board and status ids it found', async () => {
    writeFileSync(
      path.join(work, 'sim.json'),
      JSON.stringify({ ...inputFor(healthy, sim.url), contactName: 'Ada' }),
    );
    const out = path.join(work, 'validated.bitagent');
    const run = await cliAsync([
      'pack',
      '--input',
      'sim.json',
      '--recipient',
      DEV_PUBLIC_JWK_PATH,
      '--out',
      out,
      '--validate',
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Validation: passed');
    const opened = JSON.parse(cli(['open', out, '--key', DEV_PRIVATE_JWK_PATH, '--json']).stdout);
    expect(opened.payload.validation).toMatchObject({ ok: true, checks: expect.any(Array) });
    expect(opened.payload.connectwise.board).toEqual({ id: 1, name: 'Support' });
    expect(opened.payload.connectwise.statuses[0]).toEqual({ id: 1, name: 'New' });
    expect(opened.payload.connectwise.apiBase).toContain(sim.url);
    const human = cli(['open', out, '--key', DEV_PRIVATE_JWK_PATH]).stdout;
    expect(human).toMatch(/Validation:\s+PASSED at .*: 10 checks \(10 pass\)/);
  });

  it('open --json --reveal | validate --input -: BitAgent re-validates what it received', async () => {
    const file = path.join(work, 'validated.bitagent');
    const piped = await cliPipe(
      ['open', file, '--key', DEV_PRIVATE_JWK_PATH, '--json', '--reveal'],
      ['validate', '--input', '-', '--json'],
    );
    expect(piped.first).toBe(0);
    expect(piped.second.stderr).toBe('');
    expect(piped.second.status).toBe(0);
    const report = JSON.parse(piped.second.stdout);
    expect(report).toMatchObject({ ok: true, board: { id: 1, name: 'Support' } });
    expect(report.checks.map((c: { status: string }) => c.status)).toEqual(Array(10).fill('pass'));

    // Without --reveal the keys are masked, so BitAgent's re-validation cannot pass: nothing secret leaked.
    const masked = await cliPipe(
      ['open', file, '--key', DEV_PRIVATE_JWK_PATH, '--json'],
      ['validate', '--input', '-', '--json'],
    );
    expect(masked.second.status).not.toBe(0);
  });

  it('a failing validation writes nothing unless --reason is given; then it is sent as not validated, with the report', async () => {
    const wrong = { ...inputFor(healthy, sim.url), privateKey: 'WrongPrivateKey1' };
    writeFileSync(path.join(work, 'wrong.json'), JSON.stringify(wrong));
    const out = path.join(work, 'failing.bitagent');
    const refused = await cliAsync([
      'pack',
      '--input',
      'wrong.json',
      '--recipient',
      DEV_PUBLIC_JWK_PATH,
      '--out',
      out,
      '--validate',
    ]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/validation did not pass \(.*keys.*\); fix it, or give --reason TEXT/);
    expect(() => statSync(out)).toThrow();

    const sent = await cliAsync([
      'pack',
      '--input',
      'wrong.json',
      '--recipient',
      DEV_PUBLIC_JWK_PATH,
      '--out',
      out,
      '--validate',
      '--reason',
      'Keys are being rotated today',
    ]);
    expect(sent.status).toBe(0);
    const opened = JSON.parse(cli(['open', out, '--key', DEV_PRIVATE_JWK_PATH, '--json']).stdout);
    expect(opened.payload.validation).toMatchObject({
      validated: false,
      reason: 'Keys are being rotated today',
      report: { ok: false },
    });
    expect(
      canaryLeaks([refused.stdout, refused.stderr, sent.stdout, sent.stderr].join('\n'), [
        'WrongPrivateKey1',
      ]),
    ).toEqual([]);
  });
});

describe('the secrets canary', () => {
  it('the secrets canary: nothing printed without --reveal holds a piece of a secret', () => {
    // Every run above but the --reveal ones (and the re-validation, which prints no key either).
    expect(outputs.length).toBeGreaterThan(40);
    expect(canaryLeaks(outputs.join('\n'))).toEqual([]);
    // The simulator's credentials are ordinary words ("DemoPrivateKey01"): checked whole, not piece by piece.
    const sim = inputFor(healthy, 'http://127.0.0.1');
    for (const secret of [sim.clientId, sim.publicKey, sim.privateKey, 'WrongPrivateKey1']) {
      expect(outputs.join('\n')).not.toContain(secret);
    }
  });
});

function revealed(json: string) {
  return JSON.parse(json) as { payload: { connectwise: unknown } };
}
