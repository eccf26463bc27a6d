/**
 * The ConnectWise simulator: a real HTTP(S) server on 127.0.0.1 that behaves as connectwise-api.md
 * describes. `split` scenarios run two servers, a login host and an API host, like a cloud region;
 * `single` ones one server with both, like an on-premise PSA. Used by the tests, the bench and `serve --demo`.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createHandler, type SimulatorState } from './server.js';
import type { RecordedRequest, Scenario } from './types.js';

export type {
  RecordedRequest,
  Scenario,
  SimBoard,
  SimFault,
  SimMember,
  SimRight,
  SimStatus,
} from './types.js';

export interface SimulatorOptions {
  /** Delay before every answer, in ms. */
  latencyMs?: number;
  /** Serve https with this key and certificate (PEM). */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** The login server's port (0, the default, picks a free one). */
  port?: number;
}

export interface Simulator {
  /** What a user types as the site: the login host's origin. */
  url: string;
  loginUrl: string;
  apiUrl: string;
  scenario: Scenario;
  /** Every request, in arrival order (live: grows as requests come in). */
  requests: RecordedRequest[];
  setLatency(ms: number): void;
  close(): Promise<void>;
}

type Server = http.Server | https.Server;

async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

export async function startSimulator(scenario: Scenario, options: SimulatorOptions = {}): Promise<Simulator> {
  const scheme = options.tls ? 'https' : 'http';
  const make = () =>
    options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }) : http.createServer();
  const state: SimulatorState = {
    scenario,
    requests: [],
    latencyMs: options.latencyMs ?? 0,
    faultHits: [],
    companyInfoCalls: 0,
    loginOrigin: '',
    apiOrigin: '',
  };

  const login = make();
  const servers: Server[] = [login];
  const loginPort = await listen(login, options.port ?? 0);
  state.loginOrigin = `${scheme}://127.0.0.1:${loginPort}`;
  state.apiOrigin = state.loginOrigin;
  login.on('request', createHandler(state, scenario.topology === 'split' ? 'login' : 'api'));
  if (scenario.topology === 'split') {
    const api = make();
    servers.push(api);
    state.apiOrigin = `${scheme}://127.0.0.1:${await listen(api, 0)}`;
    api.on('request', createHandler(state, 'api'));
  }

  return {
    url: state.loginOrigin,
    loginUrl: state.loginOrigin,
    apiUrl: state.apiOrigin,
    scenario,
    requests: state.requests,
    setLatency(ms) {
      state.latencyMs = ms;
    },
    async close() {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              // Hanging requests (and idle keep-alive sockets) would hold close() open for ever.
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}
