/**
 * main/ipc.ts against an object with ipcMain's `handle` shape. Electron's ipcMain itself needs the Electron
 * runtime (absent here; test/electron covers it where present): what matters here is what ipc.ts does with
 * what it is given — the sender check, the input check, and that nothing throws across.
 */
import { describe, expect, it } from 'vitest';
import { CHANNELS, contract, wireName } from '../../common/contract.js';
import { createDispatcher, type Handlers } from '../../main/dispatch.js';
import { bindIpc, type InvokeEventLike, isTrustedSenderFrame } from '../../main/ipc.js';
import { createLogger } from '../../main/log.js';
import { malformedPayloads } from '../support/fuzz.js';

type Listener = (event: InvokeEventLike, input: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const listeners = new Map<string, Listener>();
  return {
    listeners,
    handle(channel: string, listener: Listener) {
      if (listeners.has(channel)) throw new Error(`second handler for ${channel}`);
      listeners.set(channel, listener);
    },
    removeHandler(channel: string) {
      listeners.delete(channel);
    },
  };
}

function countingHandlers() {
  const calls: string[] = [];
  const table: Record<string, () => Promise<unknown>> = {};
  for (const channel of CHANNELS) {
    table[channel] = async () => {
      calls.push(channel);
      if (channel === 'app.info')
        return { name: 'a', productName: 'A', version: '9.9.9', platform: 'linux', runtime: 'electron' };
      return undefined;
    };
  }
  return { calls, handlers: table as unknown as Handlers };
}

const trustedEvent = (sent: unknown[] = []) => ({
  senderFrame: { url: 'app://bitagent/index.html', parent: null },
  sender: { send: (...args: unknown[]) => sent.push(args) },
});

describe('bindIpc', () => {
  it('binds exactly one handler per contract call, under its wire name, and unbinds them', () => {
    const ipc = fakeIpcMain();
    const { handlers } = countingHandlers();
    const unbind = bindIpc(
      ipc,
      createDispatcher(
        handlers,
        createLogger(() => {}),
      ),
    );
    expect([...ipc.listeners.keys()].sort()).toEqual(CHANNELS.map(wireName).sort());
    unbind();
    expect(ipc.listeners.size).toBe(0);
  });

  it('answers a trusted call through the dispatcher', async () => {
    const ipc = fakeIpcMain();
    const { handlers } = countingHandlers();
    bindIpc(
      ipc,
      createDispatcher(
        handlers,
        createLogger(() => {}),
      ),
    );
    const listener = ipc.listeners.get(wireName('app.info'));
    expect(await listener?.(trustedEvent(), {})).toMatchObject({ ok: true, value: { version: '9.9.9' } });
  });

  it('refuses calls from any frame but our own top-level page', async () => {
    const ipc = fakeIpcMain();
    const { calls, handlers } = countingHandlers();
    bindIpc(
      ipc,
      createDispatcher(
        handlers,
        createLogger(() => {}),
      ),
    );
    const listener = ipc.listeners.get(wireName('app.info'));
    const strangers = [
      { senderFrame: { url: 'https://evil.example/', parent: null } },
      { senderFrame: { url: 'app://other/index.html', parent: null } },
      { senderFrame: { url: 'file:///tmp/index.html', parent: null } },
      { senderFrame: { url: 'app://bitagent/index.html', parent: { url: 'app://bitagent/' } } },
      { senderFrame: null },
      { senderFrame: { url: 'not a url', parent: null } },
    ];
    for (const event of strangers) {
      expect(await listener?.({ ...event, sender: { send() {} } }, {})).toMatchObject({
        ok: false,
        error: { code: 'forbidden-sender' },
      });
    }
    expect(calls).toEqual([]);
  });

  it('isTrustedSenderFrame accepts only app://bitagent', () => {
    expect(isTrustedSenderFrame({ url: 'app://bitagent/index.html', parent: null })).toBe(true);
    expect(isTrustedSenderFrame({ url: 'app://bitagent.evil/index.html', parent: null })).toBe(false);
  });

  it.each(CHANNELS)(
    '%s: 500 malformed payloads over IPC each get invalid-input and reach no service',
    async (channel) => {
      const ipc = fakeIpcMain();
      const { calls, handlers } = countingHandlers();
      bindIpc(
        ipc,
        createDispatcher(
          handlers,
          createLogger(() => {}),
        ),
      );
      const listener = ipc.listeners.get(wireName(channel));
      if (!listener) throw new Error('not bound');
      for (const payload of malformedPayloads(contract[channel].input, 500, channel.length * 104729)) {
        const result = await listener(trustedEvent(), payload);
        expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      }
      expect(calls).toEqual([]);
    },
  );
});
