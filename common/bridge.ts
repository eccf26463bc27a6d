/**
 * Builds `window.bitagent` from the contract: `bitagent.app.info({})`, `bitagent.shell.openExternal({url})`, ...
 * The preload (over IPC) and the harness shim (over HTTP) both use it, so the renderer cannot tell them apart.
 */

import {
  CHANNELS,
  type Channel,
  type EventName,
  type EventPayload,
  type InputOf,
  type OutputOf,
} from './contract.js';
import type { Result } from './errors.js';

type NamespaceOf<C extends string> = C extends `${infer NS}.${string}` ? NS : never;
type MethodOf<C extends string, NS extends string> = C extends `${NS}.${infer M}` ? M : never;

export type BitAgentApi = {
  [NS in NamespaceOf<Channel>]: {
    [M in MethodOf<Channel, NS>]: `${NS}.${M}` extends infer C extends Channel
      ? (input: InputOf<C>) => Promise<Result<OutputOf<C>>>
      : never;
  };
} & {
  /** Subscribes to a main-process event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export type Invoke = (channel: Channel, input: unknown) => Promise<Result<unknown>>;
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

export function buildBitAgentApi(invoke: Invoke, subscribe: Subscribe): BitAgentApi {
  const api: Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const channel of CHANNELS) {
    const dot = channel.indexOf('.');
    const ns = channel.slice(0, dot);
    const method = channel.slice(dot + 1);
    api[ns] ??= {};
    api[ns][method] = (input: unknown) => invoke(channel, input);
  }
  const on = (event: EventName, listener: (payload: unknown) => void) => subscribe(event, listener);
  return Object.freeze({ ...api, on }) as unknown as BitAgentApi;
}
