/** What to do about each way of failing to reach ConnectWise: one sentence a PSA admin can act on. */
import type { AppFailure } from '../../common/errors.js';
import { ConnectWiseError } from '../connectwise/errors.js';

const TLS_FIX: Record<NonNullable<ConnectWiseError['tls']>, string> = {
  'self-signed':
    'If this is your own on-premise server with a private certificate authority, give its CA certificate (bitagent-cw validate --ca FILE). Otherwise have the certificate replaced by one from a public authority.',
  untrusted:
    'If your server uses a private certificate authority, give its CA certificate (bitagent-cw validate --ca FILE). If a proxy inspects https traffic, give the proxy’s CA.',
  expired: 'The server’s https certificate has expired: have it renewed, then validate again.',
  'not-yet-valid': 'Check that this computer’s date and time are right, then validate again.',
  'name-mismatch':
    'Enter the site exactly as the server’s certificate names it (the address you log in with), then validate again.',
  handshake: 'Check that the site is an https address on the right port.',
};

/** The fix for a failure to reach or recognise the site. */
export function fixFor(error: AppFailure): string {
  switch (error.code) {
    case 'invalid-input':
      return 'Enter the address you log in to ConnectWise with, e.g. na.myconnectwise.net or psa.yourcompany.com.';
    case 'dns':
      return 'Check the spelling of the site. If it is right, check this computer’s network (VPN, DNS).';
    case 'refused':
      return 'Check the address and port. The server may be down, or a firewall may block this computer.';
    case 'tls':
      return error instanceof ConnectWiseError && error.tls ? TLS_FIX[error.tls] : TLS_FIX.handshake;
    case 'timeout':
      return 'Check the site and this computer’s network (firewall, proxy: HTTPS_PROXY), then try again. A slow server may need a longer timeout (--timeout-ms).';
    case 'network':
      return 'Check this computer’s network connection and proxy settings (HTTPS_PROXY, NO_PROXY), then try again.';
    case 'not-connectwise':
      return 'This address does not answer like ConnectWise PSA. Enter the address of your ConnectWise login page (e.g. na.myconnectwise.net), not a company web site.';
    case 'throttled':
      return `ConnectWise is limiting requests. Wait${error.retryAfterSeconds ? ` ${error.retryAfterSeconds} seconds` : ' a minute'} and validate again.`;
    case 'server':
      return 'ConnectWise had an internal problem. Try again in a few minutes; if it persists, contact ConnectWise support.';
    case 'cancelled':
      return 'Validate again when ready.';
    default:
      return 'Try again; if it persists, check the site and this computer’s network.';
  }
}

/** Errors that say the API host itself is wrong or unreachable (as opposed to the keys or the rights). */
export const REACH_CODES = new Set(['dns', 'refused', 'tls', 'timeout', 'network', 'not-connectwise']);
