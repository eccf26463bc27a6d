/**
 * Which certificate authorities a connection trusts. Node trusts only its own bundled list, not the operating
 * system's store; but an MSP's on-premise PSA often has a certificate from the company's own CA, and many MSP
 * networks inspect TLS with a firewall whose CA is in the OS store only. Where the runtime can read the OS
 * store (Node 22.15+/23.5+, as in the Electron the app ships with; not Node 20), those roots are trusted
 * too, alongside the bundled ones and the user's extra CA file.
 */
import tls from 'node:tls';

type GetCACertificates = (type: 'system') => string[];

/** The OS store's roots, or none where this Node cannot read them. */
export function systemCaCertificates(): string[] {
  const get = (tls as unknown as { getCACertificates?: GetCACertificates }).getCACertificates;
  if (typeof get !== 'function') return [];
  try {
    return get('system');
  } catch {
    return [];
  }
}

/**
 * The `ca` option for a TLS connection, or undefined to keep Node's defaults. Passing `ca` replaces Node's
 * roots, so the bundled ones are always listed first: extra roots are added, never instead.
 */
export function trustedRoots(extraCa: string | undefined, system: readonly string[]): string[] | undefined {
  if (extraCa === undefined && system.length === 0) return undefined;
  return [...tls.rootCertificates, ...system, ...(extraCa === undefined ? [] : [extraCa])];
}
