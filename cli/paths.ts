/**
 * Finds the files the CLI needs (the built renderer, the harness shim, package.json) from wherever it runs:
 * the bundled out/cli/main.mjs or the TypeScript sources under tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ProjectPaths {
  root: string;
  packageJson: string;
  rendererDir: string;
  shimFile: string;
  assetsDir: string;
}

export function findProjectPaths(from: string = path.dirname(fileURLToPath(import.meta.url))): ProjectPaths {
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (
      existsSync(candidate) &&
      (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name ===
        'bitagent-connectwise-onboarding'
    ) {
      return {
        root: dir,
        packageJson: candidate,
        rendererDir: path.join(dir, 'out', 'renderer'),
        shimFile: path.join(dir, 'out', 'harness', 'shim.js'),
        assetsDir: path.join(dir, 'assets'),
      };
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('bitagent-cw: cannot find its own package.json');
    dir = parent;
  }
}
