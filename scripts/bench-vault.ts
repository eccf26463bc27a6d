/**
 * The vault's numbers: scrypt derivation at the production cost (the issue asks for 100-250 ms; pick another
 * N in main/vault/passphrase-crypto.ts if this machine is far off), and draft save latency (durable write:
 * temp file, fsync, rename, folder fsync), each the median of several runs.
 */
import { rm } from 'node:fs/promises';
import { silentLogger } from '../main/log.js';
import { createVault, PRODUCTION_SCRYPT_COST } from '../main/vault/index.js';
import { deriveMasterKey, newKdf } from '../main/vault/passphrase-crypto.js';
import { tempDir, testPort } from '../test/support/vault-fixtures.js';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

export async function benchVault(): Promise<void> {
  const { N, r, p } = PRODUCTION_SCRYPT_COST;
  const kdf = newKdf(PRODUCTION_SCRYPT_COST);
  const derives: number[] = [];
  for (let i = 0; i < 7; i++) derives.push(await timed(() => deriveMasterKey('bench passphrase', kdf)));
  console.log(
    `vault: scrypt N=2^${Math.log2(N)} r=${r} p=${p} derive: median ${median(derives).toFixed(0)} ms of ${derives.length} (target 100-250 ms)`,
  );

  const dir = await tempDir('bitagent-vault-bench-');
  try {
    const vault = createVault({ port: testPort(dir), log: silentLogger, dir, coalesceMs: 0 });
    await vault.loadDraft();
    const saves: number[] = [];
    for (let i = 0; i < 41; i++)
      saves.push(await timed(() => vault.saveDraft({ contactName: `bench ${i}` })));
    console.log(
      `vault: draft.save (durable write, no coalescing window): median ${median(saves).toFixed(1)} ms of ${saves.length}`,
    );
    await vault.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
