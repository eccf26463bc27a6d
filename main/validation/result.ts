/** Building check results: titles, the wizard step each check points at, and the length limits of the schema. */
import type { CheckId, CheckResult, CheckStatus } from '../../common/schemas/validation.js';
import type { WizardStep } from '../../common/schemas/wizard.js';

export const CHECK_TITLES: Record<CheckId, string> = {
  input: 'Fields are filled in',
  site: 'ConnectWise site is reachable',
  company: 'Company ID is known',
  'client-id': 'Client ID is accepted',
  keys: 'API keys are accepted',
  member: 'API member is active',
  permissions: 'Security role grants what BitAgent needs',
  'least-privilege': 'Security role grants nothing more',
  board: 'Service board exists',
  statuses: 'Ticket statuses exist on the board',
};

/** Where in the wizard each check's fix is made. */
export const CHECK_STEPS: Record<CheckId, WizardStep> = {
  input: 'site',
  site: 'site',
  company: 'site',
  'client-id': 'client-id',
  keys: 'member',
  member: 'member',
  permissions: 'role',
  'least-privilege': 'role',
  board: 'board',
  statuses: 'board',
};

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function result(
  id: CheckId,
  status: CheckStatus,
  detail: string,
  fix?: string,
  step: WizardStep = CHECK_STEPS[id],
): CheckResult {
  const base: CheckResult = { id, status, title: CHECK_TITLES[id], detail: clip(detail, 2000) };
  if (status === 'pass') return base;
  return { ...base, fix: clip(fix ?? 'Check this in ConnectWise, then validate again.', 2000), step };
}

export const pass = (id: CheckId, detail: string) => result(id, 'pass', detail);

/**
 * A check not run because one it depends on did not pass: it points at that one's fix, or, when that one was
 * skipped too, at the root cause it already names.
 */
export function skipped(id: CheckId, because: CheckResult): CheckResult {
  if (because.status === 'skipped')
    return result(id, 'skipped', because.detail, because.fix, because.step ?? CHECK_STEPS[because.id]);
  return result(
    id,
    'skipped',
    `Not checked: "${because.title}" did not pass.`,
    `Fix "${because.title}" first, then validate again.`,
    because.step ?? CHECK_STEPS[because.id],
  );
}

/** Quotes a name the MSP chose, for details: bounded, so a long name cannot crowd out the rest. */
export function quote(name: string): string {
  return `“${clip(name, 120)}”`;
}

/** "a, b and c", at most `max` items then "and N more". */
export function listOf(items: readonly string[], max = 12): string {
  const shown = items.slice(0, max);
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join('; ')}; and ${rest} more`;
  return shown.join('; ');
}
