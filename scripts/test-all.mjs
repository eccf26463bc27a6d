// `npm test`: every check, in order, stopping at the first that fails, then one summary line for all tests.
//   lint (Biome) -> type-check (four runtimes) -> build -> unit/integration (Vitest, Node) ->
//   end-to-end (Playwright: Chromium through the harness; Electron where its runtime exists) ->
//   static Electron security scan (electronegativity).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
for (const stale of ['test-results/vitest.json', 'test-results/playwright.json'])
  rmSync(stale, { force: true });
const stages = [
  ['lint', 'npx', ['biome', 'check', '.']],
  ['type-check', 'npm', ['run', '-s', 'typecheck']],
  ['build', 'node', ['scripts/build.mjs']],
  [
    'unit + integration',
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json'],
  ],
  ['end-to-end', 'npx', ['playwright', 'test']],
  ['electron security scan', 'node', ['scripts/electronegativity.mjs']],
];

for (const [name, command, args] of stages) {
  process.stdout.write(`\n=== ${name} ===\n`);
  const started = Date.now();
  // npx/npm are .cmd scripts on Windows: they need a shell there.
  const run = spawnSync(command, args, {
    stdio: 'inherit',
    env: process.env,
    shell: process.platform === 'win32',
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (run.status !== 0) {
    process.stdout.write(`\n=== ${name}: FAILED after ${seconds} s ===\n`);
    summary();
    process.exit(run.status ?? 1);
  }
  process.stdout.write(`=== ${name}: ok (${seconds} s) ===\n`);
}
summary();

function summary() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  try {
    const vitest = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
    passed += vitest.numPassedTests;
    failed += vitest.numFailedTests;
    skipped += vitest.numPendingTests + (vitest.numTodoTests ?? 0);
  } catch {}
  try {
    const pw = JSON.parse(readFileSync('test-results/playwright.json', 'utf8'));
    passed += pw.stats.expected;
    failed += pw.stats.unexpected + pw.stats.flaky;
    skipped += pw.stats.skipped;
  } catch {}
  process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
}
