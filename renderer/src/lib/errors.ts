/** How an error from window.bitagent is shown. Service messages are written for people; this adds a lead. */
import type { AppError, ErrorCode } from '../../../common/errors.js';

const NETWORK: ReadonlySet<ErrorCode> = new Set([
  'dns',
  'refused',
  'tls',
  'timeout',
  'network',
  'not-connectwise',
]);

export function isNetworkError(error: AppError): boolean {
  return NETWORK.has(error.code);
}

const LEADS: Partial<Record<ErrorCode, string>> = {
  refused: 'The site did not answer.',
  tls: 'The site’s security certificate was not accepted.',
  timeout: 'The site took too long to answer.',
  network: 'ConnectWise could not be reached.',
  'not-connectwise': 'That address does not answer like ConnectWise.',
  'unknown-company': 'ConnectWise does not know that Company ID.',
  'bad-client-id': 'ConnectWise did not accept the Client ID.',
  unauthorized: 'ConnectWise did not accept the keys.',
  forbidden: 'The API member is missing a permission.',
  throttled: 'ConnectWise asked us to slow down.',
  server: 'ConnectWise had a problem answering.',
  locked: 'Your passphrase is needed first.',
  'wrong-passphrase': 'That passphrase is not the right one.',
  'retry-later': 'Too many attempts.',
  'store-corrupt': 'The saved data could not be read.',
  'secret-missing': 'A key is missing.',
  cancelled: 'Cancelled: nothing was written.',
  io: 'The file could not be written.',
  internal: 'Something went wrong inside the app.',
};

/** One or two short sentences for a person. */
export function describeError(error: AppError): string {
  const lead = LEADS[error.code];
  const wait =
    error.retryAfterSeconds !== undefined && error.retryAfterSeconds > 0
      ? ` Try again in ${Math.ceil(error.retryAfterSeconds)} seconds.`
      : '';
  const message = error.message.trim();
  if (!lead) return `${message}${wait}`;
  if (message === '' || message === lead) return `${lead}${wait}`;
  return `${lead} ${message}${wait}`;
}
