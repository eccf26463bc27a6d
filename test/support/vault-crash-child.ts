/**
 * The crash test's child (test/integration/vault-crash.test.ts): saves the draft in a tight loop, and a secret
 * every 7th save, printing each save's number once it has resolved (so once it is on disk), until killed.
 *
 * Usage: node vault-crash-child.mjs <dir> <tag>   (bundled by the test; `npx tsx` runs it as well)
 * Continues from the number already on disk, so successive children make one unbroken sequence.
 */
import { writeSync } from 'node:fs';
import { silentLogger } from '../../main/log.js';
import { createVault } from '../../main/vault/index.js';
import { CRASH_PASSPHRASE, crashClientId, crashPatch, TEST_SCRYPT, testPort } from './vault-fixtures.js';

const [dir, tag = 'save'] = process.argv.slice(2);
if (!dir) {
  process.stderr.write('usage: vault-crash-child <dir> [tag]\n');
  process.exit(2);
}

// coalesceMs 0: nothing waits between writes, so a random kill most often lands inside one.
const vault = createVault({
  port: testPort(dir),
  log: silentLogger,
  dir,
  scryptCost: TEST_SCRYPT,
  coalesceMs: 0,
});
const { draft } = await vault.loadDraft();
await vault.unlock(CRASH_PASSPHRASE); // chooses it, the first time
const match = new RegExp(`^${tag}-(\\d+)$`).exec(draft.contactName);
let n = match ? Number(match[1]) : 0;
// Pipes are synchronous on Linux and macOS: once written, a line survives our SIGKILL.
writeSync(1, `ready ${n}\n`);
for (;;) {
  n++;
  await vault.saveDraft(crashPatch(tag, n));
  if (n % 7 === 0) await vault.setSecrets({ clientId: crashClientId(n) });
  writeSync(1, `${n}\n`);
}
