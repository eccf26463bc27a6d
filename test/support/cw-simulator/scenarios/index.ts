/** Every scenario family, and the input a test types for a scenario. */
import type { ValidationInput } from '../../../../common/schemas/validation.js';
import type { Scenario } from '../types.js';
import { DEMO } from './healthy.js';

export * as auth from './auth.js';
export * as boards from './boards.js';
export * as cloud from './cloud.js';
export * as errors from './errors.js';
export { DEMO, healthy, variant } from './healthy.js';
export * as onprem from './onprem.js';
export * as permissions from './permissions.js';

export type SimInput = ValidationInput;

/** What a user with this scenario's (correct) credentials types, with `overrides` applied. */
export function inputFor(scenario: Scenario, site: string, overrides: Partial<SimInput> = {}): SimInput {
  return {
    site,
    companyId: scenario.company.companyId,
    clientId: scenario.credentials.clientIds[0] ?? DEMO.clientId,
    publicKey: scenario.credentials.publicKey,
    privateKey: scenario.credentials.privateKey,
    board: DEMO.board,
    statuses: [...DEMO.statuses],
    ...overrides,
  };
}
