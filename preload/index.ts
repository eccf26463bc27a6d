/**
 * The preload: exposes exactly the contract's calls as `window.bitagent`, and nothing else. The renderer never
 * sees ipcRenderer; each function sends one known channel with one argument.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildBitAgentApi } from '../common/bridge.js';
import { wireName } from '../common/contract.js';
import type { Result } from '../common/errors.js';

const api = buildBitAgentApi(
  (channel, input) => ipcRenderer.invoke(wireName(channel), input) as Promise<Result<unknown>>,
  (event, listener) => {
    const handler = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(wireName(event), handler);
    return () => {
      ipcRenderer.removeListener(wireName(event), handler);
    };
  },
);

contextBridge.exposeInMainWorld('bitagent', api);
