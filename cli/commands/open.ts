/**
 * `bitagent-cw open FILE --key PRIVATE_JWK [--json] [--reveal]`: BitAgent's side. Decrypts, checks the
 * signature and the schema, and prints what the MSP sent: secrets masked unless --reveal, the validation
 * summary, and the signer fingerprint to confirm with the MSP by phone.
 *
 * Exit 0: a valid submission. Exit 1: one line saying why it is refused (not a submission, for another key,
 * bad signature, schema mismatch, unsupported version). Exit 2: a usage error (including an unreadable FILE
 * or key).
 *
 * `--json` prints `{"ok":true,"signer":{...},"payload":{...}, ...}`; its top level also carries the fields
 * `bitagent-cw validate --input -` (and `pack --input -`) read, so `open --json --reveal | validate --input -`
 * re-validates from BitAgent's side.
 */
import { parseArgs } from 'node:util';
import { AppFailure } from '../../common/errors.js';
import type { SubmissionPayload } from '../../common/schemas/submission.js';
import type { ValidationReport } from '../../common/schemas/validation.js';
import {
  FileTooLargeError,
  isDevelopmentRecipient,
  MAX_SUBMISSION_BYTES,
  maskPayload,
  type OpenedSubmission,
  openSubmission,
  parseRecipientPrivateJwk,
  readBoundedFile,
} from '../../main/submission/index.js';
import { type Command, CommandFailure, UsageError } from '../usage.js';
import { printable, readKeyArgument, shown } from './submission-shared.js';

export const openCommand: Command = {
  name: 'open',
  synopsis: 'open FILE --key JWK [--json] [--reveal]',
  summary: 'Decrypt and verify a .bitagent submission and show what it says (keys masked unless --reveal).',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        key: { type: 'string' },
        json: { type: 'boolean', default: false },
        reveal: { type: 'boolean', default: false },
      },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE to open');
    const file = positionals[0] as string;
    if (!values.key) throw new UsageError('--key PRIVATE_JWK is required');
    const key = await readKeyArgument(values.key, io, 'key', parseRecipientPrivateJwk);

    let bytes: Buffer;
    try {
      bytes = await readBoundedFile(file, MAX_SUBMISSION_BYTES);
    } catch (error) {
      if (!(error instanceof FileTooLargeError)) {
        throw new UsageError(
          `cannot read "${shown(file)}" (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        );
      }
      return refuse(new AppFailure('not-a-submission', 'Not a submission: the file is larger than 1 MB.'));
    }

    let opened: OpenedSubmission;
    try {
      opened = await openSubmission(bytes, key);
    } catch (error) {
      if (error instanceof AppFailure) return refuse(error);
      throw error;
    }

    const payload = values.reveal ? opened.payload : maskPayload(opened.payload);
    if (values.json) {
      io.out(JSON.stringify({ ok: true, signer: opened.signer, payload, ...validationInputOf(payload) }));
    } else {
      for (const line of humanLines(opened, payload, key.kid, values.reveal)) io.out(line);
    }
    return 0;

    function refuse(error: AppFailure): never {
      if (values.json)
        io.out(JSON.stringify({ ok: false, error: { code: error.code, message: error.message } }));
      throw new CommandFailure(error.message);
    }
  },
};

/** The payload's fields under the names `validate --input` and `pack --input` read. */
function validationInputOf(payload: SubmissionPayload) {
  const cw = payload.connectwise;
  return {
    site: cw.site,
    companyId: cw.companyId,
    clientId: cw.clientId,
    publicKey: cw.publicKey,
    privateKey: cw.privateKey,
    board: cw.board.name,
    statuses: cw.statuses.map((s) => s.name),
    contactName: payload.contact.name,
    contactEmail: payload.contact.email,
    memberIdentifier: cw.memberIdentifier,
    roleName: cw.roleName,
  };
}

function humanLines(
  opened: OpenedSubmission,
  payload: SubmissionPayload,
  kid: string,
  reveal: boolean,
): string[] {
  const p = (value: string) => (value === '' ? '(not given)' : printable(value));
  const withId = (item: { id: number | null; name: string }) =>
    `${printable(item.name)} ${item.id === null ? '(id not checked)' : `(#${item.id})`}`;
  const cw = payload.connectwise;
  const hidden = reveal ? '' : '  (masked; --reveal shows it)';
  const lines = [
    `Valid BitAgent ConnectWise submission (format v${payload.version}): decrypted, signature verified.`,
    `Signer fingerprint: ${opened.signer.fingerprint}   (confirm it with the MSP by phone)`,
    `Signer thumbprint:  ${opened.signer.thumbprint}`,
    `Created:            ${payload.createdAt}, by the app version ${p(payload.appVersion)}`,
    `Sealed to key:      ${kid}${isDevelopmentRecipient({ kid }) ? '  (DEVELOPMENT key: test and demo only)' : ''}`,
    `Contact:            ${p(payload.contact.name)} <${p(payload.contact.email)}>`,
    'ConnectWise',
    `  Site:             ${p(cw.site)}`,
    `  API base:         ${cw.apiBase === '' ? '(not checked live)' : printable(cw.apiBase)}`,
    `  Codebase:         ${cw.codebase === '' ? '(not checked live)' : printable(cw.codebase)}`,
    `  Company ID:       ${p(cw.companyId)}`,
    `  Client ID:        ${p(cw.clientId)}${hidden}`,
    `  Public key:       ${p(cw.publicKey)}${hidden}`,
    `  Private key:      ${p(cw.privateKey)}${hidden}`,
    `  API member:       ${p(cw.memberIdentifier)}`,
    `  Security role:    ${p(cw.roleName)}`,
    `  Service board:    ${withId(cw.board)}`,
    `  Ticket statuses:  ${cw.statuses.map(withId).join(', ') || '(none)'}`,
  ];
  const v = payload.validation;
  if ('checks' in v) {
    lines.push(`Validation:         ${v.ok ? 'PASSED' : 'FAILED'}${summary(v)}`, ...checkLines(v));
  } else {
    lines.push(`Validation:         NOT VALIDATED. The MSP's reason: ${p(v.reason)}`);
    if (v.report)
      lines.push(
        `  Last report:      ${v.report.ok ? 'passed' : 'failed'}${summary(v.report)}`,
        ...checkLines(v.report),
      );
  }
  return lines;
}

function summary(report: ValidationReport): string {
  const counts = new Map<string, number>();
  for (const check of report.checks) counts.set(check.status, (counts.get(check.status) ?? 0) + 1);
  const parts = [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
  return ` at ${report.checkedAt}: ${report.checks.length} checks (${parts || 'none'})`;
}

/** Every check that did not pass, one line each. */
function checkLines(report: ValidationReport): string[] {
  return report.checks
    .filter((c) => c.status !== 'pass')
    .map(
      (c) =>
        `    ${c.status.padEnd(10)} ${c.id.padEnd(16)} ${printable(c.title, 100)}: ${printable(c.detail, 200)}`,
    );
}
