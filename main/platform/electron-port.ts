/**
 * The platform port inside Electron. With main/index.ts, the only module of main/ that imports `electron`.
 */
import { app, dialog, type SafeStorage, safeStorage, session, shell } from 'electron';
import { name as packageName, productName } from '../../package.json';
import type { KeychainSealer, PlatformPort } from './port.js';

/** Linux's `basic_text` backend is a hard-coded key, not a keychain: treat it as none (shared/design.md). */
function keychainOf(storage: SafeStorage): KeychainSealer | null {
  if (!storage.isEncryptionAvailable()) return null;
  let backend: string =
    process.platform === 'win32' ? 'dpapi' : process.platform === 'darwin' ? 'keychain' : 'unknown';
  if (process.platform === 'linux') {
    backend = storage.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') return null;
  }
  return {
    backend,
    seal: (plain) => storage.encryptString(plain),
    unseal: (sealed) => storage.decryptString(sealed),
  };
}

export function createElectronPort(): PlatformPort {
  return {
    runtime: 'electron',
    // From package.json, bundled in: the same values the harness reads (app.getName() gives productName).
    appName: packageName,
    productName,
    appVersion: app.getVersion(),
    platform: process.platform,
    userDataDir: app.getPath('userData'),
    keychain: keychainOf(safeStorage),
    async openExternal(url) {
      // The safe-shell service has already checked the URL against its allow-list.
      await shell.openExternal(url, { activate: true }); // eng-disable OPEN_EXTERNAL_JS_CHECK -- reached only through main/shell/safe-shell.ts, after its allow-list check
      return 'system-browser';
    },
    // System settings, PAC and WPAD, as Chromium resolves them for this app's own session.
    resolveProxy: (url) => session.defaultSession.resolveProxy(url),
    async chooseSavePath(suggestedName) {
      const result = await dialog.showSaveDialog({
        title: 'Save the BitAgent submission',
        defaultPath: suggestedName,
        filters: [{ name: 'BitAgent submission', extensions: ['bitagent'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
