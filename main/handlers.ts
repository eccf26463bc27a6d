/**
 * The composition root: builds every service from the platform port and maps each contract call to its
 * service. main/ipc.ts binds this table to ipcMain; cli/harness binds the very same table to HTTP.
 * Handler bodies live in the services; this file only wires.
 */

import { AppFailure } from '../common/errors.js';
import { readAppInfo } from './app-info/app-info.js';
import type { Handlers } from './dispatch.js';
import type { Logger } from './log.js';
import type { PlatformPort } from './platform/port.js';
import { createSafeShell } from './shell/safe-shell.js';

export interface AppServices {
  port: PlatformPort;
  log: Logger;
}

/** Placeholder for a call whose service is being built in its own issue. Removed as each one lands. */
const notBuiltYet = (what: string) => async (): Promise<never> => {
  throw new AppFailure('not-available', `${what} is not available in this build yet.`);
};

export function createHandlers({ port }: AppServices): Handlers {
  const shell = createSafeShell(port);
  return {
    'app.info': async () => readAppInfo(port),
    'shell.openExternal': async ({ url }) => shell.openExternal(url),

    'draft.load': notBuiltYet('The draft store'),
    'draft.save': notBuiltYet('The draft store'),
    'secrets.set': notBuiltYet('The vault'),
    'secrets.status': notBuiltYet('The vault'),
    'vault.status': notBuiltYet('The vault'),
    'vault.unlock': notBuiltYet('The vault'),
    'vault.forget': notBuiltYet('The vault'),

    'connectwise.companyInfo': notBuiltYet('Checking ConnectWise'),
    'connectwise.listBoards': notBuiltYet('Checking ConnectWise'),
    'connectwise.listStatuses': notBuiltYet('Checking ConnectWise'),
    'validation.run': notBuiltYet('Validation'),

    'submission.recipient': notBuiltYet('The submission file'),
    'submission.preview': notBuiltYet('The submission file'),
    'submission.export': notBuiltYet('The submission file'),
  };
}
