// Builds everything into out/: the renderer (Vite), and main, preload, the CLI and the harness shim (esbuild).
import { rm } from 'node:fs/promises';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const started = Date.now();
await rm('out', { recursive: true, force: true });

await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
  legalComments: 'none',
};

await Promise.all([
  // Electron main: ESM; npm dependencies stay in node_modules (packaged as production dependencies).
  esbuild({
    ...node,
    entryPoints: ['main/index.ts'],
    outfile: 'out/main/index.mjs',
    format: 'esm',
    packages: 'external',
  }),
  // Sandboxed preloads can only require('electron'): everything else is bundled in, as CommonJS.
  esbuild({
    ...node,
    entryPoints: ['preload/index.ts'],
    outfile: 'out/preload/index.cjs',
    format: 'cjs',
    external: ['electron'],
  }),
  // The CLI never loads electron; a bundle that tried to would fail the boundary test first.
  esbuild({
    ...node,
    entryPoints: ['cli/entry.ts'],
    outfile: 'out/cli/bitagent-cw.mjs',
    format: 'esm',
    packages: 'external',
  }),
  esbuild({
    ...node,
    platform: 'browser',
    target: 'chrome130',
    entryPoints: ['cli/harness/shim.ts'],
    outfile: 'out/harness/shim.js',
    format: 'iife',
  }),
]);

console.log(`built out/ in ${Date.now() - started} ms`);
