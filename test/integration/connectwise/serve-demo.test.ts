/** `serve --demo`: a simulated PSA on 127.0.0.1 whose printed demo values pass validation. */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main.js';
import { runValidation } from '../../../main/validation/run.js';
import { DEMO } from '../../support/cw-simulator/scenarios/healthy.js';

describe('serve --demo', () => {
  it('prints the demo site and credentials, which validate cleanly, and stops the PSA on Ctrl+C', async () => {
    const out: string[] = [];
    let stop = () => {};
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    let printed = () => {};
    const ready = new Promise<void>((resolve) => {
      printed = resolve;
    });
    const running = runCli(['serve', '--demo'], {
      out: (t) => {
        out.push(t);
        if (t.startsWith('Only this computer')) printed();
      },
      err: () => {},
      interrupted: () => stopped,
      env: {},
      stdin: Readable.from([]),
    });
    await ready;
    const value = (label: string) =>
      out
        .find((l) => l.trim().startsWith(label))
        ?.split(/:\s+/)
        .slice(1)
        .join(': ') ?? '';
    const site = value('Site:');
    expect(site).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(value('Company ID:')).toBe(DEMO.companyId);
    expect(value('Public key:')).toBe(DEMO.publicKey);
    const report = await runValidation({
      site,
      companyId: value('Company ID:'),
      clientId: value('Client ID:'),
      publicKey: value('Public key:'),
      privateKey: value('Private key:'),
      board: value('Board:'),
      statuses: value('Statuses:').split(', '),
    });
    expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    stop();
    expect(await running).toBe(0);
    await expect(fetch(`${site}/login/companyinfo/${DEMO.companyId}`)).rejects.toThrow();
  });
});
