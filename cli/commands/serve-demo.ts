/**
 * `serve --demo`'s stand-in PSA: the ConnectWise simulator with the healthy scenario on 127.0.0.1, and the
 * fake demo credentials to type into the wizard (made-up values, safe to print; nothing real is involved).
 */
import { startSimulator } from '../../test/support/cw-simulator/index.js';
import { DEMO, healthy } from '../../test/support/cw-simulator/scenarios/healthy.js';

export interface DemoPsa {
  site: string;
  lines: string[];
  close(): Promise<void>;
}

export async function startDemoPsa(): Promise<DemoPsa> {
  const sim = await startSimulator(healthy);
  return {
    site: sim.url,
    lines: [
      'Demo ConnectWise PSA (simulated, on this computer only). Type these into the wizard:',
      `  Site:         ${sim.url}`,
      `  Company ID:   ${DEMO.companyId}`,
      `  Client ID:    ${DEMO.clientId}`,
      `  Public key:   ${DEMO.publicKey}`,
      `  Private key:  ${DEMO.privateKey}`,
      `  Board:        ${DEMO.board}`,
      `  Statuses:     ${DEMO.statuses.join(', ')}`,
      '  (Fake demo values: they open nothing but this simulator.)',
    ],
    close: () => sim.close(),
  };
}
