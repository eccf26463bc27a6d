/** Shared by the ConnectWise integration tests: simulators that close themselves and prove they were only read. */
import net from 'node:net';
import { afterEach, expect } from 'vitest';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../support/cw-simulator/index.js';
import type { Scenario } from '../../support/cw-simulator/types.js';

/** Real backoff shapes, in milliseconds instead of seconds, so retry tests stay fast. */
export const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 5_000 };

const running: Simulator[] = [];

/** Starts a simulator for this test; after it, the simulator is closed and must have seen only GETs. */
export async function simulate(scenario: Scenario, options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator(scenario, options);
  running.push(sim);
  return sim;
}

afterEach(async () => {
  const sims = running.splice(0);
  await Promise.all(sims.map((s) => s.close()));
  for (const sim of sims) expect(sim.requests.filter((r) => r.method !== 'GET')).toEqual([]);
});

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs `fn` and returns what it threw. */
export async function caught(
  fn: () => Promise<unknown>,
): Promise<Error & { code?: string; tls?: string; retryAfterSeconds?: number }> {
  try {
    await fn();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a failure, got none');
}
