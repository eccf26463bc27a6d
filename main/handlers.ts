/**
 * The composition root: builds every service from the platform port and maps each contract call to its
 * service. main/ipc.ts binds this table to ipcMain; cli/harness binds the very same table to HTTP.
 * Handler bodies live in the services; this file only wires.
 */
import { readAppInfo } from './app-info/app-info.js';
import type { Handlers } from './dispatch.js';
import type { Logger } from './log.js';
import type { PlatformPort } from './platform/port.js';
import { createSafeShell } from './shell/safe-shell.js';
import { createSubmissionService } from './submission/index.js';
import { createConnectWiseHandlers } from './validation/handlers.js';
import { createVault } from './vault/index.js';

export interface AppServices {
  port: PlatformPort;
  log: Logger;
}

export interface App {
  handlers: Handlers;
  /** Waits for pending writes (the vault coalesces saves for a few ms): call before the process exits. */
  close(): Promise<void>;
}

export function createApp({ port, log }: AppServices): App {
  const shell = createSafeShell(port);
  const vault = createVault({ port, log });
  // The desktop app also follows the OS proxy settings; HTTPS_PROXY/NO_PROXY win where they are set.
  const systemProxy = port.resolveProxy?.bind(port);
  const connectwise = createConnectWiseHandlers(() => vault.readValidationInput(), {
    log,
    ...(systemProxy ? { systemProxy } : {}),
  });
  const submission = createSubmissionService({
    port,
    log,
    readSubmissionInput: () => vault.readSubmissionInput(),
    // The installation's signing key is sealed like the secrets: keychain, or the passphrase.
    keyStore: vault.sealedItem('installation-key'),
  });

  const handlers: Handlers = {
    'app.info': async () => readAppInfo(port),
    'shell.openExternal': async ({ url }) => shell.openExternal(url), // eng-disable OPEN_EXTERNAL_JS_CHECK -- the safe shell checks the URL against its https allow-list first

    'draft.load': async () => vault.loadDraft(),
    'draft.save': async (patch) => vault.saveDraft(patch),
    'secrets.set': async (patch) => vault.setSecrets(patch),
    'secrets.status': async () => vault.secretsStatus(),
    'vault.status': async () => vault.status(),
    'vault.unlock': async ({ passphrase }) => vault.unlock(passphrase),
    'vault.forget': async () => vault.forget(),

    'connectwise.companyInfo': connectwise['connectwise.companyInfo'],
    'connectwise.listBoards': connectwise['connectwise.listBoards'],
    'connectwise.listStatuses': connectwise['connectwise.listStatuses'],
    'validation.run': async (input, ctx) => {
      const report = await connectwise['validation.run'](input, ctx);
      // The submission embeds the last report: keep it with the draft (it holds no secret).
      await vault.saveReport(report);
      return report;
    },

    'submission.recipient': async () => submission.recipient(),
    'submission.preview': async () => submission.preview(),
    'submission.export': async (input) => submission.export(input),
  };
  return { handlers, close: () => vault.close() };
}

/** The handler table alone, for callers that never exit mid-write (tests). */
export function createHandlers(services: AppServices): Handlers {
  return createApp(services).handlers;
}
