/** The real CLI bundle (out/cli, built by `npm test` before this runs), as a user runs it. */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'cli', 'bin', 'bitagent-cw.mjs');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: ROOT });

describe('bitagent-cw', () => {
  it('--help lists the commands and exits 0', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: bitagent-cw <command>');
    expect(result.stdout).toMatch(/^\s+serve /m);
  });

  it('no command prints the help and exits 2', () => {
    expect(run().status).toBe(2);
  });

  it('an unknown command exits 2 with one line', () => {
    const result = run('frobnicate');
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      'bitagent-cw: unknown command "frobnicate" (see bitagent-cw --help)',
    ]);
  });

  it.each([
    [['serve', '--bogus']],
    [['serve', '--port', 'abc']],
    [['serve', '--port', '70000']],
    [['serve', 'extra-positional']],
  ])('a bad flag (%j) exits 2 with one line and no stack trace', (args) => {
    const result = run(...args);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('serve prints a 127.0.0.1 URL with a token, answers it, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--demo', '--port', '0'], { cwd: ROOT });
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${stdout}`)), 15_000);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,})/.exec(stdout);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
