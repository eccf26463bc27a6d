/** Runs tasks one at a time, in call order: the vault's state changes never interleave with "forget". */
export type Serial = <T>(task: () => T | Promise<T>) => Promise<T>;

export function createSerial(): Serial {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => T | Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.catch(() => {});
    return run;
  };
}
