// The static Electron security scan (@doyensec/electronegativity), offline, over the app's own code.
// Fails on any finding that is not justified in code: either an inline `eng-disable CHECK -- reason`
// comment at the line (every such comment must give its reason), or an entry below for the global checks
// that cannot be annotated inline.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const TARGETS = ['main', 'preload', 'renderer'];
// Needs the network (it fetches Electron's release list); this machine and CI have none.
const EXCLUDED = ['AvailableSecurityFixesGlobalCheck'];
const JUSTIFIED_GLOBAL = [
  {
    check: 'CSP_GLOBAL_CHECK',
    file: 'renderer/index.html',
    reason:
      "script-src 'self' is flagged as 'maybe weak' (JSONP / user uploads on the same origin). Our origin is app://bitagent, " +
      'which serves only the built renderer: no JSONP, no uploads, no remote content.',
  },
];

const electronVersion = JSON.parse(readFileSync('package.json', 'utf8')).devDependencies.electron;
mkdirSync('test-results', { recursive: true });

// The global checks (CSP, navigation limits, permission handler) look across the whole app, so the app's own
// code is scanned as one tree: main, preload and renderer, without tests, tools or node_modules.
const scanDir = path.join('.tmp', 'electronegativity-scan');
rmSync(scanDir, { recursive: true, force: true });
for (const target of TARGETS) cpSync(target, path.join(scanDir, target), { recursive: true });

const out = path.join('test-results', 'electronegativity.sarif');
const run = spawnSync(
  'npx',
  [
    'electronegativity',
    '-i',
    scanDir,
    '-e',
    electronVersion,
    '-x',
    EXCLUDED.join(','),
    '-r',
    '-v',
    'false',
    '-o',
    out,
  ],
  { encoding: 'utf8' },
);
if (run.status !== 0) {
  console.error(`electronegativity failed:\n${run.stderr}`);
  process.exit(1);
}
const unjustified = [];
const justified = [];
const sarif = JSON.parse(readFileSync(out, 'utf8'));
for (const result of sarif.runs[0].results) {
  const location = result.locations?.[0]?.physicalLocation;
  const file = location?.artifactLocation?.uri ?? 'N/A';
  const finding = `${result.ruleId} ${file}:${location?.region?.startLine ?? 0} ${result.message?.text ?? ''}`;
  const reason = JUSTIFIED_GLOBAL.find((j) => j.check === result.ruleId && file.endsWith(j.file))?.reason;
  if (reason) justified.push(`${finding}\n    justified: ${reason}`);
  else unjustified.push(finding);
}

// The canary: the same scan over a deliberately insecure window must find problems, or the scan proves nothing.
const canaryDir = path.join('.tmp', 'electronegativity-canary');
rmSync(canaryDir, { recursive: true, force: true });
mkdirSync(canaryDir, { recursive: true });
writeFileSync(
  path.join(canaryDir, 'main.js'),
  "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
);
const canaryOut = path.join('.tmp', 'electronegativity-canary.sarif');
spawnSync('npx', [
  'electronegativity',
  '-i',
  canaryDir,
  '-e',
  electronVersion,
  '-x',
  EXCLUDED.join(','),
  '-v',
  'false',
  '-o',
  canaryOut,
]);
const canaryRules = new Set(JSON.parse(readFileSync(canaryOut, 'utf8')).runs[0].results.map((r) => r.ruleId));
if (
  !canaryRules.has('CONTEXT_ISOLATION_JS_CHECK') ||
  !canaryRules.has('SANDBOX_JS_CHECK') ||
  !canaryRules.has('LIMIT_NAVIGATION_GLOBAL_CHECK')
) {
  console.error(
    `electronegativity missed the canary's insecure window (found: ${[...canaryRules].join(', ')}): the scan is not working`,
  );
  process.exit(1);
}

// Every inline suppression must say why.
const annotations = [];
const bareAnnotations = [];
function walk(dir) {
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) walk(file);
    else if (/\.(ts|tsx|html)$/.test(entry)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (!line.includes('eng-disable')) return;
          const where = `${file}:${index + 1}`;
          if (/eng-disable\s+[A-Z_]+(\s+[A-Z_]+)*\s+--\s+\S.{10,}/.test(line))
            annotations.push(`${where} ${line.trim()}`);
          else bareAnnotations.push(where);
        });
    }
  }
}
for (const target of TARGETS) walk(target);

console.log(
  `electronegativity ${electronVersion === undefined ? '' : `(Electron ${electronVersion}) `}over ${TARGETS.join(', ')}`,
);
for (const line of justified) console.log(`  accepted: ${line}`);
for (const line of annotations) console.log(`  inline justification: ${line}`);
for (const line of bareAnnotations)
  console.log(`  UNJUSTIFIED eng-disable (give a reason after --): ${line}`);
for (const line of unjustified) console.log(`  FINDING: ${line}`);
const failures = unjustified.length + bareAnnotations.length;
console.log(`canary: the insecure window was caught (${[...canaryRules].length} kinds of finding)`);
console.log(
  `electronegativity: ${unjustified.length} unjustified findings, ${justified.length} justified global findings, ${annotations.length} inline justifications`,
);
process.exit(failures === 0 ? 0 : 1);
