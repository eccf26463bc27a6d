/**
 * A request's outcome as a value, so checks can read several outcomes at once. Anything that is not an
 * AppFailure (a bug) becomes an `internal` failure: the check then says "could not verify", and the original
 * error, which may quote a URL or a header, goes nowhere.
 */
import { AppFailure } from '../../common/errors.js';

export type Settled<T> = { ok: true; value: T } | { ok: false; error: AppFailure };

export async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    if (error instanceof AppFailure) return { ok: false, error };
    return { ok: false, error: new AppFailure('internal', 'An unexpected error stopped this check.') };
  }
}
