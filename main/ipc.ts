/**
 * Binds the contract to ipcMain. Every channel of common/contract.ts gets one handler, which first checks that
 * the call comes from the app's own page (never another frame, never a page the window was tricked into
 * loading), then hands it to the dispatcher. The dispatcher validates the input and wraps every outcome in a
 * result envelope, so nothing ever throws across IPC.
 */
import { CHANNELS, type EventName, wireName } from '../common/contract.js';
import { fail } from '../common/errors.js';
import type { Dispatcher } from './dispatch.js';

/** Where the renderer is served from (main/index.ts registers the scheme). */
export const APP_ORIGIN = 'app://bitagent';

/** Electron's WebFrameMain, as far as the check needs it: its URL, and whether it is a sub-frame. */
export interface SenderFrameLike {
  url: string;
  parent: unknown;
}

/** Only the top frame of our own origin may call in. */
export function isTrustedSenderFrame(frame: SenderFrameLike | null | undefined): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    const url = new URL(frame.url);
    return `${url.protocol}//${url.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** What bindIpc needs of the sender: its frame, and a way to push events back to it. */
export interface InvokeEventLike {
  senderFrame: SenderFrameLike | null;
  sender: { send(channel: string, payload: unknown): void };
}

/** The part of Electron's ipcMain that bindIpc uses (method syntax: Electron's own ipcMain fits it). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, input: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export function bindIpc(ipcMain: IpcMainLike, dispatch: Dispatcher): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(wireName(channel), async (event: InvokeEventLike, rawInput: unknown) => {
      if (!isTrustedSenderFrame(event.senderFrame)) {
        return fail({ code: 'forbidden-sender', message: 'This call is only accepted from the app window.' });
      }
      return dispatch(channel, rawInput, {
        runtime: 'electron',
        emit: (name: EventName, payload: unknown) => event.sender.send(wireName(name), payload),
      });
    });
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(wireName(channel));
  };
}
