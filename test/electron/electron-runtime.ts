/**
 * Finds the Electron runtime for the smoke tests without ever loading the `electron` package: its index.js
 * downloads the binary when it is missing, which fails (and waits) on a machine without internet access.
 * The lookup is the same as that index.js, minus the download:
 *   - ELECTRON_OVERRIDE_DIST_PATH (a folder holding an unpacked Electron), else
 *   - node_modules/electron/dist/<the path named in node_modules/electron/path.txt>.
 * It also says why not, in one plain sentence, so a skipped test tells the reader what to do.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface ElectronRuntime {
  available: boolean;
  /** The Electron executable, when available. */
  executablePath: string | null;
  /** Why it is not available (empty when it is). */
  reason: string;
}

function platformExecutable(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

export function findElectronRuntime(
  root: string = ROOT,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): ElectronRuntime {
  const packageDir = path.join(root, 'node_modules', 'electron');
  const missing = (reason: string): ElectronRuntime => ({ available: false, executablePath: null, reason });
  if (!existsSync(path.join(packageDir, 'package.json'))) {
    return missing('the electron package is not installed (run npm ci)');
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const named = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  let executablePath: string;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    executablePath = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, named || platformExecutable(platform));
    if (!existsSync(executablePath)) {
      return missing(`ELECTRON_OVERRIDE_DIST_PATH is set, but ${executablePath} does not exist`);
    }
  } else if (named) {
    executablePath = path.join(packageDir, 'dist', named);
    if (!existsSync(executablePath)) {
      return missing(
        `node_modules/electron/path.txt names ${named}, but node_modules/electron/dist has no such file`,
      );
    }
  } else {
    return missing(
      'node_modules/electron/path.txt is absent: the Electron binary was never downloaded ' +
        '(run `npx install-electron` where the internet is reachable, or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron)',
    );
  }
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return missing('there is no display (DISPLAY / WAYLAND_DISPLAY): run the tests under xvfb-run');
  }
  return { available: true, executablePath, reason: '' };
}

/** Set in CI where the runtime is installed: a missing runtime then fails instead of skipping. */
export const ELECTRON_REQUIRED = process.env.BITAGENT_REQUIRE_ELECTRON === '1';
