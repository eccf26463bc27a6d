/**
 * Coalesces writes: every request made while a write is pending joins that write, so a burst of 50 saves
 * costs one or two writes, yet each caller's promise resolves only once a write that started after its
 * request (and so includes its change) is on disk. Writes never overlap.
 */
export interface Coalescer<T> {
  /** Resolves with the result of the first write that starts after this call. */
  request(): Promise<T>;
  /** Resolves when nothing is pending or being written. */
  idle(): Promise<void>;
}

interface Pending<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function createCoalescer<T>(write: () => Promise<T>, windowMs: number): Coalescer<T> {
  let pending: Pending<T> | null = null;
  let running: Promise<unknown> = Promise.resolve();

  const request = (): Promise<T> => {
    if (pending) return pending.promise;
    let resolve!: (value: T) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const mine: Pending<T> = { promise, resolve, reject };
    pending = mine;
    const previous = running;
    running = (async () => {
      await new Promise((r) => setTimeout(r, windowMs));
      await previous.catch(() => {});
      // From here on, new requests wait for the next write: this one may already have read the state.
      pending = null;
      try {
        mine.resolve(await write());
      } catch (error) {
        mine.reject(error);
      }
    })();
    return promise;
  };

  return {
    request,
    idle: async () => {
      for (;;) {
        const current = running;
        await current.catch(() => {});
        if (current === running && pending === null) return;
      }
    },
  };
}
