#!/usr/bin/env node
// The npm bin: runs the bundled CLI that `npm install` (prepare) or `npm run build` wrote to out/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../../out/cli/bitagent-cw.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('bitagent-cw: not built yet; run `npm run build` first\n');
  process.exit(2);
}
await import(bundle);
