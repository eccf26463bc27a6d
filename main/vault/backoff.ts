/**
 * Wrong passphrases: five attempts come free, then each further failure makes the next attempt wait, doubling
 * from 30 s up to 15 min. Kept in memory only: the issue requires a wrong passphrase to leave the store
 * unchanged, so the count is not written (restarting the app resets it). The real defence against guessing is
 * scrypt's cost on a copy of the file; this only stops the wizard being used as a guessing machine.
 */
export const FREE_ATTEMPTS = 5;
const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 15 * 60_000;

export interface Backoff {
  /** Whole seconds before the next attempt is accepted; 0 when it may be made now. */
  remainingSeconds(now: Date): number;
  failed(now: Date): void;
  succeeded(): void;
  readonly failures: number;
}

export function delayAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_MS);
}

export function createBackoff(): Backoff {
  let failures = 0;
  let notBefore = 0;
  return {
    remainingSeconds: (now) => Math.max(0, Math.ceil((notBefore - now.getTime()) / 1000)),
    failed(now) {
      failures++;
      notBefore = now.getTime() + delayAfter(failures);
    },
    succeeded() {
      failures = 0;
      notBefore = 0;
    },
    get failures() {
      return failures;
    },
  };
}
