/**
 * The `input` check: what can be known before any network call. Values are never quoted back: three of
 * them are secrets, and a message saying "the Client ID 'x' is not a GUID" would leak one.
 */
import { API_KEY_PATTERN, GUID_PATTERN } from '../../../common/schemas/text.js';
import type { CheckResult, ValidationInput } from '../../../common/schemas/validation.js';
import type { WizardStep } from '../../../common/schemas/wizard.js';
import { pass, result } from '../result.js';

/** The input after trimming: the same fields as the CLI's input file and the vault's reader. */
export type PreparedInput = ValidationInput;

/** Which later checks have what they need. */
export interface InputGate {
  site: boolean;
  company: boolean;
  credentials: boolean;
  board: boolean;
  statuses: boolean;
}

interface Problem {
  text: string;
  fix: string;
  step: WizardStep;
}

export function prepareInput(input: ValidationInput): PreparedInput {
  // Pasted values carry stray spaces and line breaks; none of these fields can meaningfully start or end with one.
  const statuses = [...new Set(input.statuses.map((s) => s.trim()).filter((s) => s !== ''))];
  return {
    site: input.site.trim(),
    companyId: input.companyId.trim(),
    clientId: input.clientId.trim(),
    publicKey: input.publicKey.trim(),
    privateKey: input.privateKey.trim(),
    board: input.board.trim(),
    statuses,
  };
}

export function checkInput(p: PreparedInput): { result: CheckResult; gate: InputGate } {
  const failures: Problem[] = [];
  const warnings: Problem[] = [];
  const need = (ok: boolean, text: string, fix: string, step: WizardStep) => {
    if (!ok) failures.push({ text, fix, step });
    return ok;
  };

  const site = need(p.site !== '', 'The site is missing.', 'Enter your ConnectWise site.', 'site');
  const company = need(
    p.companyId !== '',
    'The Company ID is missing.',
    'Enter the Company ID (the first field of your ConnectWise login form).',
    'site',
  );
  const clientPresent = need(
    p.clientId !== '',
    'The Client ID is missing.',
    'Enter the Client ID from developer.connectwise.com.',
    'client-id',
  );
  const clientForm =
    !clientPresent ||
    need(
      GUID_PATTERN.test(p.clientId),
      'The Client ID is not a GUID.',
      'Copy the Client ID exactly as developer.connectwise.com shows it (like 7a002312-3831-42a6-cff5-8cd2c8d969f1).',
      'client-id',
    );
  const keysPresent =
    need(p.publicKey !== '', 'The public key is missing.', 'Enter the API member’s public key.', 'member') &&
    need(p.privateKey !== '', 'The private key is missing.', 'Enter the API member’s private key.', 'member');
  const keysDistinct =
    !keysPresent ||
    need(
      p.publicKey !== p.privateKey,
      'The public and private keys are the same.',
      'Copy both keys of the API key: the public one and the private one are different.',
      'member',
    );
  const board = need(
    p.board !== '',
    'The service board is missing.',
    'Enter the service board’s name.',
    'board',
  );
  const statuses = need(
    p.statuses.length > 0,
    'No ticket status is given.',
    'Enter at least one ticket status BitAgent may update.',
    'board',
  );

  for (const [label, key] of [
    ['public', p.publicKey],
    ['private', p.privateKey],
  ] as const) {
    if (key !== '' && !API_KEY_PATTERN.test(key))
      warnings.push({
        text: `The ${label} key is ${key.length} characters${/^[A-Za-z0-9]*$/.test(key) ? '' : ' including characters other than letters and digits'}; ConnectWise keys are usually 16 letters and digits.`,
        fix: `Copy the ${label} key again from System › Members › API Members › API Keys.`,
        step: 'member',
      });
  }
  if (/\s|\+/.test(p.companyId))
    warnings.push({
      text: 'The Company ID contains a space or a plus sign; it is usually one short word.',
      fix: 'Use the short company you type on the login form, not the company’s display name.',
      step: 'site',
    });

  const gate: InputGate = {
    site: site && company,
    company,
    credentials: clientPresent && clientForm && keysPresent && keysDistinct,
    board,
    statuses,
  };
  const first = failures[0] ?? warnings[0];
  if (!first) return { result: pass('input', 'Every field is filled in and well-formed.'), gate };
  const all = [...failures, ...warnings];
  return {
    result: result(
      'input',
      failures.length > 0 ? 'fail' : 'warn',
      all.map((p) => p.text).join(' '),
      [...new Set(all.map((p) => p.fix))].join(' '),
      first.step,
    ),
    gate,
  };
}
