/** Starts the real harness in-process, with the real handler table over a Node port and a temp data folder. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Harness, startHarness } from '../../cli/harness/server.js';
import { findProjectPaths } from '../../cli/paths.js';
import { createDispatcher, type Dispatcher } from '../../main/dispatch.js';
import { createHandlers } from '../../main/handlers.js';
import { createLogger } from '../../main/log.js';
import { createNodePort, type NodePort } from '../../main/platform/node-port.js';

export interface HarnessFixture {
  harness: Harness;
  port: NodePort;
  dispatch: Dispatcher;
  logLines: string[];
  dataDir: string;
  /** POSTs a call the way the shim does. */
  call(
    channel: string,
    input: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export async function startHarnessFixture(): Promise<HarnessFixture> {
  const paths = findProjectPaths();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bitagent-harness-test-'));
  const logLines: string[] = [];
  const log = createLogger((line) => logLines.push(line));
  const port = createNodePort({ userDataDir: dataDir, packageJsonPath: paths.packageJson });
  const dispatch = createDispatcher(createHandlers({ port, log }), log);
  const harness = await startHarness({
    rendererDir: paths.rendererDir,
    shimFile: paths.shimFile,
    dispatch,
    log,
  });
  return {
    harness,
    port,
    dispatch,
    logLines,
    dataDir,
    async call(channel, input, headers = {}) {
      const response = await fetch(`${harness.origin}/__harness/call/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-bitagent-token': harness.token, ...headers },
        body: input === undefined ? '' : JSON.stringify(input),
      });
      return { status: response.status, body: await response.json() };
    },
    async close() {
      await harness.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
