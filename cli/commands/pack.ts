/**
 * `bitagent-cw pack --input FILE|- --recipient PUBLIC_JWK --out FILE [--validate] [--reason TEXT]
 * [--signing-key FILE] [--timeout-ms N] [--ca FILE]`: the wizard's export without the wizard, from the same
 * input JSON as `validate`
 * (`{"site","companyId","clientId","publicKey","privateKey","board","statuses":[...]}`, plus optional
 * contactName, contactEmail, memberIdentifier, roleName; other keys are ignored, so `open --json --reveal`
 * output packs again).
 *
 * As in the wizard: with --validate a passing report is embedded; a failing one needs --reason (it is then
 * sent as "not validated", with the report). Without --validate the file says "not validated" with --reason
 * or a default reason. The signing key is this computer's installation key file (created on first use,
 * mode 0600) unless --signing-key names another.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { SECRET_MASK } from '../../common/schemas/submission.js';
import { ValidationInputSchema, type ValidationReport } from '../../common/schemas/validation.js';
import { silentLogger } from '../../main/log.js';
import { defaultUserDataDir } from '../../main/platform/user-data-dir.js';
import {
  buildPayload,
  createFileKeyStore,
  createInstallationKey,
  INSTALLATION_KEY_FILE,
  ioFailureReason,
  isDevelopmentRecipient,
  MAX_SUBMISSION_BYTES,
  packSubmission,
  parseRecipientPublicJwk,
  validationPart,
  withIds,
  writeFileAtomic,
} from '../../main/submission/index.js';
import { findProjectPaths } from '../paths.js';
import { type Command, CommandFailure, type CommandIo, UsageError } from '../usage.js';
import { checkCaFile, runPackValidation } from './pack-validate.js';
import { readJsonArgument, readKeyArgument, shown } from './submission-shared.js';

const PackInputSchema = ValidationInputSchema.extend({
  contactName: z.string().max(200).optional(),
  contactEmail: z.string().max(254).optional(),
  memberIdentifier: z.string().max(100).optional(),
  roleName: z.string().max(100).optional(),
});
type PackInput = z.infer<typeof PackInputSchema>;

const DEFAULT_REASON = 'Packed with bitagent-cw pack, without --validate.';
const SECRET_FIELDS = ['clientId', 'publicKey', 'privateKey'] as const;

export const packCommand: Command = {
  name: 'pack',
  synopsis:
    'pack --input FILE|- --recipient PUBLIC_JWK --out FILE [--validate] [--reason TEXT] [--signing-key FILE]',
  summary: 'Sign and encrypt a submission from an input JSON, as the wizard exports it.',
  async run(args, io) {
    const { values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        input: { type: 'string' },
        recipient: { type: 'string' },
        out: { type: 'string' },
        validate: { type: 'boolean', default: false },
        reason: { type: 'string' },
        'signing-key': { type: 'string' },
        // The same flags as `validate`.
        ca: { type: 'string' },
        'timeout-ms': { type: 'string' },
      },
    });
    if (!values.input) throw new UsageError('--input FILE (or - for standard input) is required');
    if (!values.recipient) throw new UsageError('--recipient PUBLIC_JWK is required');
    if (!values.out) throw new UsageError('--out FILE is required');
    if (values.reason !== undefined && (values.reason.trim() === '' || values.reason.length > 1000)) {
      throw new UsageError('--reason must be 1 to 1000 characters');
    }
    const rawTimeout = values['timeout-ms'];
    const timeoutMs = rawTimeout === undefined ? undefined : Number(rawTimeout);
    if (rawTimeout !== undefined && !(/^\d+$/.test(rawTimeout) && timeoutMs && timeoutMs <= 600_000)) {
      throw new UsageError('--timeout-ms must be a whole number of milliseconds from 1 to 600000');
    }
    if (!values.validate && (values.ca !== undefined || timeoutMs !== undefined)) {
      throw new UsageError('--ca and --timeout-ms apply only with --validate');
    }

    if (values.ca !== undefined) await checkCaFile(values.ca);
    const input = parseInput(await readJsonArgument(values.input, io, 'input', MAX_SUBMISSION_BYTES));
    const recipient = await readKeyArgument(values.recipient, io, 'recipient key', parseRecipientPublicJwk);
    const out = path.resolve(values.out);

    let report: ValidationReport | null = null;
    if (values.validate) {
      io.err('Validating against ConnectWise...');
      report = await runPackValidation(input, { timeoutMs, caFile: values.ca });
    }
    const validation = validationPart(report, values.reason ?? (report ? '' : DEFAULT_REASON));
    if (!validation) {
      const failed = report?.checks.filter((c) => c.status === 'fail').map((c) => c.id) ?? [];
      throw new CommandFailure(
        `validation did not pass (${failed.join(', ') || 'see validate'}); fix it, or give --reason TEXT to send it anyway. Nothing was written.`,
      );
    }

    const pkg = packageInfo();
    const keyFile = values['signing-key']
      ? path.resolve(values['signing-key'])
      : path.join(defaultUserDataDir(pkg.productName), INSTALLATION_KEY_FILE);
    const signingKey = await createInstallationKey(createFileKeyStore(keyFile), silentLogger)().catch(() => {
      throw new CommandFailure(`cannot read or create the signing key "${shown(keyFile)}"`);
    });

    const payload = buildPayload({
      createdAt: new Date().toISOString(),
      appVersion: pkg.version,
      contact: { name: input.contactName ?? '', email: input.contactEmail ?? '' },
      site: input.site,
      companyId: input.companyId,
      memberIdentifier: input.memberIdentifier?.trim() || 'BitAgent',
      roleName: input.roleName?.trim() || 'BitAgent API',
      board: report?.board ?? { id: null, name: input.board.trim() },
      statuses: withIds(input.statuses, report?.statuses ?? []),
      secrets: { clientId: input.clientId, publicKey: input.publicKey, privateKey: input.privateKey },
      validation,
    });
    const text = await packSubmission(payload, { signingKey, recipientPublicJwk: recipient });
    try {
      await writeFileAtomic(out, text, { overwrite: false });
    } catch (error) {
      throw new CommandFailure(
        `cannot write "${shown(out)}": ${ioFailureReason(error)}. Nothing was written.`,
      );
    }

    printResult(io, {
      out,
      bytes: Buffer.byteLength(text),
      kid: recipient.kid,
      fingerprint: signingKey.signer.fingerprint,
      validated: 'checks' in validation,
    });
    return 0;
  },
};

function parseInput(value: unknown): PackInput {
  const parsed = PackInputSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      `input: "${issue?.path.join('.') || '(top level)'}" is missing or invalid (${issue?.code})`,
    );
  }
  const input = parsed.data;
  const missing: string[] = (
    ['site', 'companyId', 'clientId', 'publicKey', 'privateKey', 'board'] as const
  ).filter((field) => input[field].trim() === '');
  if (input.statuses.every((s) => s.trim() === '')) missing.push('statuses');
  if (missing.length > 0) throw new UsageError(`input: missing ${missing.join(', ')}`);
  // `open --json` without --reveal masks the keys: sealing the mask would send nothing usable.
  const masked = SECRET_FIELDS.filter((field) => input[field] === SECRET_MASK);
  if (masked.length > 0) {
    throw new UsageError(
      `input: ${masked.join(', ')} ${masked.length > 1 ? 'are' : 'is'} masked (use open --json --reveal)`,
    );
  }
  return input;
}

function packageInfo(): { productName: string; version: string } {
  return JSON.parse(readFileSync(findProjectPaths().packageJson, 'utf8')) as {
    productName: string;
    version: string;
  };
}

function printResult(
  io: CommandIo,
  r: { out: string; bytes: number; kid: string; fingerprint: string; validated: boolean },
): void {
  io.out(`Wrote ${r.out} (${r.bytes} bytes), sealed to ${r.kid}.`);
  io.out(`Signer fingerprint: ${r.fingerprint}`);
  io.out(
    r.validated
      ? 'Validation: passed; the report is in the file.'
      : 'Validation: not validated (the reason is in the file).',
  );
  if (isDevelopmentRecipient({ kid: r.kid })) {
    io.out('Note: sealed to the DEVELOPMENT key: only for tests and demos; BitAgent cannot open it.');
  }
}
