/**
 * `pack --validate`: the same validation as `bitagent-cw validate` (main/validation), run before sealing so
 * the report goes into the file. Kept apart so that sealing does not depend on how validation is called.
 */
import { AppFailure } from '../../common/errors.js';
import type { ValidationInput, ValidationReport } from '../../common/schemas/validation.js';
import { readCaFile } from '../../main/connectwise/session.js';
import { runValidation } from '../../main/validation/run.js';
import { CommandFailure, UsageError } from '../usage.js';

/** As `validate` does: a CA file that cannot be used is a usage error, found before anything else runs. */
export async function checkCaFile(file: string): Promise<void> {
  try {
    await readCaFile(file);
  } catch (error) {
    throw new UsageError(error instanceof AppFailure ? error.message : 'the CA file cannot be read');
  }
}

export async function runPackValidation(
  input: ValidationInput & { roleName?: string | undefined },
  options: { timeoutMs?: number | undefined; caFile?: string | undefined },
): Promise<ValidationReport> {
  try {
    return await runValidation(input, {
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.caFile !== undefined ? { caFile: options.caFile } : {}),
      ...(input.roleName?.trim() ? { roleName: input.roleName.trim() } : {}),
    });
  } catch (error) {
    // Validation reports what it finds as checks; what it throws (an unreadable CA file, say) stops the pack.
    if (error instanceof AppFailure) throw new CommandFailure(`${error.message} Nothing was written.`);
    throw error;
  }
}
