/**
 * Each folder runs in one runtime, and its imports must say so (after Signal Desktop's runtime folders):
 * - common/: pure TypeScript, runs everywhere: no node:, no electron, no DOM-only libraries, no main/renderer.
 * - main/ services: plain Node; only main/index.ts and the Electron port may import `electron` (else tests and
 *   the CLI could not load them); type-only imports are erased and allowed (main/ipc.ts types its arguments).
 * - preload/: only electron and common/.
 * - renderer/: the browser: no node:, no electron, never main/ or cli/.
 * - cli/: Node, never electron.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../common/contract.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ELECTRON_ALLOWED = new Set([
  'main/index.ts',
  'main/platform/electron-port.ts',
  'preload/index.ts',
  // This file spells electron imports in its own self-check strings.
  'test/unit/boundaries.test.ts',
]);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir))) {
    const relative = path.posix.join(dir, entry);
    if (statSync(path.join(ROOT, relative)).isDirectory()) out.push(...sourceFiles(relative));
    else if (/\.(ts|tsx|mts)$/.test(entry)) out.push(relative);
  }
  return out;
}

interface ImportRef {
  specifier: string;
  typeOnly: boolean;
}

function importsOf(file: string): ImportRef[] {
  return importsIn(readFileSync(path.join(ROOT, file), 'utf8'));
}

function importsIn(text: string): ImportRef[] {
  const refs: ImportRef[] = [];
  const pattern =
    /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const match of text.matchAll(pattern)) {
    const specifier = match[3] ?? match[4];
    if (specifier) refs.push({ specifier, typeOnly: Boolean(match[2]) });
  }
  return refs;
}

function resolvesInto(file: string, specifier: string, folder: string): boolean {
  if (!specifier.startsWith('.')) return false;
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  return target === folder || target.startsWith(`${folder}/`);
}

const isNode = (s: string) => s.startsWith('node:');
const isElectron = (s: string) => s === 'electron' || s.startsWith('electron/') || s === 'electron-store';

describe('runtime boundaries', () => {
  it('common/ imports nothing but zod and itself', () => {
    const offenders = sourceFiles('common').flatMap((file) =>
      importsOf(file)
        .filter(
          ({ specifier }) =>
            !(specifier === 'zod' || (specifier.startsWith('.') && resolvesInto(file, specifier, 'common'))),
        )
        .map(({ specifier }) => `${file} -> ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });

  it('only the Electron entry points import electron (type-only imports aside)', () => {
    const offenders = [
      'main',
      'cli',
      'common',
      'renderer',
      'test/unit',
      'test/integration',
      'test/support',
      'scripts',
    ]
      .flatMap((dir) => sourceFiles(dir))
      .filter((file) => !ELECTRON_ALLOWED.has(file))
      .flatMap((file) =>
        importsOf(file)
          .filter((ref) => isElectron(ref.specifier) && !ref.typeOnly)
          .map((ref) => `${file} -> ${ref.specifier}`),
      );
    expect(offenders).toEqual([]);
  });

  it('the renderer never reaches into main/, cli/, Node or Electron', () => {
    const offenders = sourceFiles('renderer').flatMap((file) =>
      importsOf(file)
        .filter(
          ({ specifier }) =>
            isNode(specifier) ||
            isElectron(specifier) ||
            resolvesInto(file, specifier, 'main') ||
            resolvesInto(file, specifier, 'cli') ||
            resolvesInto(file, specifier, 'preload'),
        )
        .map(({ specifier }) => `${file} -> ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the preload imports only electron and common/', () => {
    const offenders = sourceFiles('preload').flatMap((file) =>
      importsOf(file)
        .filter(({ specifier }) => !(specifier === 'electron' || resolvesInto(file, specifier, 'common')))
        .map(({ specifier }) => `${file} -> ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });

  it('main/ never imports the renderer or the CLI', () => {
    const offenders = sourceFiles('main').flatMap((file) =>
      importsOf(file)
        .filter(
          ({ specifier }) =>
            resolvesInto(file, specifier, 'renderer') || resolvesInto(file, specifier, 'cli'),
        )
        .map(({ specifier }) => `${file} -> ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the checker sees imports (so an empty result above means something)', () => {
    expect(importsOf('main/index.ts').map((r) => r.specifier)).toContain('electron');
    expect(importsIn("import type { IpcMain } from 'electron';")).toEqual([
      { specifier: 'electron', typeOnly: true },
    ]);
    expect(importsIn("const e = await import('electron');")).toEqual([
      { specifier: 'electron', typeOnly: false },
    ]);
    expect(importsIn("export { x } from '../main/y.js';")).toEqual([
      { specifier: '../main/y.js', typeOnly: false },
    ]);
    expect(resolvesInto('renderer/src/x.ts', '../../main/y.js', 'main')).toBe(true);
  });
});

describe('the built bundles', () => {
  it.each([['out/preload/index.cjs'], ['out/harness/shim.js']])(
    '%s holds every channel of the contract and none of its schemas',
    (bundle) => {
      const text = readFileSync(path.join(ROOT, bundle), 'utf8');
      for (const channel of CHANNELS) expect(text).toContain(`"${channel}"`);
      expect(text).not.toMatch(/ZodError|\$ZodType/);
      expect(text.length).toBeLessThan(20_000);
    },
  );

  it('the CLI bundle never loads electron', () => {
    const bundle = path.join(ROOT, 'out', 'cli', 'bitagent-cw.mjs');
    const text = readFileSync(bundle, 'utf8');
    expect(text).not.toMatch(
      /from\s+["']electron["']|require\(["']electron["']\)|import\(["']electron["']\)/,
    );
  });
});
