/**
 * The only way the app opens anything outside itself. A link the renderer asks for must be https, carry no
 * credentials, use the default port, and point at a host on the allow-list; anything else is refused.
 * (After Bitwarden desktop's safe shell: one small service in front of shell.openExternal.)
 */
import { AppFailure } from '../../common/errors.js';
import type { PlatformPort } from '../platform/port.js';

const EXACT_HOSTS = new Set(['developer.connectwise.com', 'docs.connectwise.com']);
/** The MSP's own cloud PSA, to open a screen the wizard talks about. */
const HOST_SUFFIXES = ['.myconnectwise.net'];

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '')
    return false;
  const host = url.hostname.toLowerCase();
  if (EXACT_HOSTS.has(host)) return true;
  return HOST_SUFFIXES.some(
    (suffix) => host.endsWith(suffix) && host.length > suffix.length && !host.startsWith('.'),
  );
}

export function createSafeShell(port: Pick<PlatformPort, 'openExternal'>) {
  return {
    async openExternal(url: string): Promise<{ opened: boolean; via: 'system-browser' | 'harness' }> {
      if (!isAllowedExternalUrl(url)) {
        throw new AppFailure(
          'url-not-allowed',
          'That link is not one the app opens. Only https links to ConnectWise sites are allowed.',
          {
            field: 'url',
          },
        );
      }
      const via = await port.openExternal(new URL(url).toString()); // eng-disable OPEN_EXTERNAL_JS_CHECK -- this is the allow-list check; the URL passed it on the line above
      return { opened: true, via };
    },
  };
}
