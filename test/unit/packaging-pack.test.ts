/**
 * A real `electron-builder --linux dir` run on a copy of the project, with a stand-in for the Electron binary
 * (the real one cannot be downloaded here): electron-builder's offline path (`electronDist`), the release
 * guard through the real beforePack hook, the files that go into app.asar, and the fuses flipped in the
 * binary. What it cannot show: that Electron starts (test/electron does, where the runtime exists), and the
 * installer formats (NSIS, dmg, AppImage, deb: their tools are downloaded at build time; CI builds them).
 *
 * The stand-in is a small file holding Electron's fuse wire (the sentinel @electron/fuses looks for, then
 * version 1, length 8 and one byte per fuse), set to the opposite of what electron-builder.yml asks for, so
 * each fuse is seen to flip.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OVERRIDE_ENV, RECIPIENT_KEY_PATH } from '../../build/release-guard.cjs';
import { productionClosure, ROOT, readPackageJson, requireFromElectronBuilder } from './packaging-support.js';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Fuse order of FuseV1Options: RunAsNode, EnableCookieEncryption, EnableNodeOptionsEnvironmentVariable,
// EnableNodeCliInspectArguments, EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar,
// LoadBrowserProcessSpecificV8Snapshot, GrantFileProtocolExtraPrivileges. '1' on, '0' off.
const WIRE_BEFORE = '10110011';
const WIRE_AFTER = '01001100';

const KEY = {
  kty: 'OKP',
  crv: 'X25519',
  x: 'hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo',
  use: 'enc',
  alg: 'ECDH-ES+A256KW',
};

interface Run {
  status: number | null;
  output: string;
}

let tmp: string;
let project: string;
let fakeElectron: string;
let electronVersion: string;

function write(file: string, content: string | Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

function setRecipient(kid: string): void {
  write(path.join(project, RECIPIENT_KEY_PATH), JSON.stringify({ ...KEY, kid }));
}

function electronBuilder(env: Record<string, string> = {}): Promise<Run> {
  const builderCli = path.join(
    path.dirname(createRequire(import.meta.url).resolve('electron-builder/package.json')),
    'cli.js',
  );
  const childEnv: NodeJS.ProcessEnv = { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false', ...env };
  if (!(OVERRIDE_ENV in env)) delete childEnv[OVERRIDE_ENV];
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        builderCli,
        '--linux',
        'dir',
        '--x64',
        `-c.electronDist=${fakeElectron}`,
        `-c.electronVersion=${electronVersion}`,
      ],
      { cwd: project, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'bitagent-pack-'));
  project = path.join(tmp, 'project');
  electronVersion = (
    JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

  // The project as a build server checks it out: configuration, hooks, icons, production dependencies.
  for (const file of ['package.json', 'package-lock.json', 'electron-builder.yml']) {
    cpSync(path.join(ROOT, file), path.join(project, file));
  }
  cpSync(path.join(ROOT, 'build'), path.join(project, 'build'), { recursive: true });
  cpSync(path.join(ROOT, 'assets', 'icons'), path.join(project, 'assets', 'icons'), { recursive: true });
  for (const dir of productionClosure().values()) {
    cpSync(path.join(ROOT, dir), path.join(project, dir), { recursive: true, dereference: true });
  }
  // What `npm run build` leaves in out/, plus things that must stay out of the package.
  write(path.join(project, 'out/main/index.mjs'), 'export {};\n');
  write(path.join(project, 'out/main/index.mjs.map'), '{}');
  write(path.join(project, 'out/preload/index.cjs'), '"use strict";\n');
  write(path.join(project, 'out/renderer/index.html'), '<!doctype html><title>BitAgent</title>\n');
  write(path.join(project, 'out/renderer/assets/index-abc123.js'), 'console.log(1);\n');
  write(path.join(project, 'out/renderer/assets/index-abc123.js.map'), '{}');
  write(path.join(project, 'out/cli/bitagent-cw.mjs'), 'export {};\n');
  write(path.join(project, 'out/harness/shim.js'), '//\n');
  write(path.join(project, 'main/index.ts'), 'export {};\n');
  write(path.join(project, 'test/unit/x.test.ts'), 'export {};\n');
  write(path.join(project, 'assets/recipient/bitagent-recipient.private.jwk'), '{"never":"shipped"}');

  // The stand-in Electron: an unpacked "distribution" with an `electron` binary carrying a fuse wire.
  fakeElectron = path.join(tmp, 'electron-dist');
  write(
    path.join(fakeElectron, 'electron'),
    Buffer.concat([
      Buffer.from('#!/bin/sh\necho "stand-in for Electron"\n'),
      Buffer.alloc(256),
      Buffer.from(SENTINEL, 'latin1'),
      Buffer.from([1, WIRE_BEFORE.length]),
      Buffer.from(WIRE_BEFORE, 'latin1'),
      Buffer.alloc(256),
    ]),
  );
  write(path.join(fakeElectron, 'LICENSE'), 'MIT\n');
  write(path.join(fakeElectron, 'version'), electronVersion);
  mkdirSync(path.join(fakeElectron, 'resources'), { recursive: true });
  mkdirSync(path.join(fakeElectron, 'locales'), { recursive: true });
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const appOut = () => path.join(project, 'dist', 'linux-unpacked');
const asarFile = () => path.join(appOut(), 'resources', 'app.asar');

describe('electron-builder --linux dir, offline with electronDist', () => {
  it('stops at the release guard while the development recipient key is in place', async () => {
    setRecipient('dev-2025-01');
    const run = await electronBuilder();
    expect(run.status, run.output).not.toBe(0);
    expect(run.output).toContain('DEVELOPMENT recipient key');
    expect(existsSync(asarFile())).toBe(false);
  }, 120_000);

  describe('with a production recipient key', () => {
    let run: Run;
    let files: string[];
    beforeAll(async () => {
      setRecipient('bitagent-2025-01');
      run = await electronBuilder();
      const asar = requireFromElectronBuilder<{ listPackage(file: string, o: object): string[] }>(
        '@electron/asar',
      );
      files =
        run.status === 0 ? asar.listPackage(asarFile(), {}).map((f) => f.split(path.sep).join('/')) : [];
    }, 180_000);

    it('packs', () => {
      expect(run.status, run.output).toBe(0);
      expect(run.output).toContain('release guard: recipient key bitagent-2025-01: ok');
      expect(existsSync(path.join(appOut(), 'bitagent-connectwise-onboarding'))).toBe(true);
    });

    it('puts the built app, package.json and the recipient public key into app.asar', () => {
      expect(files).toEqual(
        expect.arrayContaining([
          '/package.json',
          '/out/main/index.mjs',
          '/out/preload/index.cjs',
          '/out/renderer/index.html',
          '/out/renderer/assets/index-abc123.js',
          `/${RECIPIENT_KEY_PATH.split(path.sep).join('/')}`,
        ]),
      );
    });

    it('leaves out source maps, sources, tests, the CLI, the harness and any private key', () => {
      const outside = files.filter((f) => f !== '/node_modules' && !f.startsWith('/node_modules/'));
      expect(
        outside.filter((f) =>
          /\.map$|\.tsx?$|^\/(main|test|cli|build|out\/cli|out\/harness)(\/|$)|private/.test(f),
        ),
      ).toEqual([]);
      expect(outside.filter((f) => !/^\/(package\.json|out|assets)(\/|$)/.test(f))).toEqual([]);
    });

    it('includes every production dependency and no development one', () => {
      for (const [name, dir] of productionClosure()) {
        expect(files, name).toContain(`/${dir.split(path.sep).join('/')}/package.json`);
      }
      const top = new Set(files.filter((f) => /^\/node_modules\/(@[^/]+\/)?[^/@]+$/.test(f)));
      for (const dev of [
        'react',
        'react-dom',
        'zustand',
        'electron',
        'electron-builder',
        'vite',
        'vitest',
        'typescript',
      ]) {
        expect(top.has(`/node_modules/${dev}`), dev).toBe(false);
      }
    });

    it('ships package.json without scripts and with main pointing into the package', () => {
      const asar = requireFromElectronBuilder<{ extractFile(file: string, name: string): Buffer }>(
        '@electron/asar',
      );
      const pkg = JSON.parse(asar.extractFile(asarFile(), 'package.json').toString()) as Record<
        string,
        unknown
      >;
      expect(pkg.main).toBe(readPackageJson(ROOT).main);
      expect(pkg.scripts).toBeUndefined();
      expect(files).toContain(`/${pkg.main as string}`);
    });

    it('flips every fuse in the binary as electron-builder.yml says', () => {
      const binary = readFileSync(path.join(appOut(), 'bitagent-connectwise-onboarding'));
      const at = binary.indexOf(SENTINEL, 0, 'latin1') + SENTINEL.length;
      expect(binary[at]).toBe(1);
      expect(binary.toString('latin1', at + 2, at + 2 + WIRE_AFTER.length)).toBe(WIRE_AFTER);
    });
  });
});
