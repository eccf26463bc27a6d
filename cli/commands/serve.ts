/**
 * `bitagent-cw serve`: the wizard in a browser, for machines where the Electron runtime cannot run.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDispatcher } from '../../main/dispatch.js';
import { createApp } from '../../main/handlers.js';
import { createLogger } from '../../main/log.js';
import { createNodePort } from '../../main/platform/node-port.js';
import { defaultUserDataDir } from '../../main/platform/user-data-dir.js';
import { startHarness } from '../harness/server.js';
import { findProjectPaths } from '../paths.js';
import { type Command, UsageError } from '../usage.js';
import { startDemoPsa } from './serve-demo.js';

export const serveCommand: Command = {
  name: 'serve',
  synopsis: 'serve [--port N] [--demo] [--data-dir DIR]',
  summary: 'Run the wizard in your browser, on 127.0.0.1 only (where the desktop app cannot run).',
  async run(args, io) {
    const { values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        demo: { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
      },
    });
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be a whole number from 0 to 65535, not "${values.port}"`);

    const paths = findProjectPaths();
    const log = createLogger((line) => io.err(line));
    const productName = 'BitAgent ConnectWise Onboarding';
    const userDataDir = values['data-dir']
      ? path.resolve(values['data-dir'])
      : values.demo
        ? await mkdtemp(path.join(os.tmpdir(), 'bitagent-demo-'))
        : defaultUserDataDir(productName);

    const nodePort = createNodePort({
      userDataDir,
      packageJsonPath: paths.packageJson,
      onOpenExternal: (url) => io.err(`The wizard opened ${url} in a new tab.`),
    });
    const app = createApp({ port: nodePort, log });
    const dispatch = createDispatcher(app.handlers, log);
    let harness: Awaited<ReturnType<typeof startHarness>>;
    try {
      harness = await startHarness({
        rendererDir: paths.rendererDir,
        shimFile: paths.shimFile,
        dispatch,
        log,
        port,
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(
        code === 'EADDRINUSE'
          ? `port ${port} is already in use on 127.0.0.1`
          : `the harness could not start (${code ?? 'unknown error'})`,
      );
    }

    io.out(`BitAgent ConnectWise Onboarding ${nodePort.appVersion}, in your browser`);
    io.out(`Data folder: ${userDataDir}${values.demo ? ' (demo: a fresh temporary folder)' : ''}`);
    io.out(`Open: ${harness.url}`);
    const demoPsa = values.demo ? await startDemoPsa() : null;
    for (const line of demoPsa?.lines ?? []) io.out(line);
    io.out('Only this computer can connect. Press Ctrl+C to stop.');
    await io.interrupted();
    await harness.close();
    await app.close();
    await demoPsa?.close();
    io.out('Stopped.');
    return 0;
  },
};
