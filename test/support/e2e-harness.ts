/**
 * Starts `bitagent-cw serve` as a user would (the built CLI, a child process) and hands back its URL.
 * Used by the Playwright end-to-end tests, which then drive the real renderer in Chromium through it.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const CLI = path.join(ROOT, 'cli', 'bin', 'bitagent-cw.mjs');

export interface ServedHarness {
  url: string;
  origin: string;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

export async function serveHarness(
  options: { dataDir?: string; extraArgs?: string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<ServedHarness> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'bitagent-e2e-')));
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [CLI, 'serve', '--port', '0', '--data-dir', dataDir, ...(options.extraArgs ?? [])],
    { cwd: ROOT, env: { ...process.env, ...options.env } },
  );
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the harness printed no URL:\n${output}`)), 20_000);
    child.on('exit', (code) => reject(new Error(`the harness exited (${code}):\n${output}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open: (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
