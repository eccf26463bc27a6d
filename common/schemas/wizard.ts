/** The wizard's steps, by stable id: checks and errors point at these ("Go to step"). */
import { z } from 'zod';

export const WIZARD_STEPS = [
  'welcome',
  'site',
  'client-id',
  'role',
  'member',
  'board',
  'validate',
  'review',
] as const;
export const WizardStepSchema = z.enum(WIZARD_STEPS);
export type WizardStep = z.infer<typeof WizardStepSchema>;
