/**
 * The Electron main process: the app, its one window, and its hardening (Electron's security checklist).
 * Everything else lives in services that run in plain Node; this file only wires them to Electron.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import { RENDERER_CSP_HEADER } from './csp.js';
import { createDispatcher } from './dispatch.js';
import { createApp } from './handlers.js';
import { APP_ORIGIN, bindIpc } from './ipc.js';
import { createLogger } from './log.js';
import { isPermissionGranted } from './permissions.js';
import { createElectronPort } from './platform/electron-port.js';
import { contentTypeOf, resolveRendererFile } from './renderer-files.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const RENDERER_DIR = path.join(here, '..', 'renderer');
const PRELOAD = path.join(here, '..', 'preload', 'index.cjs');

// The renderer is served from app://bitagent/, a standard secure scheme of our own: never file://, never http.
protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();

// For the Electron smoke tests only (test/electron, added with the packaging work): a throw-away user-data
// folder per test, so a test never touches a real draft. Honoured only when unpackaged (`electron .`): an
// installed app ignores it. Before the single-instance lock, which is kept in the user-data folder.
const testUserDataDir = process.env.BITAGENT_USER_DATA_DIR;
if (testUserDataDir && !app.isPackaged) app.setPath('userData', path.resolve(testUserDataDir));

// Two instances writing one store could corrupt it: the second one hands over to the first and quits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start, (error: unknown) => {
    console.error('The app could not start:', error instanceof Error ? error.name : typeof error);
    app.exit(1);
  });
}

// No window may navigate, open another window, or embed a webview: the wizard is one page.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

async function start(): Promise<void> {
  const log = createLogger((line) => console.log(line));
  const port = createElectronPort();

  // One permission, for the copy buttons (main/permissions.ts); camera, notifications, clipboard reads and the
  // rest are all refused. Electron asks both handlers: a check first, then a request.
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionGranted(permission, details.requestingUrl, details.isMainFrame)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    isPermissionGranted(permission, details.requestingUrl, details.isMainFrame),
  );

  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'bitagent' ? resolveRendererFile(RENDERER_DIR, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'content-type': contentTypeOf(file),
          'content-security-policy': RENDERER_CSP_HEADER,
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });

  const services = createApp({ port, log });
  bindIpc(ipcMain, createDispatcher(services.handlers, log));
  // The vault coalesces saves for a few milliseconds: finish them before the process goes.
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closed = true;
    services.close().finally(() => app.quit());
  });

  const window = new BrowserWindow({
    width: 1100,
    height: 780,
    minWidth: 720,
    minHeight: 560,
    show: false,
    title: port.productName,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click must not open links in new windows (Electron checklist: limit navigation).
      disableBlinkFeatures: 'Auxclick',
      preload: PRELOAD, // eng-disable PRELOAD_JS_CHECK -- our own bundled preload; it exposes only the contract's calls through contextBridge
    },
  });
  window.once('ready-to-show', () => window.show());
  await window.loadURL(`${APP_ORIGIN}/index.html`);
}
