/**
 * App-wide state: what the app knows about itself. The wizard's own state lives beside it.
 */
import { create } from 'zustand';
import type { AppInfo } from '../../../common/app-info.js';
import type { AppError } from '../../../common/errors.js';

interface AppState {
  info: AppInfo | null;
  infoError: AppError | null;
  loadInfo(): Promise<void>;
}

export const useAppStore = create<AppState>((set) => ({
  info: null,
  infoError: null,
  async loadInfo() {
    const result = await window.bitagent.app.info({});
    if (result.ok) set({ info: result.value, infoError: null });
    else set({ infoError: result.error });
  },
}));
