// Builds everything into out/: the renderer (Vite), and main, preload, the CLI and the harness shim (esbuild).
import { rm } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const started = Date.now();
await rm('out', { recursive: true, force: true });

await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });

/**
 * The preload and the harness shim need only the contract's names, not its schemas (zod would make each of
 * them half a megabyte). Read the names from common/contract.ts itself — still the one place they are spelled —
 * and hand those two bundles a module holding just the names.
 */
async function contractNamesPlugin() {
  const probe = 'out/.contract-names.mjs';
  await esbuild({
    entryPoints: ['common/contract.ts'],
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    outfile: probe,
    logLevel: 'warning',
  });
  const contract = await import(pathToFileURL(probe).href);
  await rm(probe);
  const contents = [
    `export const CHANNELS = ${JSON.stringify(contract.CHANNELS)};`,
    `export const EVENT_NAMES = ${JSON.stringify(contract.EVENT_NAMES)};`,
    `export function wireName(name) { return ${JSON.stringify(contract.wireName(''))} + name; }`,
  ].join('\n');
  return {
    name: 'contract-names',
    setup(build) {
      build.onResolve({ filter: /\/contract\.js$/ }, () => ({
        path: 'contract-names',
        namespace: 'contract-names',
      }));
      build.onLoad({ filter: /.*/, namespace: 'contract-names' }, () => ({ contents, loader: 'js' }));
    },
  };
}
const namesOnly = await contractNamesPlugin();

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
    plugins: [namesOnly],
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
    plugins: [namesOnly],
  }),
]);

console.log(`built out/ in ${Date.now() - started} ms`);
