/**
 * From what the wizard collected to the submission payload: which fields are still missing, what the
 * validation part says, and the masked copy the preview (and `open` without --reveal) shows.
 */
import type { Draft } from '../../common/schemas/draft.js';
import {
  type NotValidated,
  SECRET_MASK,
  SUBMISSION_FORMAT,
  SUBMISSION_VERSION,
  type SubmissionPayload,
} from '../../common/schemas/submission.js';
import type { IdName, ValidationReport } from '../../common/schemas/validation.js';

export interface SubmissionSecrets {
  clientId: string;
  publicKey: string;
  privateKey: string;
}

/** Which fields an export needs, by the draft's (or the secrets') field names, in the wizard's order. */
export function missingFields(draft: Draft, secrets: SubmissionSecrets): string[] {
  const required: [string, string][] = [
    ['contactName', draft.contactName],
    ['contactEmail', draft.contactEmail],
    ['site', draft.site],
    ['companyId', draft.companyId],
    ['clientId', secrets.clientId],
    ['memberIdentifier', draft.memberIdentifier],
    ['roleName', draft.roleName],
    ['publicKey', secrets.publicKey],
    ['privateKey', secrets.privateKey],
    ['board', draft.board],
  ];
  const missing = required.filter(([, value]) => value.trim() === '').map(([name]) => name);
  if (draft.statuses.every((s) => s.trim() === '')) missing.push('statuses');
  return missing;
}

/**
 * A passing report is sent as is. Otherwise the file says it was not validated, why (the user's words), and
 * carries the failing report if there is one. Null when a reason is needed and there is none.
 */
export function validationPart(
  report: ValidationReport | null,
  reason: string,
): ValidationReport | NotValidated | null {
  if (report?.ok) return report;
  if (reason.trim() === '') return null;
  return report
    ? { validated: false, reason: reason.trim(), report }
    : { validated: false, reason: reason.trim() };
}

export interface PayloadFields {
  createdAt: string;
  appVersion: string;
  contact: { name: string; email: string };
  site: string;
  companyId: string;
  memberIdentifier: string;
  roleName: string;
  board: { id: number | null; name: string };
  statuses: { id: number | null; name: string }[];
  secrets: SubmissionSecrets;
  validation: ValidationReport | NotValidated;
}

/** apiBase and codebase come from the last report's connection; before any live check they are "". */
export function buildPayload(fields: PayloadFields): SubmissionPayload {
  const connection =
    'checks' in fields.validation ? fields.validation.connection : fields.validation.report?.connection;
  return {
    format: SUBMISSION_FORMAT,
    version: SUBMISSION_VERSION,
    createdAt: fields.createdAt,
    appVersion: fields.appVersion,
    contact: { name: fields.contact.name.trim(), email: fields.contact.email.trim() },
    connectwise: {
      site: fields.site.trim(),
      apiBase: connection?.apiBase ?? '',
      codebase: connection?.codebase ?? '',
      companyId: fields.companyId.trim(),
      clientId: fields.secrets.clientId.trim(),
      publicKey: fields.secrets.publicKey.trim(),
      privateKey: fields.secrets.privateKey.trim(),
      memberIdentifier: fields.memberIdentifier.trim(),
      roleName: fields.roleName.trim(),
      board:
        fields.board.id === null
          ? { id: null, name: fields.board.name }
          : { id: fields.board.id, name: fields.board.name },
      statuses: fields.statuses.map((s) =>
        s.id === null ? { id: null, name: s.name } : { id: s.id, name: s.name },
      ),
    },
    validation: fields.validation,
  };
}

/** Names matched to the ids seen live: exactly first, then ignoring case and surrounding spaces. */
export function withIds(
  names: readonly string[],
  known: readonly IdName[],
): { id: number | null; name: string }[] {
  return names
    .map((name) => name.trim())
    .filter((name) => name !== '')
    .map((name) => {
      const hit =
        known.find((k) => k.name === name) ??
        known.find((k) => k.name.trim().toLowerCase() === name.toLowerCase());
      return { id: hit?.id ?? null, name };
    });
}

/** The payload with each secret replaced by SECRET_MASK (or "" when it is not set). Still a valid payload. */
export function maskPayload(payload: SubmissionPayload): SubmissionPayload {
  const mask = (value: string) => (value === '' ? '' : SECRET_MASK);
  const { connectwise } = payload;
  return {
    ...payload,
    connectwise: {
      ...connectwise,
      clientId: mask(connectwise.clientId),
      publicKey: mask(connectwise.publicKey),
      privateKey: mask(connectwise.privateKey),
    },
  };
}
