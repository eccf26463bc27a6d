/**
 * Shared by the packaging tests: electron-builder's own configuration loader and validator (app-builder-lib,
 * reached through electron-builder so the versions always match), and the app's production dependency tree.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

const requireFromBuilder = createRequire(
  createRequire(import.meta.url).resolve('electron-builder/package.json'),
);

/** The part of electron-builder's configuration the tests read. The validator checks the whole of it. */
export interface TargetEntry {
  target: string;
  arch?: string | string[];
}
export interface BuilderConfig {
  appId?: string;
  productName?: string;
  asar?: boolean | object;
  files?: Array<{ filter?: string[] } | string>;
  beforePack?: string | null;
  npmRebuild?: boolean;
  publish?: unknown;
  artifactName?: string;
  electronFuses?: Record<string, boolean>;
  electronDist?: unknown;
  directories?: { output?: string; buildResources?: string };
  win?: { icon?: string; target?: TargetEntry[] };
  nsis?: Record<string, unknown> & { artifactName?: string };
  mac?: Record<string, unknown> & { icon?: string; target?: TargetEntry[] };
  dmg?: { artifactName?: string };
  linux?: Record<string, unknown> & { icon?: string; target?: TargetEntry[] };
  [key: string]: unknown;
}

interface ConfigModule {
  getConfig(
    projectDir: string,
    configPath: string | null,
    configFromOptions: object | null,
  ): Promise<BuilderConfig>;
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
}
const configModule = requireFromBuilder('app-builder-lib/out/util/config/config') as ConfigModule;

export const builderVersion = (requireFromBuilder('app-builder-lib/package.json') as { version: string })
  .version;

/** electron-builder.yml, read and merged with electron-builder's defaults exactly as `electron-builder` does. */
export function loadBuilderConfig(projectDir: string = ROOT): Promise<BuilderConfig> {
  return configModule.getConfig(projectDir, null, null);
}

/** electron-builder's own validator (JSON schema plus its extra rules): rejects what a build would reject. */
export function validateBuilderConfig(config: unknown): Promise<void> {
  return configModule.validateConfiguration(config, { isEnabled: false, add() {} });
}

export function requireFromElectronBuilder<T>(id: string): T {
  return requireFromBuilder(id) as T;
}

interface PackageJson {
  name: string;
  version: string;
  main?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  gypfile?: boolean;
}

export function readPackageJson(dir: string): PackageJson {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/**
 * The production dependency closure, resolved the way Node resolves it (nearest node_modules first): what
 * electron-builder must put into app.asar. Keys are package names, values the folder relative to `root`.
 */
export function productionClosure(root: string = ROOT): Map<string, string> {
  const found = new Map<string, string>();
  const queue: Array<{ from: string; name: string }> = Object.keys(
    readPackageJson(root).dependencies ?? {},
  ).map((name) => ({ from: root, name }));
  while (queue.length > 0) {
    const { from, name } = queue.shift() as { from: string; name: string };
    let dir = from;
    let resolved: string | null = null;
    for (;;) {
      const candidate = path.join(dir, 'node_modules', name);
      if (existsSync(path.join(candidate, 'package.json'))) {
        resolved = candidate;
        break;
      }
      if (dir === root || path.dirname(dir) === dir) break;
      dir = path.dirname(dir);
    }
    if (!resolved)
      throw new Error(
        `production dependency ${name} (needed by ${path.relative(root, from) || 'the app'}) is not installed`,
      );
    const relative = path.relative(root, resolved);
    if ([...found.values()].includes(relative)) continue;
    found.set(found.has(name) ? `${name}@${relative}` : name, relative);
    const pkg = readPackageJson(resolved);
    for (const dep of Object.keys(pkg.dependencies ?? {})) queue.push({ from: resolved, name: dep });
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) {
      if (existsSync(path.join(root, 'node_modules', dep))) queue.push({ from: resolved, name: dep });
    }
  }
  return found;
}
