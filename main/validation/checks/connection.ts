/**
 * `site`, `company`, `client-id` and `keys`: what discovery and the first authenticated answers say.
 * One authenticated answer of any kind (a 200, or a 403 "no permission") proves the Client ID and the keys;
 * a 401 proves the keys wrong but says nothing of the Client ID.
 */
import type { AppFailure } from '../../../common/errors.js';
import type { CheckResult } from '../../../common/schemas/validation.js';
import type { Discovery } from '../../connectwise/discovery.js';
import { fixFor, REACH_CODES } from '../fixes.js';
import { pass, quote, result, skipped } from '../result.js';
import type { Settled } from '../settled.js';

export type AuthOutcome =
  | { kind: 'accepted' }
  | { kind: 'bad-client-id' }
  | { kind: 'unauthorized' | 'not-found' | 'unreachable' | 'unknown'; error: AppFailure };

/** `results[0]` is `/system/info`, the call whose failure is reported; the rest only add evidence. */
export function authOutcome(results: readonly Settled<unknown>[]): AuthOutcome {
  if (results.some((r) => !r.ok && r.error.code === 'bad-client-id')) return { kind: 'bad-client-id' };
  if (results.some((r) => r.ok || r.error.code === 'forbidden')) return { kind: 'accepted' };
  const first = results[0];
  if (!first || first.ok) return { kind: 'accepted' };
  const { error } = first;
  if (error.code === 'unauthorized') return { kind: 'unauthorized', error };
  if (error.code === 'not-found') return { kind: 'not-found', error };
  if (REACH_CODES.has(error.code)) return { kind: 'unreachable', error };
  return { kind: 'unknown', error };
}

export interface KeysDiagnosis {
  /** The keys work the other way round. */
  swapped: boolean;
  /** The keys work with the Company ID as ConnectWise spells it. */
  companyAsSpelled: string | null;
}

function kindOf(d: Discovery): string {
  return `${d.isCloud ? 'ConnectWise cloud' : 'on-premise'}${d.version ? `, ${d.version}` : ''}`;
}

export function checkSite(discovery: Settled<Discovery>, outcome: AuthOutcome | null): CheckResult {
  if (!discovery.ok) {
    if (discovery.error.code === 'unknown-company')
      return pass(
        'site',
        'The site answers like ConnectWise PSA (it does not know that Company ID; see below).',
      );
    return result('site', 'fail', discovery.error.message, fixFor(discovery.error));
  }
  const d = discovery.value;
  if (outcome?.kind === 'unreachable')
    return result(
      'site',
      'fail',
      `The login host ${d.site.host} answered, but the API at ${d.apiBase} did not: ${outcome.error.message}`,
      fixFor(outcome.error),
    );
  const api = outcome === null ? ' (not contacted yet: fix the fields first)' : '';
  return pass('site', `Login at ${d.site.loginOrigin}; API at ${d.apiBase}${api} (${kindOf(d)}).`);
}

export function checkCompany(
  companyId: string,
  discovery: Settled<Discovery>,
  site: CheckResult,
): CheckResult {
  if (!discovery.ok) {
    if (discovery.error.code !== 'unknown-company') return skipped('company', site);
    return result(
      'company',
      'fail',
      `ConnectWise does not know the Company ID ${quote(companyId)}.`,
      'Enter the Company ID you type in the first field of the ConnectWise login form: the short login company, not the display name. It is case-sensitive.',
    );
  }
  const d = discovery.value;
  if (d.companyId !== companyId)
    return result(
      'company',
      'warn',
      `ConnectWise knows this company as ${quote(d.companyId)} (${quote(d.companyName)}), not ${quote(companyId)}.`,
      `Enter the Company ID exactly as ${quote(d.companyId)}: API keys may need its exact case.`,
    );
  return pass('company', `${quote(d.companyId)} is ${quote(d.companyName)} (${kindOf(d)}).`);
}

export function checkClientId(outcome: AuthOutcome): CheckResult {
  switch (outcome.kind) {
    case 'accepted':
      return pass('client-id', 'ConnectWise accepted the Client ID.');
    case 'bad-client-id':
      return result(
        'client-id',
        'fail',
        'ConnectWise did not accept the Client ID.',
        'Copy the Client ID again from developer.connectwise.com (ClientID). It must be approved; a Private integration’s Client ID works only on the PSA of the company that requested it.',
      );
    case 'unauthorized':
    case 'not-found':
      return result(
        'client-id',
        'unverified',
        'ConnectWise refused the keys, so it did not confirm the Client ID.',
        'Fix the API keys, then validate again.',
        'member',
      );
    default:
      return result(
        'client-id',
        'unverified',
        `Not confirmed: ${outcome.error.message}`,
        fixFor(outcome.error),
      );
  }
}

export function checkKeys(
  outcome: AuthOutcome,
  clientId: CheckResult,
  diagnosis: KeysDiagnosis | null,
): CheckResult {
  const fixAll =
    'Check the Company ID (case-sensitive), and copy the public and private keys again from System › Members › API Members › API Keys (the private key is shown only once: create a new key if it is lost).';
  switch (outcome.kind) {
    case 'accepted':
      return pass('keys', 'ConnectWise accepted the Company ID, public key and private key.');
    case 'bad-client-id':
      return skipped('keys', clientId);
    case 'unauthorized':
      if (diagnosis?.swapped)
        return result(
          'keys',
          'fail',
          'ConnectWise refused the keys as entered, but accepts them the other way round.',
          'Swap the public and private keys.',
        );
      if (diagnosis?.companyAsSpelled)
        return result(
          'keys',
          'fail',
          `ConnectWise refused the keys with the Company ID as typed, but accepts them with ${quote(diagnosis.companyAsSpelled)}.`,
          `Enter the Company ID exactly as ${quote(diagnosis.companyAsSpelled)}.`,
          'site',
        );
      return result('keys', 'fail', 'ConnectWise refused the Company ID and keys (HTTP 401).', fixAll);
    case 'not-found':
      return result(
        'keys',
        'fail',
        'ConnectWise answered "not found" to an authenticated request; on ConnectWise cloud this is how a wrong Company ID or key often shows.',
        fixAll,
      );
    default:
      return result('keys', 'unverified', `Not confirmed: ${outcome.error.message}`, fixFor(outcome.error));
  }
}
