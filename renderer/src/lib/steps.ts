/** The steps in order, their names, and whether each is done or needs attention. */
import type { Draft } from '../../../common/schemas/draft.js';
import type { ValidationReport } from '../../../common/schemas/validation.js';
import type { SecretsStatus } from '../../../common/schemas/vault.js';
import { WIZARD_STEPS, type WizardStep } from '../../../common/schemas/wizard.js';
import { PERMISSIONS, ROLE_CHECKLIST } from '../content/guide.js';
import { normaliseSite } from './site.js';
import { boardSchema, companyIdSchema, contactEmailSchema, problemOf, statusesSchema } from './validators.js';

export const STEP_TITLES: Record<WizardStep, string> = {
  welcome: 'Welcome',
  site: 'Your ConnectWise site',
  'client-id': 'Step A: Client ID',
  role: 'Step B: Security role',
  member: 'Step C: API member and keys',
  board: 'Board and statuses',
  validate: 'Validate',
  review: 'Review and export',
};

export const ROLE_CHECKLIST_IDS: readonly string[] = [
  ROLE_CHECKLIST.created,
  ...PERMISSIONS.map((p) => p.id),
  ROLE_CHECKLIST.everythingElseNone,
  ROLE_CHECKLIST.saved,
];

export function stepIndex(step: WizardStep): number {
  return WIZARD_STEPS.indexOf(step);
}

export function nextStep(step: WizardStep): WizardStep | null {
  return WIZARD_STEPS[stepIndex(step) + 1] ?? null;
}

export function previousStep(step: WizardStep): WizardStep | null {
  const i = stepIndex(step);
  return i > 0 ? (WIZARD_STEPS[i - 1] ?? null) : null;
}

export type StepState = 'done' | 'attention' | 'todo';

export interface StepContext {
  draft: Draft;
  secrets: SecretsStatus | null;
  report: ValidationReport | null;
  reportStale: boolean;
  /** The furthest step the user has reached (draft.currentStep or the one on screen). */
  reached: WizardStep;
}

function secretOk(secrets: SecretsStatus | null, name: keyof SecretsStatus): boolean | null {
  if (!secrets) return null;
  const s = secrets[name];
  return s.set ? s.wellFormed !== false : false;
}

function complete(step: WizardStep, ctx: StepContext): boolean {
  const { draft, secrets } = ctx;
  switch (step) {
    case 'welcome':
      return stepIndex(ctx.reached) > 0;
    case 'site':
      return problemOf(companyIdSchema, draft.companyId) === null && 'site' in normaliseSite(draft.site);
    case 'client-id':
      return (
        draft.contactName.trim() !== '' &&
        problemOf(contactEmailSchema, draft.contactEmail) === null &&
        secretOk(secrets, 'clientId') === true
      );
    case 'role':
      return ROLE_CHECKLIST_IDS.every((id) => draft.checklist[id] === true);
    case 'member':
      return secretOk(secrets, 'publicKey') === true && secretOk(secrets, 'privateKey') === true;
    case 'board':
      // The guide's defaults fill this step in: it is done once the user has looked at it.
      return (
        draft.checklist['seen.board'] === true &&
        problemOf(boardSchema, draft.board) === null &&
        problemOf(statusesSchema, draft.statuses) === null
      );
    case 'validate':
      return ctx.report?.ok === true && !ctx.reportStale;
    case 'review':
      return draft.lastExport !== null;
  }
}

export function stepState(step: WizardStep, ctx: StepContext): StepState {
  const flagged =
    !ctx.reportStale &&
    ctx.report?.checks.some((c) => c.step === step && (c.status === 'fail' || c.status === 'warn'));
  if (flagged) return 'attention';
  if (step === 'validate' && ctx.report && !ctx.report.ok && !ctx.reportStale) return 'attention';
  if (complete(step, ctx)) return 'done';
  // A step the user has gone past without finishing it (a key still to come, say) needs attention.
  if (stepIndex(step) < stepIndex(ctx.reached) && step !== 'validate' && step !== 'welcome')
    return 'attention';
  return 'todo';
}

export const STATE_LABELS: Record<StepState, string> = {
  done: 'done',
  attention: 'needs attention',
  todo: 'not done yet',
};
