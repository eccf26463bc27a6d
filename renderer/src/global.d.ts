import type { BitAgentApi } from '../../common/bridge.js';

declare global {
  interface Window {
    /** Installed by the preload (Electron) or the harness shim (browser); the renderer's only way out. */
    readonly bitagent: BitAgentApi;
  }
}
