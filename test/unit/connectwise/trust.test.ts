import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { systemCaCertificates, trustedRoots } from '../../../main/connectwise/trust.js';

describe('trusted roots', () => {
  it('keeps Node’s defaults when there is nothing to add', () => {
    expect(trustedRoots(undefined, [])).toBeUndefined();
  });

  it('adds the OS store and the extra CA to the bundled roots, never instead of them', () => {
    const roots = trustedRoots('EXTRA', ['SYSTEM-1', 'SYSTEM-2']);
    expect(roots?.slice(0, tls.rootCertificates.length)).toEqual([...tls.rootCertificates]);
    expect(roots?.slice(tls.rootCertificates.length)).toEqual(['SYSTEM-1', 'SYSTEM-2', 'EXTRA']);
  });

  it('reads the OS store only where the runtime can (Node 20 here cannot: an empty list, no error)', () => {
    const canRead =
      typeof (tls as unknown as { getCACertificates?: unknown }).getCACertificates === 'function';
    const system = systemCaCertificates();
    if (canRead) expect(system.every((pem) => pem.includes('BEGIN CERTIFICATE'))).toBe(true);
    else expect(system).toEqual([]);
  });
});
