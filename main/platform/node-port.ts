/**
 * The platform port outside Electron: the CLI, the browser harness and the tests. There is no keychain (the
 * vault asks for a passphrase), no native save dialog (files go to a downloads folder of the harness's), and
 * no system browser to hand links to (the harness page opens them in a new tab).
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { PlatformPort } from './port.js';

interface PackageJson {
  name: string;
  productName: string;
  version: string;
}

export interface NodePort extends PlatformPort {
  /** Every URL the app asked to open, in order (the harness prints them; tests read them). */
  readonly openedUrls: readonly string[];
  readonly downloadsDir: string;
}

export interface NodePortOptions {
  userDataDir: string;
  packageJsonPath: string;
  /** Where exported files go; defaults to `downloads` in the data folder. */
  downloadsDir?: string;
  onOpenExternal?: (url: string) => void;
}

export function createNodePort(options: NodePortOptions): NodePort {
  const pkg = JSON.parse(readFileSync(options.packageJsonPath, 'utf8')) as PackageJson;
  const downloadsDir = options.downloadsDir ?? path.join(options.userDataDir, 'downloads');
  const openedUrls: string[] = [];
  return {
    runtime: 'harness',
    appName: pkg.name,
    productName: pkg.productName,
    appVersion: pkg.version,
    platform: process.platform,
    userDataDir: options.userDataDir,
    keychain: null,
    openedUrls,
    downloadsDir,
    async openExternal(url) {
      openedUrls.push(url);
      options.onOpenExternal?.(url);
      return 'harness';
    },
    async chooseSavePath(suggestedName) {
      await mkdir(downloadsDir, { recursive: true });
      const { name, ext } = path.parse(path.basename(suggestedName));
      let candidate = path.join(downloadsDir, `${name}${ext}`);
      for (let n = 2; existsSync(candidate); n++) candidate = path.join(downloadsDir, `${name} (${n})${ext}`);
      return candidate;
    },
  };
}
