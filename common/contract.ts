/**
 * The IPC contract: the one place where a call's or an event's name is spelled.
 *
 * Every call has a zod input schema (strict: unknown keys are refused, every string is bounded) and an output
 * schema. The output schema is also an allow-list: the dispatcher parses every value a service returns, so a
 * field a service adds by mistake (a secret, say) never reaches the renderer.
 *
 * Bindings: main/ipc.ts (ipcMain), preload/index.ts (contextBridge), cli/harness (HTTP + the browser shim).
 * All three iterate this object; none of them names a channel.
 */
import { z } from 'zod';
import { AppInfoSchema } from './app-info.js';
import { BoardSummarySchema, CompanyInfoResultSchema, StatusSummarySchema } from './schemas/connectwise.js';
import { DraftPatchSchema } from './schemas/draft.js';
import {
  RecipientInfoSchema,
  SubmissionExportInputSchema,
  SubmissionExportResultSchema,
  SubmissionPreviewSchema,
} from './schemas/submission.js';
import { shortText } from './schemas/text.js';
import { ValidationProgressSchema, ValidationReportSchema } from './schemas/validation.js';
import {
  DraftLoadResultSchema,
  PassphraseSchema,
  SecretsPatchSchema,
  SecretsStatusSchema,
  VaultStatusSchema,
} from './schemas/vault.js';

/** A call with no arguments still takes `{}`, so "extra keys" is refused for every call alike. */
export const NoInput = z.strictObject({});

export const EXTERNAL_URL_MAX = 2048;

export const contract = {
  /** Name, version, platform, and whether this is the desktop app or the browser harness. */
  'app.info': { input: NoInput, output: AppInfoSchema },
  /** Opens an allow-listed https page (ConnectWise's developer and documentation sites, the MSP's own cloud PSA) in the system browser. */
  'shell.openExternal': {
    input: z.strictObject({ url: z.string().min(1).max(EXTERNAL_URL_MAX) }),
    output: z.strictObject({ opened: z.boolean(), via: z.enum(['system-browser', 'harness']) }),
  },

  // The vault (main/vault): the draft, and the sealed secrets.
  /** The saved draft (or the defaults), when it was saved, and a notice if a damaged store was moved aside. */
  'draft.load': { input: NoInput, output: DraftLoadResultSchema },
  /** Saves a partial patch of the draft; returns when it was written. */
  'draft.save': { input: DraftPatchSchema, output: z.strictObject({ savedAt: z.iso.datetime() }) },
  /** Seals and stores secrets; `null` removes one. Returns which are set, never their values. */
  'secrets.set': { input: SecretsPatchSchema, output: SecretsStatusSchema },
  'secrets.status': { input: NoInput, output: SecretsStatusSchema },
  'vault.status': { input: NoInput, output: VaultStatusSchema },
  /** Enters the passphrase (or chooses it, the first time, where there is no OS keychain). */
  'vault.unlock': { input: z.strictObject({ passphrase: PassphraseSchema }), output: VaultStatusSchema },
  /** Wipes the draft, the secrets and the passphrase. The wizard asks first. */
  'vault.forget': { input: z.strictObject({ confirm: z.literal(true) }), output: VaultStatusSchema },

  // ConnectWise (main/connectwise, main/validation): read-only, never changes the PSA.
  /** What /login/companyinfo says about a site and company, before any key exists. */
  'connectwise.companyInfo': {
    input: z.strictObject({ site: shortText(500), companyId: shortText(100) }),
    output: CompanyInfoResultSchema,
  },
  /** Service boards, with the draft's site and the stored keys. */
  'connectwise.listBoards': { input: NoInput, output: z.array(BoardSummarySchema).max(5000) },
  'connectwise.listStatuses': {
    input: z.strictObject({ boardId: z.number().int().positive().max(2_147_483_647) }),
    output: z.array(StatusSummarySchema).max(5000),
  },
  /** Every check against the live PSA, from the draft and the stored secrets; progress comes as events. */
  'validation.run': {
    input: z.strictObject({ runId: shortText(64).min(1) }),
    output: ValidationReportSchema,
  },

  // The submission file (main/submission).
  'submission.recipient': { input: NoInput, output: RecipientInfoSchema },
  'submission.preview': { input: NoInput, output: SubmissionPreviewSchema },
  /** Signs, encrypts and writes the file where the user chooses (a save dialog; the harness's downloads folder). */
  'submission.export': { input: SubmissionExportInputSchema, output: SubmissionExportResultSchema },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

/** Events main pushes to the renderer (progress, for example). Same rules: one schema each. */
export const events = {
  'validation.progress': ValidationProgressSchema,
} as const satisfies Record<string, z.ZodType>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type OutputOf<C extends Channel> = z.output<Contract[C]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const CHANNELS = Object.keys(contract) as Channel[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(contract, name);
}

/** The name used on the wire: a prefix keeps our channels apart from Electron's own. */
export function wireName(name: Channel | EventName): string {
  return `bitagent:${name}`;
}
