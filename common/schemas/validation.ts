/**
 * The validation report: what `validation.run` and `bitagent-cw validate --json` return, and what a submission
 * carries. Never holds a secret.
 */
import { z } from 'zod';
import { shortText } from './text.js';
import { WizardStepSchema } from './wizard.js';

export const CHECK_IDS = [
  'input',
  'site',
  'company',
  'client-id',
  'keys',
  'member',
  'permissions',
  'least-privilege',
  'board',
  'statuses',
] as const;
export const CheckIdSchema = z.enum(CHECK_IDS);
export type CheckId = z.infer<typeof CheckIdSchema>;

export const CHECK_STATUSES = ['pass', 'warn', 'fail', 'unverified', 'skipped'] as const;
export const CheckStatusSchema = z.enum(CHECK_STATUSES);
export type CheckStatus = z.infer<typeof CheckStatusSchema>;

export const CheckResultSchema = z.strictObject({
  id: CheckIdSchema,
  status: CheckStatusSchema,
  title: shortText(200),
  /** What was seen. */
  detail: shortText(2000),
  /** What to do about it (every status but pass). */
  fix: shortText(2000).optional(),
  /** Where in the wizard to do it. */
  step: WizardStepSchema.optional(),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;

export const IdNameSchema = z.strictObject({ id: z.number().int().nonnegative(), name: shortText(200) });
export type IdName = z.infer<typeof IdNameSchema>;

export const ConnectionSchema = z.strictObject({
  apiBase: shortText(500),
  codebase: shortText(100),
  version: shortText(100),
  isCloud: z.boolean(),
});
export type Connection = z.infer<typeof ConnectionSchema>;

export const ValidationReportSchema = z.strictObject({
  ok: z.boolean(),
  checks: z.array(CheckResultSchema).max(20),
  connection: ConnectionSchema.optional(),
  board: IdNameSchema.optional(),
  statuses: z.array(IdNameSchema).max(100),
  durationMs: z.number().nonnegative(),
  checkedAt: z.iso.datetime(),
});
export type ValidationReport = z.infer<typeof ValidationReportSchema>;

/** Pushed while a validation runs, one per check as it starts and as it ends. */
export const ValidationProgressSchema = z.strictObject({
  runId: shortText(64),
  checkId: CheckIdSchema,
  state: z.enum(['running', 'done']),
  result: CheckResultSchema.optional(),
});
export type ValidationProgress = z.infer<typeof ValidationProgressSchema>;

/**
 * What a validation needs: the CLI's input file (`bitagent-cw validate --input`), and what the app assembles
 * from the draft and the vault. Extra keys are allowed (an `open --json --reveal` payload can be piped in).
 */
export const ValidationInputSchema = z.object({
  site: z.string().max(500),
  companyId: z.string().max(100),
  clientId: z.string().max(100),
  publicKey: z.string().max(200),
  privateKey: z.string().max(200),
  board: z.string().max(200),
  statuses: z.array(z.string().max(200)).max(50),
});
export type ValidationInput = z.infer<typeof ValidationInputSchema>;
