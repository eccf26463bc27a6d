/**
 * Runs in the browser, before the renderer: installs `window.bitagent` over the harness's HTTP, built from the
 * same contract as the Electron preload, so the renderer cannot tell the two apart.
 */
import { buildBitAgentApi } from '../../common/bridge.js';
import type { Result } from '../../common/errors.js';

const token = new URLSearchParams(window.location.search).get('token') ?? '';
let source: EventSource | null = null;

const unreachable: Result<never> = {
  ok: false,
  error: {
    code: 'not-available',
    message: 'The local harness is not answering. Is `bitagent-cw serve` still running?',
  },
};

const api = buildBitAgentApi(
  async (channel, input) => {
    let result: Result<unknown>;
    try {
      const response = await fetch(`./__harness/call/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-bitagent-token': token },
        body: input === undefined ? '' : JSON.stringify(input),
      });
      result = (await response.json()) as Result<unknown>;
    } catch {
      return unreachable;
    }
    // Without Electron there is no system browser to hand a link to: the page opens it in a new tab instead.
    if (
      channel === 'shell.openExternal' &&
      result.ok &&
      typeof input === 'object' &&
      input !== null &&
      'url' in input
    ) {
      window.open(String(input.url), '_blank', 'noopener,noreferrer');
    }
    return result;
  },
  (event, listener) => {
    source ??= new EventSource(`./__harness/events?token=${encodeURIComponent(token)}`);
    const handler = (message: MessageEvent<string>) => listener(JSON.parse(message.data));
    source.addEventListener(event, handler);
    return () => source?.removeEventListener(event, handler);
  },
);

Object.defineProperty(window, 'bitagent', {
  value: api,
  writable: false,
  configurable: false,
  enumerable: true,
});
