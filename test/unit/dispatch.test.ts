import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNELS, contract } from '../../common/contract.js';
import { AppFailure } from '../../common/errors.js';
import {
  type CallContext,
  createDispatcher,
  describeInvalidInput,
  type Handlers,
} from '../../main/dispatch.js';
import { createLogger } from '../../main/log.js';

const ctx: CallContext = { runtime: 'harness', emit: () => {} };

function handlersWith(overrides: Partial<Record<string, (input: unknown) => Promise<unknown>>>): Handlers {
  const table: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const channel of CHANNELS) {
    table[channel] =
      overrides[channel] ??
      (async () => {
        throw new Error(`${channel} should not have been called`);
      });
  }
  return table as unknown as Handlers;
}

describe('the dispatcher', () => {
  it('answers a valid call with {ok:true,value}', async () => {
    const dispatch = createDispatcher(
      handlersWith({
        'app.info': async () => ({
          name: 'n',
          productName: 'p',
          version: '1.2.3',
          platform: 'linux',
          runtime: 'harness',
        }),
      }),
      createLogger(() => {}),
    );
    expect(await dispatch('app.info', {}, ctx)).toEqual({
      ok: true,
      value: { name: 'n', productName: 'p', version: '1.2.3', platform: 'linux', runtime: 'harness' },
    });
  });

  it('refuses an unknown channel without calling anything', async () => {
    const dispatch = createDispatcher(
      handlersWith({}),
      createLogger(() => {}),
    );
    const result = await dispatch('app.nope', {}, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await dispatch('__proto__', {}, ctx)).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
    expect(await dispatch('toString', {}, ctx)).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
  });

  it('names the offending field of a malformed input', async () => {
    const dispatch = createDispatcher(
      handlersWith({}),
      createLogger(() => {}),
    );
    const wrongType = await dispatch('shell.openExternal', { url: 42 }, ctx);
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'url' } });
    if (!wrongType.ok) expect(wrongType.error.message).toContain('"url"');

    const extra = await dispatch(
      'shell.openExternal',
      { url: 'https://docs.connectwise.com', admin: true },
      ctx,
    );
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'admin' } });

    const missing = await dispatch('shell.openExternal', {}, ctx);
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'url' } });

    const huge = await dispatch(
      'shell.openExternal',
      { url: `https://docs.connectwise.com/${'a'.repeat(100_000)}` },
      ctx,
    );
    expect(huge).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'url' } });
    if (!huge.ok) expect(huge.error.message.length).toBeLessThan(300);
  });

  it('turns an AppFailure into its error and anything else into a generic internal error', async () => {
    const secret = 'rVdHgPaKX3WPmnh5';
    const lines: string[] = [];
    const dispatch = createDispatcher(
      handlersWith({
        'shell.openExternal': async () => {
          throw new AppFailure('url-not-allowed', 'Not allowed.', { field: 'url' });
        },
        'app.info': async () => {
          throw new Error(`boom with ${secret}`);
        },
      }),
      createLogger((line) => lines.push(line)),
    );
    expect(await dispatch('shell.openExternal', { url: 'https://x.example' }, ctx)).toEqual({
      ok: false,
      error: { code: 'url-not-allowed', message: 'Not allowed.', field: 'url' },
    });
    const internal = await dispatch('app.info', {}, ctx);
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(internal)).not.toContain(secret);
    expect(lines.join('\n')).not.toContain(secret);
  });

  it('never sends a value its output schema does not allow', async () => {
    const dispatch = createDispatcher(
      handlersWith({ 'app.info': async () => ({ name: 'n', version: 1 }) }),
      createLogger(() => {}),
    );
    expect(await dispatch('app.info', {}, ctx)).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('describes a nested path', () => {
    const error = z.strictObject({ a: z.strictObject({ b: z.string() }) }).safeParse({ a: { b: 1 } }).error;
    if (!error) throw new Error('expected a parse error');
    expect(describeInvalidInput('app.info', error)).toMatchObject({ field: 'a.b' });
  });

  it('has a strict input schema for every call: extra keys are refused', () => {
    for (const channel of CHANNELS) {
      const schema = contract[channel].input as z.ZodType;
      const result = schema.safeParse({ definitelyNotAField: 1 });
      expect(result.success, channel).toBe(false);
    }
  });
});
