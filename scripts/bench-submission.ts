/**
 * `npm run bench` (submission): the time to pack and to open one file, each the median of 200, with a
 * realistic payload (a full validation report) and real files: pack = seal + atomic write, open = bounded read
 * + decrypt + verify + schema. Goal: under 20 ms each on this machine.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SubmissionPayload } from '../common/schemas/submission.js';
import {
  generateRecipientKeyPair,
  generateSigningKey,
  MAX_SUBMISSION_BYTES,
  openSubmission,
  packSubmission,
  readBoundedFile,
  writeFileAtomic,
} from '../main/submission/index.js';

const RUNS = 200;

function payload(): SubmissionPayload {
  const check = (id: 'site' | 'company' | 'client-id' | 'keys' | 'member') => ({
    id,
    status: 'pass' as const,
    title: `Check ${id}`,
    detail: 'Seen and as expected. '.repeat(10),
  });
  return {
    format: 'bitagent.connectwise-submission',
    version: 1,
    createdAt: new Date().toISOString(),
    appVersion: '0.1.0',
    contact: { name: 'Ada Lovelace', email: 'ada@example.com' },
    connectwise: {
      site: 'na.myconnectwise.net',
      apiBase: 'https://api-na.myconnectwise.net/v4_6_release/apis/3.0',
      codebase: 'v4_6_release/',
      companyId: 'acme',
      clientId: '7a002312-3831-42a6-cff5-8cd2c8d969f1',
      publicKey: 'AbCdEfGh12345678',
      privateKey: 'ZyXwVuTs87654321',
      memberIdentifier: 'BitAgent',
      roleName: 'BitAgent API',
      board: { id: 1, name: 'Support' },
      statuses: Array.from({ length: 5 }, (_, i) => ({ id: i + 10, name: `New ${i}` })),
    },
    validation: {
      ok: true,
      checks: (['site', 'company', 'client-id', 'keys', 'member'] as const).map(check),
      statuses: Array.from({ length: 5 }, (_, i) => ({ id: i + 10, name: `New ${i}` })),
      durationMs: 900,
      checkedAt: new Date().toISOString(),
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const p95 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)] as number;

export async function benchSubmission(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bitagent-bench-'));
  try {
    const signingKey = await generateSigningKey();
    const { publicJwk, privateJwk } = await generateRecipientKeyPair();
    const body = payload();
    const packTimes: number[] = [];
    const openTimes: number[] = [];
    let bytes = 0;
    // A few unmeasured rounds first, so the JIT and jose's key import are warm as in a running app.
    for (let i = -10; i < RUNS; i++) {
      const file = path.join(dir, `s${i}.bitagent`);
      const t0 = performance.now();
      const text = await packSubmission(body, { signingKey, recipientPublicJwk: publicJwk });
      await writeFileAtomic(file, text);
      const t1 = performance.now();
      const opened = await openSubmission(await readBoundedFile(file, MAX_SUBMISSION_BYTES), privateJwk);
      const t2 = performance.now();
      if (opened.signer.thumbprint !== signingKey.signer.thumbprint) throw new Error('bench: wrong signer');
      bytes = text.length;
      if (i >= 0) {
        packTimes.push(t1 - t0);
        openTimes.push(t2 - t1);
      }
    }
    const ms = (n: number) => `${n.toFixed(2)} ms`;
    console.log(`submission: ${RUNS} files of ${bytes} bytes`);
    console.log(
      `  pack (seal + write):           median ${ms(median(packTimes))}, p95 ${ms(p95(packTimes))}`,
    );
    console.log(
      `  open (read + decrypt + verify): median ${ms(median(openTimes))}, p95 ${ms(p95(openTimes))}`,
    );
    console.log(
      `  goal: under 20 ms each: ${median(packTimes) < 20 && median(openTimes) < 20 ? 'met' : 'NOT met'}`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
