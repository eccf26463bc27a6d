/**
 * `bitagent-cw validate --input FILE|- [--json] [--timeout-ms N] [--ca FILE]`: every check against the live
 * PSA, from this computer. Exit 0 when no check failed, 1 when one did, 2 for a bad input file or flags.
 * The keys and the Client ID are read from the file and never printed.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AppFailure } from '../../common/errors.js';
import { type ValidationInput, ValidationInputSchema } from '../../common/schemas/validation.js';
import { readCaFile } from '../../main/connectwise/session.js';
import { runValidation } from '../../main/validation/run.js';
import { type Command, CommandFailure, type CommandIo, UsageError } from '../usage.js';
import { formatReport, wantsColour } from './validate-output.js';

const MAX_INPUT_BYTES = 1024 * 1024;
const MAX_TIMEOUT_MS = 600_000;

export const validateCommand: Command = {
  name: 'validate',
  synopsis: 'validate --input FILE|- [--json] [--timeout-ms N] [--ca FILE]',
  summary: 'Check site, keys, role, board and statuses against your live ConnectWise PSA (read-only).',
  async run(args, io) {
    const { values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        input: { type: 'string' },
        json: { type: 'boolean', default: false },
        'timeout-ms': { type: 'string' },
        ca: { type: 'string' },
      },
    });
    if (values.input === undefined)
      throw new UsageError('--input FILE (or - for standard input) is required');
    const timeoutMs = parseTimeout(values['timeout-ms']);
    if (values.ca !== undefined) await checkCa(values.ca);
    const input = parseInput(await readInputText(values.input, io));

    const controller = new AbortController();
    void io.interrupted().then(() => controller.abort());
    let report: Awaited<ReturnType<typeof runValidation>>;
    try {
      report = await runValidation(input, {
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        ...(values.ca !== undefined ? { caFile: values.ca } : {}),
        ...(input.roleName?.trim() ? { roleName: input.roleName.trim().slice(0, 100) } : {}),
        signal: controller.signal,
      });
    } catch (error) {
      if (error instanceof AppFailure) throw new CommandFailure(error.message);
      throw error;
    }
    if (values.json) io.out(JSON.stringify(report, null, 2));
    else io.out(formatReport(report, wantsColour(io.env, process.stdout.isTTY === true)));
    return report.ok ? 0 : 1;
  },
};

function parseTimeout(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > MAX_TIMEOUT_MS)
    throw new UsageError(`--timeout-ms must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}`);
  return value;
}

async function checkCa(path: string): Promise<void> {
  try {
    await readCaFile(path);
  } catch (error) {
    throw new UsageError(error instanceof AppFailure ? error.message : `the CA file ${path} cannot be read`);
  }
}

async function readInputText(source: string, io: CommandIo): Promise<string> {
  if (source === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of io.stdin) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += buffer.length;
      if (size > MAX_INPUT_BYTES) throw new UsageError('standard input is larger than 1 MB');
      chunks.push(buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    const text = await readFile(source, 'utf8');
    if (Buffer.byteLength(text) > MAX_INPUT_BYTES)
      throw new UsageError(`the input file ${source} is larger than 1 MB`);
    return text;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`cannot read the input file ${source} (${code})`);
  }
}

/** The file's problems by field and kind, never by value: the file holds the keys. */
function parseInput(text: string): ValidationInput & { roleName?: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError('the input is not valid JSON');
  }
  const parsed = ValidationInputSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where =
      issue && issue.path.length > 0 ? `field "${issue.path.map(String).join('.')}"` : 'the input';
    throw new UsageError(
      `${where} is ${issue?.code === 'invalid_type' ? 'missing or of the wrong type' : 'invalid'} (expected {"site","companyId","clientId","publicKey","privateKey","board","statuses":[...]})`,
    );
  }
  // The role's name (an `open --json` payload carries it) only words the fixes; the schema drops extra keys.
  const roleName = (json as { roleName?: unknown }).roleName;
  return typeof roleName === 'string' ? { ...parsed.data, roleName } : parsed.data;
}
