/** Throttling, server errors, dropped connections, silence and HTML: the transport's failure modes. */
import { variant } from './healthy.js';

export const throttledOnce = variant({
  name: 'throttled-once',
  description: 'system/info answers 429 with Retry-After: 1 once, then normally.',
  faults: [{ path: 'system/info', kind: 'status', status: 429, retryAfter: '1', times: 1 }],
});

export const throttledLong = variant({
  name: 'throttled-long',
  description: 'Every API call answers 429 with Retry-After: 120.',
  faults: [{ path: '/', kind: 'status', status: 429, retryAfter: '120' }],
});

export const serverErrorTwice = variant({
  name: 'server-error-twice',
  description: 'system/info answers 503 twice, then normally.',
  faults: [{ path: 'system/info', kind: 'status', status: 503, times: 2 }],
});

export const serverErrorAlways = variant({
  name: 'server-error-always',
  description: 'companyinfo always answers 500 with "timeout" in the body.',
  faults: [{ path: 'companyinfo', kind: 'status', status: 500 }],
});

export const resetOnce = variant({
  name: 'reset-once',
  description: 'The first system/info connection is dropped without an answer.',
  faults: [{ path: 'system/info', kind: 'reset', times: 1 }],
});

export const silentCompanyInfo = variant({
  name: 'silent-companyinfo',
  description: 'companyinfo never answers.',
  faults: [{ path: 'companyinfo', kind: 'hang' }],
});

export const silentApi = variant({
  name: 'silent-api',
  description: 'Every API call hangs; companyinfo answers.',
  faults: [{ path: '/', kind: 'hang' }],
});

export const htmlSite = variant({
  name: 'html-site',
  description: 'A web site that is not ConnectWise: every path is an HTML page.',
  html: true,
});
