/**
 * What services may ask of the platform. main/index.ts supplies the Electron implementation
 * (main/platform/electron-port.ts); the CLI, the harness and the tests supply the Node one. Services never
 * import `electron` themselves, so every one of them runs and is tested in plain Node.
 */
import type { Runtime } from '../../common/app-info.js';

/** The OS keychain's encryption (Electron safeStorage), offered only when a real keychain backs it. */
export interface KeychainSealer {
  /** e.g. "dpapi", "keychain", "gnome_libsecret", "kwallet5". */
  readonly backend: string;
  seal(plain: string): Buffer;
  unseal(sealed: Buffer): string;
}

export interface PlatformPort {
  readonly runtime: Runtime;
  readonly appName: string;
  readonly productName: string;
  readonly appVersion: string;
  readonly platform: string;
  /** Where this installation keeps its drafts, sealed secrets and key. */
  readonly userDataDir: string;
  /**
   * The keychain, or null where there is none (Linux `basic_text`, plain Node): the vault then asks the user
   * for a passphrase instead.
   */
  readonly keychain: KeychainSealer | null;
  /** Opens an https URL outside the app. Called only by the safe-shell service, after its allow-list check. */
  openExternal(url: string): Promise<'system-browser' | 'harness'>;
  /**
   * The OS's proxy rules for a URL, as Chromium states them (`PROXY host:port; DIRECT`), where the platform
   * knows them (the desktop app); absent elsewhere, where HTTPS_PROXY/NO_PROXY alone apply.
   */
  resolveProxy?(url: string): Promise<string>;
  /** Asks the user where to save a file; null when they cancel. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
}
