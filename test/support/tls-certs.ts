/**
 * Certificates made at test time with openssl, in a temporary folder: a private CA, leaves it signs (valid,
 * expired, for another name), and a self-signed leaf. Nothing here is a real secret or leaves the machine.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Pem {
  key: string;
  cert: string;
}

export interface TestCerts {
  dir: string;
  /** The private CA's certificate, and its path (for --ca). */
  caCert: string;
  caFile: string;
  /** Signed by the CA for IP 127.0.0.1 (so `https://localhost` is a name mismatch). */
  valid: Pem;
  /** Signed by the CA for 127.0.0.1, but expired. */
  expired: Pem;
  /** Signed by the CA for `psa.mymsp.invalid` (reached only through a test proxy). */
  named: Pem;
  /** Self-signed for 127.0.0.1; its own certificate is also its CA, at `selfSignedFile`. */
  selfSigned: Pem;
  selfSignedFile: string;
  cleanup(): void;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

export function makeTestCerts(): TestCerts {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bitagent-tls-'));
  const at = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });

  openssl(
    'req',
    '-x509',
    ...EC,
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '2',
    '-subj',
    '/CN=BitAgent Test CA',
  );
  const leaf = (name: string, san: string, days: string): Pem => {
    openssl('req', '-new', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
    writeFileSync(at(`${name}.ext`), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\n`);
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      days,
      '-extfile',
      `${name}.ext`,
    );
    return { key: readFileSync(at(`${name}.key`), 'utf8'), cert: readFileSync(at(`${name}.crt`), 'utf8') };
  };
  const valid = leaf('valid', 'IP:127.0.0.1', '2');
  // -days -1 puts notAfter a day before notBefore: expired from the moment it is made.
  const expired = leaf('expired', 'IP:127.0.0.1', '-1');
  const named = leaf('named', 'DNS:psa.mymsp.invalid', '2');
  openssl(
    'req',
    '-x509',
    ...EC,
    '-keyout',
    'self.key',
    '-out',
    'self.crt',
    '-days',
    '2',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  );
  return {
    dir,
    caCert: readFileSync(at('ca.crt'), 'utf8'),
    caFile: at('ca.crt'),
    valid,
    expired,
    named,
    selfSigned: { key: readFileSync(at('self.key'), 'utf8'), cert: readFileSync(at('self.crt'), 'utf8') },
    selfSignedFile: at('self.crt'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
