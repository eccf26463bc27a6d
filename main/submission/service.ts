/**
 * The submission service behind `submission.recipient`, `submission.preview` and `submission.export`.
 *
 * - preview: what would be sent, with every secret replaced by SECRET_MASK; fields still missing are listed
 *   (and empty in the payload) rather than refused, so the Review step can show them.
 * - export: refuses while a field is missing, and without a reason when there is no passing report; seals the
 *   file, asks where to save it (a save dialog; the harness's downloads folder) and writes it atomically.
 *
 * Secrets come from `readSubmissionInput` (the vault), go into the sealed payload and nowhere else: they are
 * registered with the logger, and no message here ever includes a field's value.
 */

import { AppFailure } from '../../common/errors.js';
import type { Draft } from '../../common/schemas/draft.js';
import {
  type RecipientInfo,
  SUBMISSION_EXTENSION,
  type SubmissionExportResult,
  type SubmissionPayload,
  type SubmissionPreview,
} from '../../common/schemas/submission.js';
import type { Logger } from '../log.js';
import type { PlatformPort } from '../platform/port.js';
import { ioFailure, writeFileAtomic } from './files.js';
import { createInstallationKey } from './installation-key.js';
import type { InstallationKeyStore } from './key-store.js';
import { isDevelopmentRecipient } from './keys.js';
import { packSubmission } from './pack.js';
import {
  buildPayload,
  maskPayload,
  missingFields,
  type SubmissionSecrets,
  validationPart,
  withIds,
} from './payload.js';
import { DEFAULT_RECIPIENT_JWK_PATH, readRecipientPublicJwk } from './recipient.js';

export interface SubmissionServiceDeps {
  port: PlatformPort;
  log: Logger;
  /** The draft and the unsealed secrets; an unset secret is "". */
  readSubmissionInput: () => Promise<{ draft: Draft; secrets: SubmissionSecrets }>;
  keyStore: InstallationKeyStore;
  /** Defaults to assets/recipient/bitagent-recipient.public.jwk at the project root. */
  recipientJwkPath?: string;
  now?: () => Date;
}

export interface SubmissionService {
  recipient(): Promise<RecipientInfo>;
  preview(): Promise<SubmissionPreview>;
  export(input: { unvalidatedReason?: string | undefined }): Promise<SubmissionExportResult>;
}

const FIELD_LABELS: Record<string, string> = {
  contactName: 'your name',
  contactEmail: 'your email',
  site: 'the ConnectWise site',
  companyId: 'the Company ID',
  clientId: 'the Client ID',
  memberIdentifier: 'the API member',
  roleName: 'the security role',
  publicKey: 'the public key',
  privateKey: 'the private key',
  board: 'the service board',
  statuses: 'the ticket statuses',
};

export function createSubmissionService(deps: SubmissionServiceDeps): SubmissionService {
  const { port, log } = deps;
  const now = deps.now ?? (() => new Date());
  const recipientPath = deps.recipientJwkPath ?? DEFAULT_RECIPIENT_JWK_PATH;
  const installationKey = createInstallationKey(deps.keyStore, log);

  const recipientKey = () => readRecipientPublicJwk(recipientPath);

  async function assemble(reason: string | null) {
    const { draft, secrets } = await deps.readSubmissionInput();
    for (const secret of Object.values(secrets)) log.addSecret(secret);
    const missing = missingFields(draft, secrets);
    const validation = validationPart(draft.lastReport, reason ?? draft.unvalidatedReason);
    const payload = (v: NonNullable<typeof validation>): SubmissionPayload =>
      buildPayload({
        createdAt: now().toISOString(),
        appVersion: port.appVersion,
        contact: { name: draft.contactName, email: draft.contactEmail },
        site: draft.site,
        companyId: draft.companyId,
        memberIdentifier: draft.memberIdentifier,
        roleName: draft.roleName,
        board: { id: draft.boardId, name: draft.board.trim() },
        statuses: withIds(draft.statuses, draft.statusIds),
        secrets,
        validation: v,
      });
    return { draft, missing, validation, payload };
  }

  return {
    async recipient() {
      const jwk = await recipientKey();
      return { kid: jwk.kid, development: isDevelopmentRecipient(jwk) };
    },

    async preview() {
      const [{ missing, validation, payload }, jwk, key] = await Promise.all([
        assemble(null),
        recipientKey(),
        installationKey(),
      ]);
      // Before a reason is given the preview still shows "not validated", with no reason yet.
      const shown = payload(validation ?? { validated: false, reason: '' });
      return {
        payload: maskPayload(shown),
        recipient: { kid: jwk.kid, development: isDevelopmentRecipient(jwk) },
        signer: key.signer,
        missing,
      };
    },

    async export(input) {
      const { draft, missing, validation, payload } = await assemble(input.unvalidatedReason ?? null);
      if (missing.length > 0) {
        const first = missing[0] ?? '';
        throw new AppFailure(
          'invalid-input',
          `Before exporting, fill in ${missing.map((m) => FIELD_LABELS[m] ?? m).join(', ')}.`,
          { field: first },
        );
      }
      if (!validation) {
        throw new AppFailure(
          'invalid-input',
          draft.lastReport
            ? 'The last validation did not pass: say why you are sending it anyway.'
            : 'This has not been validated against ConnectWise: say why you are sending it anyway.',
          { field: 'unvalidatedReason' },
        );
      }
      const [jwk, key] = await Promise.all([recipientKey(), installationKey()]);
      const text = await packSubmission(payload(validation), { signingKey: key, recipientPublicJwk: jwk });

      const chosen = await port.chooseSavePath(suggestedName(draft.companyId, now()));
      if (chosen === null) throw new AppFailure('cancelled', 'Export cancelled: no file was written.');
      try {
        await writeFileAtomic(chosen, text);
      } catch (error) {
        throw ioFailure('write the submission file', error);
      }
      const bytes = Buffer.byteLength(text);
      log.info('submission: exported', { bytes, signer: key.signer.thumbprint, recipient: jwk.kid });
      return { path: chosen, bytes, signer: key.signer };
    },
  };
}

/** `bitagent-connectwise-<company>-<yyyy-mm-dd>.bitagent`, the company id reduced to safe filename characters. */
export function suggestedName(companyId: string, at: Date): string {
  const company =
    companyId
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .slice(0, 60) || 'company';
  return `bitagent-connectwise-${company}-${at.toISOString().slice(0, 10)}${SUBMISSION_EXTENSION}`;
}
