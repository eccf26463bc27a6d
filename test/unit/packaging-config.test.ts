/**
 * electron-builder.yml, checked the way a build would check it: loaded by electron-builder's own loader and
 * validated by its own validator (app-builder-lib's validateConfiguration and scheme.json), so a broken
 * config fails `npm test` here rather than on the build server. Then the settings that matter for security
 * and for the MSP's installer are pinned one by one.
 */
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../main/ipc.js';
import {
  type BuilderConfig,
  builderVersion,
  loadBuilderConfig,
  productionClosure,
  ROOT,
  readPackageJson,
  type TargetEntry,
  validateBuilderConfig,
} from './packaging-support.js';

let config: BuilderConfig;

beforeAll(async () => {
  config = await loadBuilderConfig();
});

function clone(): BuilderConfig {
  return structuredClone(config);
}

function targets(list: TargetEntry[] | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const entry of list ?? []) {
    out[entry.target] = typeof entry.arch === 'string' ? [entry.arch] : [...(entry.arch ?? [])].sort();
  }
  return out;
}

function filePatterns(): string[] {
  return (config.files ?? []).flatMap((set) => (typeof set === 'string' ? [set] : (set.filter ?? [])));
}

describe(`electron-builder.yml against electron-builder ${builderVersion}'s validator`, () => {
  it('is the configuration electron-builder loads (package.json has no "build" field to shadow it)', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg.build).toBeUndefined();
    expect(existsSync(path.join(ROOT, 'electron-builder.yml'))).toBe(true);
    expect(config.appId).toBe('com.bitagent.connectwise-onboarding');
    expect(config.productName).toBe('BitAgent ConnectWise Onboarding');
  });

  it('passes the validator', async () => {
    await expect(validateBuilderConfig(config)).resolves.toBeUndefined();
  });

  // Proof that the test above can fail: the same validator, on deliberately broken copies.
  it.each([
    ['a misspelt option', (c: BuilderConfig) => Object.assign(c.nsis ?? {}, { perMachin: false })],
    [
      'a fuse that does not exist',
      (c: BuilderConfig) => Object.assign(c.electronFuses ?? {}, { runAsNodeX: false }),
    ],
    [
      'a fuse that is not a boolean',
      (c: BuilderConfig) => Object.assign(c.electronFuses ?? {}, { runAsNode: 'no' }),
    ],
    [
      'an arch that does not exist',
      (c: BuilderConfig) => Object.assign(c.win ?? {}, { target: [{ target: 'nsis', arch: ['x86_64'] }] }),
    ],
    [
      'a top-level key electron-builder does not know',
      (c: BuilderConfig) => Object.assign(c, { electronFusez: {} }),
    ],
    ['a mac option put at the top level', (c: BuilderConfig) => Object.assign(c, { hardenedRuntime: true })],
  ])('rejects %s', async (_name, breakIt) => {
    const broken = clone();
    breakIt(broken);
    await expect(validateBuilderConfig(broken)).rejects.toThrow(/Invalid configuration object/);
  });

  it('rejects a broken electron-builder.yml file, loaded the way the build loads it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bitagent-builder-config-'));
    try {
      copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
      const yml = readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
      expect(yml).toContain('  oneClick: true');
      writeFileSync(
        path.join(dir, 'electron-builder.yml'),
        yml.replace('  oneClick: true', '  oneClick: sometimes'),
      );
      await expect(validateBuilderConfig(await loadBuilderConfig(dir))).rejects.toThrow(/oneClick|nsis/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Electron fuses', () => {
  it('are all set explicitly, to the hardened values', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
      resetAdHocDarwinSignature: true,
    });
  });

  it('turn file:// privileges off only because the renderer is served from app://, never file://', () => {
    expect(APP_ORIGIN).toMatch(/^app:\/\//);
    const mainSource = readFileSync(path.join(ROOT, 'main', 'index.ts'), 'utf8');
    expect(mainSource).not.toMatch(/loadFile\(|['"`]file:\/\//);
    expect(mainSource).toMatch(/loadURL\(`\$\{APP_ORIGIN\}/);
  });

  it('need asar, and the integrity data electron-builder embeds (Info.plist, the Windows .exe resource)', () => {
    expect(config.asar).toBe(true);
    expect(config.disableAsarIntegrity).not.toBe(true);
    expect(config.disableSanityCheckAsar).not.toBe(true);
  });
});

describe('targets', () => {
  it('Windows: NSIS for x64 and arm64, per-user, never elevating', () => {
    expect(targets(config.win?.target)).toEqual({ nsis: ['arm64', 'x64'] });
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false, packElevateHelper: false });
    expect(config.nsis?.allowElevation).not.toBe(true);
  });

  it('macOS: dmg and zip for arm64 and x64, hardened runtime, entitlements, notarization from the environment', () => {
    expect(targets(config.mac?.target)).toEqual({ dmg: ['arm64', 'x64'], zip: ['arm64', 'x64'] });
    expect(config.mac).toMatchObject({
      hardenedRuntime: true,
      notarize: true,
      entitlements: 'build/entitlements.mac.plist',
      entitlementsInherit: 'build/entitlements.mac.plist',
    });
    // No hard-coded identity: signing and notarization come from the build machine's environment.
    expect(config.mac?.identity).toBeUndefined();
  });

  it('macOS entitlements: allow-jit (V8 needs it under the hardened runtime) and nothing broader', () => {
    const plist = readFileSync(path.join(ROOT, 'build', 'entitlements.mac.plist'), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<(true|false)\/>/g)].map((m) => `${m[1]}=${m[2]}`);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit=true']);
    expect(plist).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\s*<!DOCTYPE plist/);
  });

  it('Linux: AppImage and deb', () => {
    expect(targets(config.linux?.target)).toEqual({ AppImage: ['x64'], deb: ['x64'] });
    expect(config.linux?.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/); // deb refuses a package without one
  });

  it('names every artifact with the version and the arch', () => {
    const names = [config.artifactName, config.nsis?.artifactName, config.dmg?.artifactName];
    for (const name of names) {
      expect(name).toMatch(/\$\{version\}/);
      expect(name).toMatch(/\$\{arch\}/);
      expect(name).toMatch(/\$\{ext\}/);
      expect(name).not.toMatch(/\s|\$\{productName\}/); // no spaces in download file names
    }
  });

  it('publishes nothing unless a release process configures it', () => {
    expect(config.publish).toBeNull();
  });

  it('points at icons that exist, one per platform', () => {
    expect(config.win?.icon).toBe('assets/icons/icon.ico');
    expect(config.mac?.icon).toBe('assets/icons/icon.icns');
    expect(config.linux?.icon).toBe('assets/icons/png');
    for (const icon of [config.win?.icon, config.mac?.icon, config.linux?.icon]) {
      expect(existsSync(path.join(ROOT, icon as string)), icon).toBe(true);
    }
    const linuxSizes = readdirSync(path.join(ROOT, 'assets', 'icons', 'png')).filter((f) =>
      /^\d+x\d+\.png$/.test(f),
    );
    expect(linuxSizes).toContain('256x256.png');
    expect(linuxSizes).toContain('512x512.png');
  });
});

describe('what goes into the package', () => {
  it('only the built output, package.json and the recipient public key, no maps, sources or CLI', () => {
    const patterns = filePatterns();
    expect(patterns).toEqual(
      expect.arrayContaining([
        'package.json',
        'out/main/**',
        'out/preload/**',
        'out/renderer/**',
        '!**/*.map',
      ]),
    );
    const included = patterns.filter((p) => !p.startsWith('!'));
    for (const pattern of included) {
      expect(pattern, `${pattern} is not an expected path`).toMatch(
        /^(package\.json|out\/(main|preload|renderer)\/\*\*|assets\/recipient\/\*\.public\.jwk)$/,
      );
    }
    expect(patterns.join(' ')).not.toMatch(/out\/\*\*|out\/cli|out\/harness|\*\*\/\*$/);
  });

  it('contains the main file package.json points at', () => {
    const pkg = readPackageJson(ROOT);
    expect(pkg.main).toBe('out/main/index.mjs');
  });

  it('goes through the release guard before packing', () => {
    expect(config.beforePack).toBe('./build/release-guard.cjs');
    expect(existsSync(path.join(ROOT, 'build', 'release-guard.cjs'))).toBe(true);
  });

  it('needs no native rebuild: no production dependency has native code or an install script', () => {
    expect(config.npmRebuild).toBe(false);
    const closure = productionClosure();
    // The main process's runtime libraries are all in it (so the loop below checks something).
    for (const name of ['jose', 'undici', 'zod']) expect([...closure.keys()]).toContain(name);
    for (const [name, dir] of closure) {
      const pkg = readPackageJson(path.join(ROOT, dir));
      const scripts = pkg.scripts ?? {};
      expect(existsSync(path.join(ROOT, dir, 'binding.gyp')), `${name} has a binding.gyp`).toBe(false);
      expect(pkg.gypfile, `${name} is a gyp package`).not.toBe(true);
      expect(
        ['preinstall', 'install', 'postinstall'].filter((s) => s in scripts),
        `${name} has install scripts`,
      ).toEqual([]);
    }
  });

  it('keeps the renderer libraries out of the runtime dependencies (Vite bundles them)', () => {
    const deps = Object.keys(readPackageJson(ROOT).dependencies ?? {});
    for (const bundled of ['react', 'react-dom', 'zustand', 'electron']) expect(deps).not.toContain(bundled);
  });
});

describe('npm scripts', () => {
  const scripts = readPackageJson(ROOT).scripts ?? {};

  it('dist builds every target of the current OS, after the release guard and a fresh build', () => {
    expect(scripts.dist).toMatch(/^node build\/release-guard\.cjs && npm run build && electron-builder$/);
  });

  it.each([
    ['dist:win', '--win'],
    ['dist:mac', '--mac'],
    ['dist:linux', '--linux'],
  ])('%s builds the %s targets', (name, flag) => {
    expect(scripts[name]).toMatch(/^node build\/release-guard\.cjs && npm run build && electron-builder /);
    expect(scripts[name]?.split(' ')).toContain(flag);
  });

  it('icons regenerates the icons from the one source image', () => {
    expect(scripts.icons).toBe('tsx scripts/icons.ts');
  });
});
