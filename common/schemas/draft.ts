/**
 * The draft: every non-secret thing the wizard collects, saved as the user goes. Secrets (Client ID, public
 * and private key) are never part of it: they go to the vault's sealed store through `secrets.set`.
 */
import { z } from 'zod';
import { shortText } from './text.js';
import { IdNameSchema, ValidationReportSchema } from './validation.js';
import { WizardStepSchema } from './wizard.js';

export const REGIONS = ['na', 'eu', 'au', 'aus', 'za', 'staging', 'on-premise'] as const;
export const RegionSchema = z.enum(REGIONS);
export type Region = z.infer<typeof RegionSchema>;

export const DraftSchema = z.strictObject({
  contactName: shortText(200),
  contactEmail: shortText(254),
  region: RegionSchema,
  /** What the user typed or picked for their site; normalised by main/connectwise when used. */
  site: shortText(500),
  /** The login company (case-sensitive), not the display name. */
  companyId: shortText(100),
  integrationType: z.enum(['public', 'private']),
  memberIdentifier: shortText(100),
  roleName: shortText(100),
  board: shortText(200),
  /** The board's id once seen live; null while offline. */
  boardId: z.number().int().nonnegative().nullable(),
  statuses: z.array(shortText(200)).max(50),
  /** Ids of the statuses once seen live. */
  statusIds: z.array(IdNameSchema).max(50),
  /** Ticks of the wizard's checklists, by item id. */
  checklist: z
    .record(z.string().max(64), z.boolean())
    .refine((r) => Object.keys(r).length <= 100, 'at most 100 checklist items'),
  currentStep: WizardStepSchema,
  /** The last validation report (it holds no secrets). */
  lastReport: ValidationReportSchema.nullable(),
  /** Why the user exported without validating, when they did. */
  unvalidatedReason: shortText(1000),
  lastExport: z
    .strictObject({ path: shortText(4096), fingerprint: shortText(100), at: z.iso.datetime() })
    .nullable(),
});
export type Draft = z.infer<typeof DraftSchema>;

/** A save from the wizard: any subset of the draft's fields; unknown keys or wrong types refuse the whole patch. */
export const DraftPatchSchema = DraftSchema.partial();
export type DraftPatch = z.infer<typeof DraftPatchSchema>;

/** The guide's defaults: what a new draft starts with. */
export const DEFAULT_DRAFT: Draft = {
  contactName: '',
  contactEmail: '',
  region: 'na',
  site: 'na.myconnectwise.net',
  companyId: '',
  integrationType: 'private',
  memberIdentifier: 'BitAgent',
  roleName: 'BitAgent API',
  board: 'Support',
  boardId: null,
  statuses: ['New', 'New (Email Connector)', 'New (Portal)', '*New', '*New (Email Connector)'],
  statusIds: [],
  checklist: {},
  currentStep: 'welcome',
  lastReport: null,
  unvalidatedReason: '',
  lastExport: null,
};
