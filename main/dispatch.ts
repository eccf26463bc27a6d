/**
 * The one code path every call takes, whether it arrived over Electron IPC or the harness's HTTP:
 * look the channel up, parse the input with its schema, run the handler, parse the output, and wrap it all in a
 * result envelope. Nothing thrown here ever crosses the boundary.
 */
import type { z } from 'zod';
import type { Runtime } from '../common/app-info.js';
import {
  type Channel,
  contract,
  type EventName,
  type EventPayload,
  isChannel,
  type OutputOf,
  type ParsedInputOf,
} from '../common/contract.js';
import { type AppError, AppFailure, fail, ok, type Result } from '../common/errors.js';
import type { Logger } from './log.js';

export interface CallContext {
  runtime: Runtime;
  /** Pushes an event to the window that made this call. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export type Handlers = {
  [C in Channel]: (input: ParsedInputOf<C>, ctx: CallContext) => Promise<OutputOf<C>>;
};

export type Dispatcher = (channel: string, rawInput: unknown, ctx: CallContext) => Promise<Result<unknown>>;

export function createDispatcher(handlers: Handlers, log: Logger): Dispatcher {
  return async (channel, rawInput, ctx) => {
    if (!isChannel(channel)) {
      return fail({ code: 'unknown-channel', message: 'This call does not exist.' });
    }
    const entry = contract[channel];
    const parsed = entry.input.safeParse(rawInput);
    if (!parsed.success) return fail(describeInvalidInput(channel, parsed.error));

    try {
      const handler = handlers[channel] as (input: unknown, ctx: CallContext) => Promise<unknown>;
      const value = await handler(parsed.data, ctx);
      const checked = (entry.output as z.ZodType).safeParse(value);
      if (!checked.success) {
        // A service returned something its contract does not allow: a bug, and possibly a leak. Never send it.
        log.error(`${channel}: output does not match the contract`, {
          paths: checked.error.issues.map((i) => i.path.join('.')),
        });
        return fail({
          code: 'internal',
          message: 'Something went wrong inside the app. Nothing was changed.',
        });
      }
      return ok(checked.data);
    } catch (error) {
      if (error instanceof AppFailure) return fail(error.toAppError());
      // Unknown errors may quote their input (a URL with a key, a header): only the type is logged.
      log.error(`${channel}: unexpected ${error instanceof Error ? error.name : typeof error}`);
      return fail({ code: 'internal', message: 'Something went wrong inside the app. Nothing was changed.' });
    }
  };
}

/** A message that names the field and what was wrong with it, never the value that was sent. */
export function describeInvalidInput(channel: Channel, error: z.ZodError): AppError {
  const issue = error.issues[0];
  if (!issue) return { code: 'invalid-input', message: `Invalid input for ${channel}.` };
  let path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    path = path ? `${path}.${key}` : key;
    return {
      code: 'invalid-input',
      field: path,
      message: `Invalid input for ${channel}: unexpected field "${shorten(path)}".`,
    };
  }
  const where = path ? `field "${shorten(path)}"` : 'the input';
  return {
    code: 'invalid-input',
    message: `Invalid input for ${channel}: ${where}: ${issue.message}.`,
    ...(path ? { field: path } : {}),
  };
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
